import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import dev from '../../environments/dev';
import { loadEnvironment } from '../../environments';
import { instanceTarget } from '../../environments/connect-target';
import { connectVariants, examples, EXISTING_NUMBER_ID } from '../../test/synth-helpers';
import { checkConcurrency } from './aws-checks';
import { runPreflight } from './preflight';
import { redact } from './redact';
import { stackNeeds } from './stack-needs';
import { standInEnvironment, startAwsStandIn, type AwsStandIn } from './test-support/aws-stand-in';

// Models, over HTTP with the real SDK clients: KMS and Lambda refuse principals that do not exist
// (https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html), Lambda keeps 100
// unreserved concurrent executions (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html),
// Connect's instance and phone-number quotas L-AA17A6B9 and L-8F812903
// (https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html).

const ACCOUNT = '111122223333';
const FOREIGN = '999988887777';
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
let aws: AwsStandIn;
const saved = { ...process.env };

beforeAll(async () => {
  aws = await startAwsStandIn();
});
afterAll(() => aws.close());
beforeEach(() => {
  Object.assign(process.env, standInEnvironment(aws.url));
  // An account ready for dev: the CI roles and both bootstrap roles exist, nothing else of note.
  aws.roles = new Map(['secure-input-deploy', 'secure-input-plan', 'secure-input-key-admin', 'secure-input-operator', 'secure-input-smoke-dev'].map((n) => [n, role(n)]));
  aws.users = new Map();
  aws.lambda = { concurrentExecutions: 1000, unreserved: 1000, reserved: {} };
  aws.appliedQuotas = { 'L-AA17A6B9': 2 };
  aws.defaultQuotas = { 'L-AA17A6B9': 2, 'L-8F812903': 5 };
  aws.connectInstances = [];
  aws.instanceContents = {};
  aws.phoneNumbers = [];
  aws.denied = new Set();
  aws.calls = [];
});
afterEach(() => {
  for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});

async function preflight(argv: string[], environments = [loadEnvironment(dev)]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPreflight(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, environments);
  return { code, out, err };
}

