// What the synthesized stack lets Decrypt do beyond its key: read contacts of this environment's Connect
// instance only, append to its own audit log, and never delete or shorten that log. Read from the JSON.
import { ConnectInstance } from '@cdktf/provider-aws/lib/connect-instance';
import { TerraformStack, Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { environmentSchema } from '../environments/schema';
import { DECRYPT_ENV } from '../contract/decrypt-env';
import { instanceTarget } from '../environments/connect-target';
import { environments, synthEnvironment, synthesizedEnvironments, type SynthesizedStack } from '../test/synth-helpers';
import { FunctionRoles } from './constructs/function-roles';
import { SecureInputFunctions } from './constructs/secure-input-functions';
import { SecureInputKey } from './constructs/secure-input-key';
import { AUDIT_LOG_PROTECTED_ACTIONS } from './policies/function-policies';

const ref = (address: string, attribute: string) => `\${${address}.${attribute}}`;
const only = (json: SynthesizedStack, type: string, where: (r: Record<string, any>) => boolean) => {
  const found = Object.entries(json.resource[type] ?? {}).filter(([, r]) => where(r));
  expect(found, type).toHaveLength(1);
  return { address: `${type}.${found[0]![0]}`, body: found[0]![1] };
};
const statementsOf = (json: SynthesizedStack) => Object.entries(json.resource.aws_iam_role_policy ?? {})
  .flatMap(([name, p]) => (JSON.parse(p.policy).Statement as any[]).map((s) => ({ address: `aws_iam_role_policy.${name}`, role: p.role, ...s })));

/** IAM's wildcard match for a Resource element (`*` any run, `?` one character). */
const iamMatch = (pattern: string, arn: string) => new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`).test(arn);

describe.each(synthesizedEnvironments.map((env) => [env.name, env] as const))('Decrypt in %s', (_name, env) => {
  const json = synthEnvironment(env);
  const decrypt = only(json, 'aws_lambda_function', (r) => r.function_name === `${env.prefix}-${env.name}-decrypt`);
  const role = only(json, 'aws_iam_role', (r) => r.name === `${env.prefix}-${env.name}-decrypt-fn`);
  // The instance the stack creates (by reference) or the existing one (by its configured id and ARN).
  const target = instanceTarget(env);
  const instance = (attribute: 'id' | 'arn') => (target.kind === 'existing' ? target[attribute] : ref(only(json, 'aws_connect_instance', () => true).address, attribute));
  const audit = only(json, 'aws_cloudwatch_log_group', (r) => r.name === `/${env.prefix}/${env.name}/decrypt-audit`);
  const decryptStatements = statementsOf(json).filter((s) => s.role === ref(role.address, 'id'));

  it('is told its own instance and audit log group', () => {
    expect(decrypt.body.environment.variables).toMatchObject({
      [DECRYPT_ENV.connectInstanceId]: instance('id'),
      [DECRYPT_ENV.auditLogGroup]: ref(audit.address, 'name'),
    });
  });

  it('may read contact attributes of its own instance only: one action on exactly `<instance ARN>/contact/*`', () => {
    const connect = statementsOf(json).filter((s) => [s.Action].flat().some((a: string) => a.startsWith('connect:')));
    expect(connect).toEqual([{
      address: expect.any(String), role: ref(role.address, 'id'),
      Sid: 'ReadContactsOfThisInstance', Effect: 'Allow', Action: ['connect:GetContactAttributes'], Resource: `${instance('arn')}/contact/*`,
    }]);
    // With the instance ARN filled in, the pattern covers that instance's `contact` resources
    // (arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}/contact/${ContactId},
    // Service Authorization Reference for Amazon Connect) and nothing of another instance.
    const instanceArn = target.kind === 'existing' ? target.arn : `arn:aws:connect:${env.region}:${env.account}:instance/0b5c1e6e-7d2a-4c1b-9a8e-3f2d1c0b9a87`;
    const pattern = connect[0].Resource.replace(instance('arn'), instanceArn);
    expect(iamMatch(pattern, `${instanceArn}/contact/3f2d1c0b-9a87-4c1b-9a8e-0b5c1e6e7d2a`)).toBe(true);
    expect(iamMatch(pattern, `arn:aws:connect:${env.region}:${env.account}:instance/11111111-2222-3333-4444-555555555555/contact/3f2d1c0b-9a87-4c1b-9a8e-0b5c1e6e7d2a`)).toBe(false);
    expect(iamMatch(pattern, instanceArn)).toBe(false);
    expect(iamMatch(pattern, `${instanceArn}/queue/q-1`)).toBe(false);
  });

  it('keeps audit records in their own group, for the configured retention, guarded like the key', () => {
    expect(audit.body.retention_in_days).toBe(env.decryptAuditRetentionInDays);
    expect(audit.body.retention_in_days).toBeGreaterThan(env.logRetentionInDays);
    expect(audit.body.lifecycle?.prevent_destroy ?? false).toBe(env.protectFromDestroy);
    expect(audit.body.name).not.toBe(`/aws/lambda/${decrypt.body.function_name}`);
  });

  it('may only append to the audit log, and is explicitly denied deleting, shortening or redirecting it', () => {
    const onAudit = decryptStatements.filter((s) => [s.Resource].flat().some((r: string) => r.startsWith(ref(audit.address, 'arn'))));
    expect(onAudit.filter((s) => s.Effect === 'Allow')).toEqual([expect.objectContaining({
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${ref(audit.address, 'arn')}:log-stream:*`,
    })]);
    expect(onAudit.filter((s) => s.Effect === 'Deny')).toEqual([
      expect.objectContaining({ Action: AUDIT_LOG_PROTECTED_ACTIONS, Resource: [ref(audit.address, 'arn'), `${ref(audit.address, 'arn')}:*`] }),
      expect.objectContaining({ Action: ['logs:DeleteLogStream'], Resource: `${ref(audit.address, 'arn')}:log-stream:*` }),
    ]);
    expect(AUDIT_LOG_PROTECTED_ACTIONS).toEqual(expect.arrayContaining(['logs:DeleteLogGroup', 'logs:PutRetentionPolicy']));
  });

  it('no role of the stack is allowed an action that deletes or shortens a log', () => {
    const allowed = statementsOf(json).filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat() as string[]);
    for (const action of allowed) {
      expect(action).not.toMatch(/^logs:(\*|Delete|PutRetentionPolicy|PutSubscriptionFilter)/);
    }
  });

  it('is depended on by nothing: the bot and contact center reference Encrypt only (no cycle)', () => {
    // Its own smoke alias and the trail recording its invokes name it, and nothing names them.
    const own = { aws_lambda_alias: {}, aws_cloudtrail: {} };
    const text = JSON.stringify({ ...json.resource, aws_lambda_function: {}, aws_iam_role_policy: {}, aws_lambda_permission: {}, ...own });
    expect(text).not.toContain(decrypt.address);
    const theirs = JSON.stringify({ ...json.resource, ...own, aws_lambda_permission: {} });
    expect(theirs).not.toMatch(/\$\{aws_(lambda_alias|cloudtrail)\./);
  });
});

it('a stack that never tells Decrypt its instance fails validation, naming the fix', () => {
  const env = environments[0]!;
  const stack = new TerraformStack(Testing.app(), 'unbound');
  const roles = new FunctionRoles(stack, 'roles', env);
  const functions = new SecureInputFunctions(stack, 'functions', { env, roles, key: new SecureInputKey(stack, 'key', { env, grants: roles.keyGrants() }).key });
  expect(functions.node.validate()).toEqual([expect.stringMatching(/readContactsOf\(instance\)/)]);
  functions.readContactsOf(new ConnectInstance(stack, 'instance', { identityManagementType: 'CONNECT_MANAGED', inboundCallsEnabled: true, outboundCallsEnabled: false }));
  expect(functions.node.validate()).toEqual([]);
});

describe('decryptAuditRetentionInDays', () => {
  const base = environments[0]!;
  const parse = (days: unknown) => environmentSchema.safeParse({ ...base, decryptAuditRetentionInDays: days });
  it('defaults to 400 days and accepts a CloudWatch value of at least a year', () => {
    const { decryptAuditRetentionInDays: _omitted, ...withoutIt } = base;
    expect(environmentSchema.parse(withoutIt).decryptAuditRetentionInDays).toBe(400);
    expect(parse(731).success).toBe(true);
  });
  it.each([
    [{ create: false }, ['decryptInvokeTrail', 'existing'], /is required when create is false/],
    [{ create: true, existing: 'organisation trail of the security team' }, ['decryptInvokeTrail', 'existing'], /goes with create: false only/],
    [{ create: false, existing: 'organisation trail of the security team', auditors: ['arn:aws:iam::111122223333:role/a'] }, ['decryptInvokeTrail', 'auditors'], /goes with create: true only/],
    [{ create: true, auditors: ['not-an-arn'] }, ['decryptInvokeTrail', 'auditors', 0], /IAM role or user ARN/],
  ])('decryptInvokeTrail %j is refused, naming the field', (trail, path, message) => {
    const result = environmentSchema.safeParse({ ...base, decryptInvokeTrail: trail });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path, message: expect.stringMatching(message) })]);
  });
  it.each([30, 401, '400'])('refuses %j, naming the rule', (days) => {
    const result = parse(days);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(typeof days === 'number' ? /at least a year/ : /expected number/);
  });
});
