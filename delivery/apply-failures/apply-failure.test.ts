// The apply-failure tool on recorded output (fixtures/, recorded by the live test below) and on a real
// `terraform apply` with AWS provider 5.100.0 against a Cloud Control stand-in on 127.0.0.1, which also
// shows what the provider leaves in state when a create fails: nothing without an identifier, a tainted
// object with one. Either way the retry creates under the same name.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canPlanOffline } from '../plan-guard/real-plans';
import { environments, synthEnvironment } from '../../test/synth-helpers';
import { cloudControlAddress, generationTrigger } from '../../test/bot-wiring';
import { applyErrors, diagnoseApplyFailure, runApplyFailureCli, RUNBOOK_FAILED_CREATE } from './apply-failure';
import { startCloudControlStandIn, type FailedCreate } from './test-support/cloud-control-stand-in';
import { findMirror, terraformFolder } from './test-support/terraform-apply';

const fixture = (name: string) => readFileSync(path.join(__dirname, 'fixtures', name), 'utf8');
const dev = synthEnvironment(environments.find((e) => e.name === 'dev')!);
const botAddress = cloudControlAddress(dev, 'AWS::Lex::Bot');
const generation = generationTrigger(dev, dev.resource.aws_cloudcontrolapi_resource![botAddress.split('.')[1]!]!);
/** A recorded output as the real stack's apply would print it: the fixture's address is the bot's. */
const asStack = (text: string) => text.replaceAll('aws_cloudcontrolapi_resource.bot', botAddress);

describe('recognising a failed apply', () => {
  it('names the runbook and the command for a fresh name when the bot\'s name is taken (AlreadyExists)', () => {
    expect(diagnoseApplyFailure(asStack(fixture('no-identifier.apply.txt')), dev)).toEqual([{
      kind: 'bot-name-taken', address: botAddress,
      message: expect.stringContaining(`\`terraform apply -replace='${generation}'\` (${RUNBOOK_FAILED_CREATE})`),
    }]);
    // Without the stack it still names the step, and how to find the generation.
    expect(diagnoseApplyFailure(fixture('no-identifier.apply.txt'))[0]!.message).toMatch(/-replace='terraform_data\.<the bot's generation: terraform state list \| grep bot_generation>'/);
  });

  it('warns of the orphan after any other failed create of the bot', () => {
    expect(diagnoseApplyFailure(asStack(fixture('identifier.apply.txt')), dev)).toEqual([{
      kind: 'bot-create-failed', address: botAddress, message: expect.stringMatching(/next run fails with AlreadyExists: check for it before re-running \(docs\/operations\.md#a-bot-create-that-failed\)/),
    }]);
  });

  it('reads the coloured form too (boxes around each diagnostic)', () => {
    const boxed = asStack(fixture('no-identifier.apply.txt')).split('\n').map((l) => (l.startsWith('Error') || l.startsWith('  with') ? `│ ${l}` : l)).join('\n');
    expect(diagnoseApplyFailure(boxed, dev).map((d) => d.kind)).toEqual(['bot-name-taken']);
  });

  it('names an in-place update of the bot (refused by Cloud Control or handed a bot without locales)', () => {
    const log = `Error: updating Cloud Control API (AWS::Lex::Bot) Resource (BOTID12345): operation error CloudControl: UpdateResource, ValidationException: noSuchPath\n\n  with ${botAddress},\n`;
    expect(diagnoseApplyFailure(log, dev)).toEqual([{ kind: 'in-place-update-refused', address: botAddress, message: expect.stringContaining('#a-bot-change-that-plans-an-in-place-update') }]);
  });

  it('leaves other failures alone: another type\'s AlreadyExists (hashicorp/terraform-provider-awscc#338, AppFlow), a version that did not stabilize (#894)', () => {
    const appflow = 'Error: Waiting for Cloud Control API service CreateResource operation completion returned: waiter state transitioned to FAILED. StatusMessage: Conflict executing request: Flow with name flow-1 already exists. (Service: Appflow, Status Code: 409, Request ID: 1). ErrorCode: AlreadyExists\n\n  with awscc_appflow_flow.flow,\n';
    const version = "Error: Waiting for Cloud Control API service CreateResource operation completion returned: waiter state transitioned to FAILED. StatusMessage: Resource of type 'AWS::Lex::BotVersion' with identifier 'GQGFU6U68R' did not stabilize.. ErrorCode: NotStabilized\n";
    expect(diagnoseApplyFailure(appflow + version, dev)).toEqual([]);
    expect(applyErrors(appflow + version)).toHaveLength(2);
  });

  it('CLI: one line per diagnosis, exit 0; usage and unreadable input exit 2', () => {
    const out: string[] = [];
    const err: string[] = [];
    expect(runApplyFailureCli([path.join(__dirname, 'fixtures', 'no-identifier.apply.txt')], (l) => out.push(l), (l) => err.push(l))).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^- \*\*bot-name-taken\*\*: `aws_cloudcontrolapi_resource\.bot` could not be created/)]);
    expect(runApplyFailureCli([], (l) => out.push(l), (l) => err.push(l))).toBe(2);
    expect(runApplyFailureCli(['/nonexistent'], (l) => out.push(l), (l) => err.push(l))).toBe(2);
    expect(err.at(-1)).toBe('apply-failure: cannot read its input (ENOENT)');
  });
});