describe('npm run preflight', () => {
  it('says in one line that all is well when every principal exists and the quotas allow the deploy', async () => {
    const { code, out, err } = await preflight(['--env', 'dev']);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(/^preflight dev: ready to deploy to 111122223333 us-east-1: 5 principals exist; .*; Connect has room \(1\/2 instances, 1\/5 numbers\)$/);
    expect(aws.calls.filter((c) => c === 'iam:GetRole')).toHaveLength(5);
    // No applied value for the phone-number quota: its default is read instead.
    expect(aws.calls).toEqual(expect.arrayContaining(['connect:ListInstances', 'servicequotas:GetServiceQuota', 'servicequotas:GetAWSDefaultServiceQuota']));
  });

  it('names a missing role, one line, exit 1', async () => {
    aws.roles.delete('secure-input-key-admin');
    const { code, out, err } = await preflight(['--env=dev']);
    expect({ code, out }).toEqual({ code: 1, out: [] });
    expect(err).toEqual([`preflight dev: role ${role('secure-input-key-admin')} does not exist: create it (bootstrap-<env> creates the roles that environments/*.ts asks for) or fix the config`]);
  });

  it('names a missing IAM user and a role that exists under another path', async () => {
    const env = loadEnvironment({ ...dev, decryptPrincipals: [...dev.decryptPrincipals, `arn:aws:iam::${ACCOUNT}:user/ops-alice`] });
    aws.roles.set('secure-input-plan', role('ci/secure-input-plan'));
    const { code, err } = await preflight(['--env', 'dev'], [env]);
    expect(code).toBe(1);
    expect(err).toEqual([
      `preflight dev: role ${role('secure-input-plan')} does not exist; a role of that name exists as ${role('ci/secure-input-plan')}`,
      `preflight dev: user arn:aws:iam::${ACCOUNT}:user/ops-alice does not exist: create it (bootstrap-<env> creates the roles that environments/*.ts asks for) or fix the config`,
    ]);
  });

  it('refuses a Connect deploy over the instance or phone-number quota, following every page of instances', async () => {
    aws.connectInstances = ['other-a', 'other-b'].map((alias, i) => ({ Id: `i${i}`, Arn: `arn:aws:connect:us-east-1:${ACCOUNT}:instance/i${i}`, InstanceAlias: alias, InstanceStatus: 'ACTIVE' }));
    aws.appliedQuotas['L-8F812903'] = 0;
    const { code, err } = await preflight(['--env', 'dev']);
    expect(code).toBe(1);
    expect(err).toEqual([
      'preflight dev: Connect instances in us-east-1: 2 exist and the stack creates 1, over the quota of 2 (L-AA17A6B9): request an increase or remove an instance',
      'preflight dev: Connect phone numbers in us-east-1: the stack claims 1, over the per-instance quota of 0 (L-8F812903): request an increase',
    ]);
    expect(aws.calls.filter((c) => c === 'connect:ListInstances')).toHaveLength(2);
  });

  it('counts the stack\'s own existing instance as no new one', async () => {
    aws.connectInstances = [{ Id: 'i0', Arn: `arn:aws:connect:us-east-1:${ACCOUNT}:instance/i0`, InstanceAlias: (dev.connect.instance as { create: { alias: string } }).create.alias, InstanceStatus: 'ACTIVE' }];
    aws.appliedQuotas['L-AA17A6B9'] = 1;
    expect((await preflight(['--env', 'dev'])).code).toBe(0);
  });

  it('never prints another account\'s ARN or id, and reports access denied as a problem', async () => {
    // A principal of another account must be declared trusted, or the config itself refuses it.
    const env = loadEnvironment({ ...dev, trustedPrincipalAccounts: [FOREIGN], kms: { ...dev.kms, administrators: [...dev.kms.administrators, `arn:aws:iam::${FOREIGN}:role/auditor`] } });
    const fine = await preflight(['--env', 'dev'], [env]);
    expect(fine.code).toBe(0);
    expect(fine.out[0]).toContain('5 principals exist, 1 in other accounts not checkable from here');
    aws.denied.add('iam:GetRole'); // the stand-in's refusal names a user of another account, as IAM's does
    const denied = await preflight(['--env', 'dev'], [env]);
    expect(denied.code).toBe(1);
    expect(denied.err).toHaveLength(5);
    expect(denied.err[0]).toBe(`preflight dev: cannot check role ${role('secure-input-deploy')}: access denied (needs iam:GetRole)`);
    expect([...fine.out, ...denied.err].join('\n')).not.toContain(FOREIGN);
  });

  it.each([
    [[], /^missing --env/],
    [['--env', 'dev', 'extra'], /^unexpected argument/],
    [['--env', 'no-such-env'], /^unknown environment "no-such-env": one of dev$/],
  ])('refuses %j with usage help and sends nothing', async (argv, line) => {
    const { code, err } = await preflight(argv);
    expect({ code, err, calls: aws.calls }).toEqual({ code: 2, err: [expect.stringMatching(line)], calls: [] });
  });
});

describe('without AWS credentials', () => {
  beforeEach(() => {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ROLE_ARN',
      'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) delete process.env[name];
    Object.assign(process.env, { AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_CONFIG_FILE: '/nonexistent/config', AWS_EC2_METADATA_DISABLED: 'true' });
  });

  it('says so in one line, exits 1 and sends nothing', async () => {
    const { code, out, err } = await preflight(['--env', 'dev']);
    expect({ code, out, calls: aws.calls }).toEqual({ code: 1, out: [], calls: [] });
    expect(err).toEqual(['preflight dev: no AWS credentials found: sign in to the environment\'s account (e.g. aws sso login) and try again']);
  });
});

