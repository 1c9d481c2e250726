// Plans made by the real Terraform, offline, for the guard's tests: a stack folder with a config and a
// hand-written state file, planned by ../shared/tools/tf-offline-check.mjs (which keeps a terraform.tfstate
// lying in the stack folder, swaps the backend for a local one and plans with -refresh=false).
import { App } from 'cdktf';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { environmentInputs, exampleInputs } from '../../environments';
import { buildApp } from '../../main';

export const OFFLINE_CHECK = path.resolve(__dirname, '..', '..', '..', 'shared', 'tools', 'tf-offline-check.mjs');

export const canPlanOffline = (): boolean =>
  existsSync(OFFLINE_CHECK) && spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;

const PROVIDER = 'provider["registry.terraform.io/hashicorp/aws"]';
const INSTANCE_ARN = 'arn:aws:connect:us-east-1:111122223333:instance/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee';

type Attributes = Record<string, unknown>;
const stateResource = (type: string, name: string, attributes: Attributes) =>
  ({ mode: 'managed', type, name, provider: PROVIDER, instances: [{ schema_version: 0, attributes }] });

const KEY_ID = '11111111-2222-3333-4444-555555555555';
/** A key as the provider records it, so that changing only its description is an in-place update. */
const keyState = (id: string, description: string): Attributes => ({
  id, arn: `arn:aws:kms:us-east-1:111122223333:key/${id}`, description, deletion_window_in_days: 30, enable_key_rotation: true, is_enabled: true,
  key_usage: 'ENCRYPT_DECRYPT', customer_master_key_spec: 'SYMMETRIC_DEFAULT', bypass_policy_lockout_safety_check: false, multi_region: false,
});

/** The fixture stack's name: every kind of change, on protected and unprotected resources, in one plan. */
export const PROTECTED_CHANGES = 'protected-changes';

/**
 * The key leaves the config (delete); the state bucket is renamed (delete, then create); the number
 * changes type under create_before_destroy (create, then delete). Those three must be refused. Passing:
 * another key's description changes (update of a protected type), a Connect instance is added (create of
 * one), a log group's retention changes (update) and an old log group goes (delete of an unprotected type).
 * A `removed` block with `destroy = false` forgets a key (refused like a delete) and a log group (counted, passes).
 */
export function fixtureStacks(): Record<string, { config: object; state: object[] }> {
  return {
    [PROTECTED_CHANGES]: {
      config: {
        resource: {
          aws_kms_key: { described: { description: 'now described', deletion_window_in_days: 30, enable_key_rotation: true } },
          aws_s3_bucket: { state: { bucket: 'secure-input-tfstate-renamed' } },
          aws_connect_phone_number: { number: { target_arn: INSTANCE_ARN, country_code: 'US', type: 'TOLL_FREE', lifecycle: { create_before_destroy: true } } },
          aws_connect_instance: { added: { instance_alias: 'secure-input-fixture', identity_management_type: 'CONNECT_MANAGED', inbound_calls_enabled: true, outbound_calls_enabled: false } },
          aws_cloudwatch_log_group: { logs: { name: '/aws/lambda/secure-input-dev-encrypt', retention_in_days: 30 } },
        },
        // Terraform >= 1.7: these leave the state but stay in AWS.
        removed: [
          { from: 'aws_kms_key.forgotten', lifecycle: { destroy: false } },
          { from: 'aws_cloudwatch_log_group.forgotten', lifecycle: { destroy: false } },
        ],
      },
      state: [
        stateResource('aws_kms_key', 'key', keyState(KEY_ID, 'the key')),
        stateResource('aws_kms_key', 'described', keyState('66666666-7777-8888-9999-000000000000', 'old')),
        stateResource('aws_s3_bucket', 'state', { id: 'secure-input-tfstate-111122223333', bucket: 'secure-input-tfstate-111122223333', force_destroy: false }),
        stateResource('aws_connect_phone_number', 'number', { id: 'pn-1', arn: `${INSTANCE_ARN}/phone-number/pn-1`, target_arn: INSTANCE_ARN, country_code: 'US', type: 'DID' }),
        stateResource('aws_cloudwatch_log_group', 'logs', { id: '/aws/lambda/secure-input-dev-encrypt', name: '/aws/lambda/secure-input-dev-encrypt', retention_in_days: 14, skip_destroy: false }),
        stateResource('aws_cloudwatch_log_group', 'old', { id: '/aws/lambda/secure-input-dev-old', name: '/aws/lambda/secure-input-dev-old', retention_in_days: 14, skip_destroy: false }),
        stateResource('aws_kms_key', 'forgotten', keyState('77777777-8888-9999-0000-111111111111', 'forgotten')),
        stateResource('aws_cloudwatch_log_group', 'forgotten', { id: '/aws/lambda/secure-input-dev-kept', name: '/aws/lambda/secure-input-dev-kept', retention_in_days: 14, skip_destroy: false }),
      ],
    },
  };
}