const mirror = canPlanOffline() ? findMirror() : undefined;

describe.skipIf(!mirror)('a failed create with AWS provider 5.100.0 and Terraform (against a Cloud Control stand-in)', () => {
  // Two bots in one apply (each start of the provider costs about 10 s of CPU here): Cloud Control answers
  // the first create without an identifier, the second with one; both then fail. What is measured is the
  // provider's create, which is the same for every type, so the resources are minimal.
  const NO_ID = 'secure-input-dev-bot-0b5c1e6e';
  const WITH_ID = 'secure-input-dev-bot-5f0c2a9e';
  const failures: Record<string, FailedCreate> = {
    [NO_ID]: { errorCode: 'AlreadyExists', statusMessage: 'stand-in: a bot of this name exists' },
    [WITH_ID]: { identifier: 'ORPHAN0001', errorCode: 'GeneralServiceException', statusMessage: 'stand-in: the build failed' },
  };
  const bot = (name: string) => ({
    type_name: 'AWS::Lex::Bot', desired_state: JSON.stringify({ Name: name }),
    schema: JSON.stringify({ typeName: 'AWS::Lex::Bot', properties: { Name: { type: 'string' } }, primaryIdentifier: ['/properties/Id'], additionalProperties: false }),
  });
  const config = (url: string) => ({
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
    provider: { aws: { region: 'us-east-1', access_key: 'stand-in', secret_key: 'stand-in', skip_credentials_validation: true, skip_requesting_account_id: true, skip_metadata_api_check: true, endpoints: { cloudcontrolapi: url } } },
    resource: { aws_cloudcontrolapi_resource: { plain: bot(NO_ID), tainted: bot(WITH_ID) } },
  });
  let apply: { status: number; output: string };
  let resources: any[];
  let requests: string[];

  beforeAll(async () => {
    const standIn = await startCloudControlStandIn(failures);
    try {
      const tf = terraformFolder(mirror!, config(standIn.url));
      apply = await tf.run('apply', '-auto-approve', '-input=false', '-no-color');
      resources = JSON.parse(readFileSync(path.join(tf.dir, 'terraform.tfstate'), 'utf8')).resources;
      requests = standIn.requests;
    } finally {
      await standIn.close();
    }
  }, 240_000);

  it('fails the apply with the provider\'s error for each, as recorded in fixtures/', () => {
    expect(apply.status).toBe(1);
    expect(requests.filter((r) => r.startsWith('CreateResource')).sort()).toEqual([`CreateResource ${NO_ID}`, `CreateResource ${WITH_ID}`]);
    expect(apply.output).toContain("Error: waiting for Cloud Control API (AWS::Lex::Bot) Resource () create: unexpected state 'FAILED', wanted target 'SUCCESS'. last error: AlreadyExists: stand-in: a bot of this name exists");
    expect(apply.output).toContain("Error: waiting for Cloud Control API (AWS::Lex::Bot) Resource (ORPHAN0001) create: unexpected state 'FAILED', wanted target 'SUCCESS'. last error: GeneralServiceException: stand-in: the build failed");
  });

  it('saves nothing without an identifier (a retry creates it again, under the same name) and the object, tainted, with one (a retry replaces it, create first, under the same name)', () => {
    // A tainted object is planned for replacement (Terraform CLI docs, `terraform taint`); the bot is
    // create_before_destroy, so its replacement is created while the tainted one still holds the name.
    expect(resources.map((r) => [`${r.type}.${r.name}`, r.instances[0].status, r.instances[0].attributes.id])).toEqual([['aws_cloudcontrolapi_resource.tainted', 'tainted', 'ORPHAN0001']]);
  });

  it('names the runbook for each', () => {
    expect(diagnoseApplyFailure(apply.output).map((d) => [d.kind, d.address]).sort()).toEqual([
      ['bot-create-failed', 'aws_cloudcontrolapi_resource.tainted'], ['bot-name-taken', 'aws_cloudcontrolapi_resource.plain'],
    ]);
  });
});