describe('Lambda concurrency', () => {
  const lambda = () => new LambdaClient({ region: 'us-east-1', maxAttempts: 1 });
  const needs = { reservations: [{ functionName: 'secure-input-dev-decrypt', reserved: 2 }] };

  it('refuses a reservation that would leave fewer than 100 unreserved (a new account with a quota of 10)', async () => {
    aws.lambda = { concurrentExecutions: 10, unreserved: 10, reserved: {} };
    expect(await checkConcurrency(lambda(), needs, 'us-east-1')).toEqual({
      problems: ['Lambda concurrency in us-east-1: reserving 2 (secure-input-dev-decrypt: 2) would leave 8 unreserved, below Lambda\'s minimum of 100 (account limit 10): raise the "Concurrent executions" quota or leave the reservation unset'],
      summary: '',
    });
  });

  it('counts the function\'s existing reservation back into the pool (day two), and asks nothing when nothing is reserved', async () => {
    aws.lambda = { concurrentExecutions: 1000, unreserved: 100, reserved: { 'secure-input-dev-decrypt': 2 } };
    expect((await checkConcurrency(lambda(), needs, 'us-east-1')).problems).toEqual([]);
    aws.calls = [];
    expect(await checkConcurrency(lambda(), { reservations: [] }, 'us-east-1')).toEqual({ problems: [], summary: 'no reserved concurrency asked' });
    expect(aws.calls).toEqual([]);
  });
});

describe('what the stack asks for', () => {
  it('reads literal principals, reservations, instances and numbers from the synthesized JSON, not references', () => {
    const stack = {
      resource: {
        aws_kms_key: { k: { policy: JSON.stringify({ Statement: [{ Sid: 'a', Effect: 'Allow', Principal: { AWS: [role('admin'), '${aws_iam_role.fn.arn}'] }, Action: 'kms:*' }] }) } },
        aws_lambda_permission: { p: { principal: role('operator') }, q: { principal: 'lexv2.amazonaws.com' } },
        aws_lambda_function: { a: { function_name: 'f1', reserved_concurrent_executions: 5 }, b: { function_name: 'f2', reserved_concurrent_executions: -1 }, c: { function_name: 'f3' } },
        aws_connect_instance: { i: { instance_alias: 'alias-1' } },
        aws_connect_phone_number: { n: {}, m: {} },
      },
    };
    expect(stackNeeds(stack, { deployRoleArn: role('deploy'), planRoleArn: role('plan') })).toEqual({
      principals: [role('deploy'), role('plan'), role('admin'), role('operator')],
      reservations: [{ functionName: 'f1', reserved: 5 }],
      connectInstanceAliases: ['alias-1'],
      phoneNumbers: 2,
      existingPhoneNumberIds: [], flows: [], flowModules: [], botAssociations: 0,
    });
  });

  it('reads an existing instance from the association\'s literal ARN, and routed numbers from literal ids', () => {
    const arn = `arn:aws:connect:us-east-1:${ACCOUNT}:instance/a1b2c3d4-5678-4abc-8def-0123456789ab`;
    const association = (instanceId: string) => ({ type_name: 'AWS::Connect::IntegrationAssociation', desired_state: JSON.stringify({ InstanceId: instanceId, IntegrationType: 'LEX_BOT', IntegrationArn: 'arn' }) });
    const stack = (instanceId: string, phoneNumberId: string) => ({
      resource: {
        aws_cloudcontrolapi_resource: { a: association(instanceId) },
        aws_connect_contact_flow: { f: { name: 'Secure_Lex_Input' } },
        aws_connect_phone_number_contact_flow_association: { n: { phone_number_id: phoneNumberId } },
      },
    });
    const ci = { deployRoleArn: role('deploy'), planRoleArn: role('plan') };
    expect(stackNeeds(stack(arn, 'pn-1'), ci)).toMatchObject({
      existingInstance: { id: 'a1b2c3d4-5678-4abc-8def-0123456789ab', arn }, existingPhoneNumberIds: ['pn-1'], flows: ['Secure_Lex_Input'], botAssociations: 1,
    });
    const created = stackNeeds(stack('${aws_connect_instance.i.arn}', '${aws_connect_phone_number.n.id}'), ci);
    expect(created.existingInstance).toBeUndefined();
    expect(created.existingPhoneNumberIds).toEqual([]);
  });

  it('redacts ARNs and ids of other accounts only', () => {
    expect(redact(`role arn:aws:iam::${FOREIGN}:role/x, account ${FOREIGN}, own ${role('y')} in ${ACCOUNT}`, ACCOUNT))
      .toBe(`role <an ARN in another account>, account <another account>, own ${role('y')} in ${ACCOUNT}`);
  });
});