/**
 * A new synthesized output folder with the stacks of the named environments or examples only, each with its
 * bootstrap stack, as the whole app's synth writes them (a stack does not depend on the others): a test
 * that plans one stack need not synthesize all of them.
 */
export function synthesizeStacksOf(names: readonly string[]): string {
  const inputs = [...environmentInputs, ...exampleInputs].filter((i) => names.includes(i.name));
  if (inputs.length !== names.length) throw new Error(`not all of ${names.join(', ')} are environments or examples`);
  const out = mkdtempSync(path.join(tmpdir(), 'plans-out-'));
  buildApp(new App({ outdir: out, stackTraces: false }), inputs).synth();
  return out;
}

/** Writes the fixture stacks, config and state, into a synthesized output folder. */
export function writeFixtureStacks(outdir: string, stacks = fixtureStacks()): void {
  for (const [name, { config, state }] of Object.entries(stacks)) {
    const dir = path.join(outdir, 'stacks', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify({
      terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '5.100.0' } } },
      provider: { aws: [{ region: 'us-east-1' }] },
      ...config,
    }));
    writeFileSync(path.join(dir, 'terraform.tfstate'), JSON.stringify({ version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'guard-fixture', outputs: {}, resources: state }));
  }
}

/**
 * A bootstrap stack whose state still holds the state bucket under an address its config no longer has:
 * what a change that removed the bucket's resource block (and with it its `prevent_destroy`) would plan.
 */
export const RETIRED_BUCKET_ADDRESS = 'aws_s3_bucket.retired_state';
export function writeStateWithRetiredBucket(outdir: string, stack: string, bucket: string): void {
  writeFileSync(path.join(outdir, 'stacks', stack, 'terraform.tfstate'), JSON.stringify({
    version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'guard-bootstrap', outputs: {},
    resources: [stateResource('aws_s3_bucket', 'retired_state', { id: bucket, bucket, force_destroy: false })],
  }));
}

/**
 * Terraform and the AWS provider are Go programs: a larger garbage-collector target (GOGC, Go runtime
 * documentation) spends about a fifth less CPU per provider start here (measured: 11.9 s to 9.4 s of user time
 * for one stack's offline check, a few hundred MB more memory), which the test suite, CPU-bound on two cores,
 * turns into wall time.
 */
export const LESS_GC = { GOGC: '400' };

/** Skips what the plan tests do not read: delivery/test-support/terraform-for-plan-tests.mjs says what and why. */
const PLAN_TESTS_TERRAFORM = path.resolve(__dirname, '..', 'test-support', 'terraform-for-plan-tests.mjs');

/** Options of a plan run. `env`: variables for the offline check, as if set in process.env (its TERRAFORM is the Terraform the stand-in runs). */
export interface PlanOptions { env?: Record<string, string> }

/** `tf-offline-check --plans` over some stacks: each plan's JSON and, when `text`, its rendering (`terraform show -no-color`). */
export function renderedPlansOf(outdir: string, stacks: string[], { text = true, env = {} }: PlanOptions & { text?: boolean } = {}): Record<string, { json: any; text: string }> {
  const plans = mkdtempSync(path.join(tmpdir(), 'guard-json-'));
  const base = { ...process.env, ...env };
  execFileSync(process.execPath, [OFFLINE_CHECK, outdir, '--plans', plans, ...stacks.flatMap((s) => ['--stack', s])], {
    encoding: 'utf8', stdio: 'pipe',
    env: { ...base, ...LESS_GC, TERRAFORM: PLAN_TESTS_TERRAFORM, PLAN_TESTS_TERRAFORM: base.TERRAFORM ?? 'terraform', PLAN_TESTS_TEXT: text ? '1' : '0' },
  });
  const read = (n: string, ext: string) => readFileSync(path.join(plans, `${n}.plan.${ext}`), 'utf8');
  return Object.fromEntries(stacks.map((n) => [n, { json: JSON.parse(read(n, 'json')), text: read(n, 'txt') }]));
}

/** `tf-offline-check --plans` over some stacks of a synthesized output folder: the plan JSON of each. */
export function plansOf(outdir: string, stacks: string[], options: PlanOptions = {}): Record<string, any> {
  return Object.fromEntries(Object.entries(renderedPlansOf(outdir, stacks, { ...options, text: false })).map(([n, p]) => [n, p.json]));
}