// An existing instance: DescribeInstance (https://docs.aws.amazon.com/connect/latest/APIReference/API_DescribeInstance.html),
// the per-instance quotas of the Connect quotas page (bots 70, flows 100, modules 200, numbers 10 for new accounts:
// https://docs.aws.amazon.com/connect/latest/adminguide/amazon-connect-service-limits.html), resource-level values
// asked with GetServiceQuota's ContextId, and a routed number's TargetArn (API_DescribePhoneNumber.html).
describe('npm run preflight with an existing Connect instance', () => {
  const example = examples.find((e) => instanceTarget(e).kind === 'existing')!;
  const instance = instanceTarget(example) as { id: string; arn: string };
  const exnumber = connectVariants.find((e) => e.name === 'exnumber')!;
  const exclaim = connectVariants.find((e) => e.name === 'exclaim')!;
  const own = (name: string) => `arn:aws:iam::${example.account}:role/${name}`;
  const otherInstance = `arn:aws:connect:${example.region}:${example.account}:instance/ffffffff-5678-4abc-8def-0123456789ab`;

  beforeEach(() => {
    aws.roles = new Map(['secure-input-deploy', 'secure-input-plan', 'secure-input-key-admin', 'secure-input-operator', ...[example, exnumber, exclaim].map((e) => `secure-input-smoke-${e.name}`)].map((n) => [n, own(n)]));
    aws.connectInstances = [{ Id: instance.id, Arn: instance.arn, InstanceAlias: 'team-contact-center', InstanceStatus: 'ACTIVE' }];
    aws.instanceContents = { [instance.id]: { bots: { V1: 1, V2: 2 }, flows: ['Default inbound', 'Team IVR'], modules: [] } };
    aws.phoneNumbers = [
      { PhoneNumberId: EXISTING_NUMBER_ID, PhoneNumberArn: `arn:aws:connect:${example.region}:${example.account}:phone-number/${EXISTING_NUMBER_ID}`, TargetArn: instance.arn },
    ];
    aws.appliedQuotas = {};
    aws.defaultQuotas = {};
  });

  it('checks the instance and its per-instance quotas, not the instance quota: one line, exit 0', async () => {
    const { code, out, err } = await preflight(['--env', example.name], [example]);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    // No value in Service Quotas for any of them here: the documented defaults, marked.
    expect(out[0]).toContain(`Connect instance ${instance.id} is ready (4/70* bots, 3/100* flows, 1/200* modules; * a documented default)`);
    expect(aws.calls).toEqual(expect.arrayContaining(['connect:DescribeInstance', 'connect:ListBots', 'connect:ListContactFlows', 'connect:ListContactFlowModules']));
    expect(aws.calls).not.toContain('connect:ListInstances');
    // Every page followed (the stand-in answers one item per page): V1 and V2 bots, both flows.
    expect(aws.calls.filter((c) => c === 'connect:ListBots')).toHaveLength(1 + 2);
    expect(aws.calls.filter((c) => c === 'connect:ListContactFlows')).toHaveLength(2);
  });

  it('names an instance that does not exist, one line, exit 1', async () => {
    aws.connectInstances = [];
    const { code, err } = await preflight(['--env', example.name], [example]);
    expect(code).toBe(1);
    expect(err).toEqual([`preflight ${example.name}: Connect instance ${instance.arn} does not exist: check connect.instance.existing.instanceId (the part after instance/ in the instance's ARN) and the region`]);
  });

  it('refuses an instance that is not ACTIVE', async () => {
    aws.connectInstances[0]!.InstanceStatus = 'CREATION_FAILED';
    const { code, err } = await preflight(['--env', example.name], [example]);
    expect(code).toBe(1);
    expect(err).toEqual([`preflight ${example.name}: Connect instance ${instance.arn} is CREATION_FAILED, not ACTIVE`]);
  });

  it('refuses a full instance (flows, bots), and reads the value applied to this instance first', async () => {
    aws.instanceContents[instance.id] = { bots: { V1: 40, V2: 30 }, flows: Array.from({ length: 100 }, (_, i) => `flow ${i}`), modules: [] };
    const full = await preflight(['--env', example.name], [example]);
    expect(full.code).toBe(1);
    expect(full.err).toEqual([
      `preflight ${example.name}: Amazon Lex bots per instance in ${instance.arn}: 70 in use and the stack adds 1, over the quota of 70 (L-B93A6612, the documented default: Service Quotas has no value): make room or request an increase`,
      `preflight ${example.name}: Flows per instance in ${instance.arn}: 100 in use and the stack adds 1, over the quota of 100 (L-22922690, the documented default: Service Quotas has no value): make room or request an increase`,
    ]);
    // Raised for this instance (a resource-level value): flows fit; the account default alone would not.
    aws.appliedQuotas = { [`L-22922690@${instance.arn}`]: 150, [`L-B93A6612@${otherInstance}`]: 500 };
    aws.defaultQuotas = { 'L-22922690': 100, 'L-B93A6612': 70 };
    const raised = await preflight(['--env', example.name], [example]);
    expect(raised.err).toEqual([expect.stringMatching(/Amazon Lex bots per instance in .*: 70 in use and the stack adds 1, over the quota of 70 \(L-B93A6612\): /)]);
  });

  it('counts a flow of the stack\'s own name as its own, not as a new one', async () => {
    aws.instanceContents[instance.id]!.flows = [...Array.from({ length: 99 }, (_, i) => `flow ${i}`), 'Secure_Lex_Input'];
    expect((await preflight(['--env', example.name], [example])).code).toBe(0);
  });

  it('checks that an existing number is claimed to the instance', async () => {
    expect((await preflight(['--env', exnumber.name], [exnumber])).code).toBe(0);
    expect(aws.calls).toContain('connect:DescribePhoneNumber');
    aws.phoneNumbers[0]!.TargetArn = otherInstance;
    const elsewhere = await preflight(['--env', exnumber.name], [exnumber]);
    expect(elsewhere.err).toEqual([`preflight ${exnumber.name}: phone number ${EXISTING_NUMBER_ID} is claimed to ${otherInstance}, not to the instance ${instance.arn}: the stack routes only a number of its instance`]);
    aws.phoneNumbers = [];
    const missing = await preflight(['--env', exnumber.name], [exnumber]);
    expect(missing.err).toEqual([`preflight ${exnumber.name}: phone number ${EXISTING_NUMBER_ID} does not exist: check phoneNumber.existing.phoneNumberId`]);
  });

  it('counts the instance\'s numbers against its number quota when the stack claims one there', async () => {
    aws.phoneNumbers = Array.from({ length: 10 }, (_, i) => ({ PhoneNumberId: `n${i}`, PhoneNumberArn: `arn:aws:connect:${example.region}:${example.account}:phone-number/n${i}`, TargetArn: instance.arn }));
    const { code, err } = await preflight(['--env', exclaim.name], [exclaim]);
    expect(code).toBe(1);
    expect(err).toEqual([`preflight ${exclaim.name}: Phone numbers per instance in ${instance.arn}: 10 in use and the stack adds 1, over the quota of 10 (L-8F812903, the documented default: Service Quotas has no value): make room or request an increase`]);
    expect(aws.calls.filter((c) => c === 'connect:ListPhoneNumbersV2')).toHaveLength(10);
  });

  it('reports access denied on the instance as a problem naming the permissions', async () => {
    aws.denied.add('connect:DescribeInstance');
    const { code, err } = await preflight(['--env', example.name], [example]);
    expect(code).toBe(1);
    expect(err).toEqual([expect.stringMatching(new RegExp(`^preflight ${example.name}: cannot check Connect instance .*: access denied \\(needs connect:DescribeInstance, `))]);
  });
});
