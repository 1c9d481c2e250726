import { describe, expect, it } from 'vitest';
import dev from './dev';
import { environmentInputs, loadAllEnvironments } from './index';
import { loadEnvironment, loadEnvironments, stateKey } from './load';
import type { EnvironmentInput } from './schema';

// A deep copy of dev with one change, so each case breaks exactly one rule.
type Patch = (env: EnvironmentInput) => void;
const variant = (patch: Patch, base: EnvironmentInput = dev): EnvironmentInput => {
  const copy = structuredClone(base);
  patch(copy);
  return copy;
};

const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the config to be refused');
};

// Each rule: a value that passes and one that fails, and the field the error must name.
const rules: { field: string; rule: RegExp; pass: Patch; fail: Patch }[] = [
  { field: 'name', rule: /lower-case/, pass: (e) => { e.name = 'qa2'; }, fail: (e) => { e.name = 'Dev'; } },
  { field: 'account', rule: /12-digit/, pass: (e) => { e.account = '111122223333'; }, fail: (e) => { e.account = '1111-2222-3333'; } },
  { field: 'region', rule: /AWS region/, pass: (e) => { e.region = 'eu-west-1'; }, fail: (e) => { e.region = 'europe'; } },
  {
    field: 'deployRoleArn', rule: /IAM role ARN/,
    pass: (e) => { e.deployRoleArn = 'arn:aws:iam::111122223333:role/ci/deployer'; },
    fail: (e) => { e.deployRoleArn = 'arn:aws:iam::111122223333:user/deployer'; },
  },
  {
    field: 'deployRoleArn', rule: /own account 111122223333/,
    pass: (e) => { e.deployRoleArn = 'arn:aws:iam::111122223333:role/x'; },
    fail: (e) => { e.deployRoleArn = 'arn:aws:iam::999999999999:role/x'; },
  },
  {
    field: 'planRoleArn', rule: /own account 111122223333/,
    pass: (e) => { e.planRoleArn = 'arn:aws:iam::111122223333:role/reader'; },
    fail: (e) => { e.planRoleArn = 'arn:aws:iam::999999999999:role/reader'; },
  },
  {
    field: 'deployRoleArn', rule: /must not be named secure-input-dev-/,
    pass: (e) => { e.deployRoleArn = 'arn:aws:iam::111122223333:role/secure-input-deployer'; },
    fail: (e) => { e.deployRoleArn = 'arn:aws:iam::111122223333:role/secure-input-dev-deployer'; },
  },
  {
    field: 'planRoleArn', rule: /must not be named secure-input-dev-/,
    pass: (e) => { e.planRoleArn = 'arn:aws:iam::111122223333:role/ci/secure-input-dev-plan'; },
    fail: (e) => { e.planRoleArn = 'arn:aws:iam::111122223333:role/secure-input-dev-ci/plan'; },
  },
  {
    field: 'planRoleArn', rule: /must not be the deploy role/,
    pass: (e) => { e.planRoleArn = 'arn:aws:iam::111122223333:role/reader'; },
    fail: (e) => { e.planRoleArn = e.deployRoleArn; },
  },
  { field: 'state.bucket', rule: /S3 bucket name/, pass: (e) => { e.state.bucket = 'my.state-bucket'; }, fail: (e) => { e.state.bucket = 'My_Bucket'; } },
  { field: 'state.region', rule: /AWS region/, pass: (e) => { e.state.region = 'us-gov-west-1'; }, fail: (e) => { e.state.region = 'us-east'; } },
  { field: 'prefix', rule: /3-20/, pass: (e) => { e.prefix = 'cc-pay'; }, fail: (e) => { e.prefix = 'x'; } },
  { field: 'tags.bad{key}', rule: /tag keys/, pass: (e) => { e.tags = { 'team:name': 'a' }; }, fail: (e) => { e.tags = { 'bad{key}': 'a' }; } },
  { field: 'tags.owner', rule: /256/, pass: (e) => { e.tags = { owner: 'a'.repeat(256) }; }, fail: (e) => { e.tags = { owner: 'a'.repeat(257) }; } },
  { field: 'kms.deletionWindowInDays', rule: /between 7 and 30/, pass: (e) => { e.kms.deletionWindowInDays = 30; }, fail: (e) => { e.kms.deletionWindowInDays = 6; } },
  { field: 'kms.deletionWindowInDays', rule: /whole number/, pass: (e) => { e.kms.deletionWindowInDays = 7; }, fail: (e) => { e.kms.deletionWindowInDays = 7.5; } },
  { field: 'kms.rotationPeriodInDays', rule: /between 90 and 2560/, pass: (e) => { e.kms.rotationPeriodInDays = 2560; }, fail: (e) => { e.kms.rotationPeriodInDays = 2561; } },
  { field: 'kms.administrators', rule: /at least one/, pass: (e) => { e.kms.administrators = ['arn:aws:iam::111122223333:user/alice']; }, fail: (e) => { e.kms.administrators = []; } },
  { field: 'kms.administrators.0', rule: /role or user ARN/, pass: (e) => { e.kms.administrators = ['arn:aws:iam::111122223333:role/a']; }, fail: (e) => { e.kms.administrators = ['*']; } },
  { field: 'decryptPrincipals.0', rule: /role or user ARN/, pass: (e) => { e.decryptPrincipals = []; }, fail: (e) => { e.decryptPrincipals = ['arn:aws:iam::111122223333:group/ops']; } },
  { field: 'logRetentionInDays', rule: /must be one of 1, 3, 5/, pass: (e) => { e.logRetentionInDays = 3653; }, fail: (e) => { e.logRetentionInDays = 15; } },
  { field: 'lex.idleSessionTtlInSeconds', rule: /between 60 and 86400/, pass: (e) => { e.lex.idleSessionTtlInSeconds = 86400; }, fail: (e) => { e.lex.idleSessionTtlInSeconds = 59; } },
  { field: 'lex.locales', rule: /at least one locale/, pass: (e) => { e.lex.locales = ['en_US', 'en_GB']; }, fail: (e) => { e.lex.locales = []; } },
  { field: 'connect.instanceAlias', rule: /not starting with d-/, pass: (e) => { e.connect.instanceAlias = 'pay-line'; }, fail: (e) => { e.connect.instanceAlias = 'd-123'; } },
  {
    field: 'connect.failureTransferQueueArn', rule: /Connect queue ARN/,
    pass: (e) => { e.connect.failureTransferQueueArn = 'arn:aws:connect:us-east-1:111122223333:instance/abc-123/queue/def-456'; },
    fail: (e) => { e.connect.failureTransferQueueArn = 'queue-1'; },
  },
  { field: 'phoneNumber.countryCode', rule: /two-letter/, pass: (e) => { e.phoneNumber.countryCode = 'GB'; }, fail: (e) => { e.phoneNumber.countryCode = 'usa'; } },
  { field: 'phoneNumber.type', rule: /DID or TOLL_FREE/, pass: (e) => { e.phoneNumber.type = 'TOLL_FREE'; }, fail: (e) => { (e.phoneNumber as { type: string }).type = 'UIFN'; } },
  { field: 'phoneNumber.prefix', rule: /\+ and 1-15 digits/, pass: (e) => { e.phoneNumber.prefix = '+1206'; }, fail: (e) => { e.phoneNumber.prefix = '1206'; } },
  { field: 'protectFromDestroy', rule: /boolean/, pass: (e) => { e.protectFromDestroy = true; }, fail: (e) => { (e as { protectFromDestroy: unknown }).protectFromDestroy = 'yes'; } },
];

describe('environment config rules', () => {
  it.each(rules.map((r, i) => [`${r.field} ${r.rule}`, i] as const))('%s: passes and fails as written', (_label, i) => {
    const { field, rule, pass, fail } = rules[i]!;
    expect(() => loadEnvironment(variant(pass))).not.toThrow();
    const message = messageOf(() => loadEnvironment(variant(fail)));
    expect(message).toMatch(new RegExp(`^environment "[a-zA-Z0-9]+": ${field.replace(/[.{}]/g, '\\$&')}: `));
    expect(message).toMatch(rule);
    expect(message.split('\n')).toHaveLength(1);
  });

  it('refuses unknown fields, naming them', () => {
    const message = messageOf(() => loadEnvironment({ ...dev, kmsKey: 'x' } as EnvironmentInput));
    expect(message).toMatch(/^environment "dev": \(root\): .*kmsKey/);
  });

  it('names a missing field', () => {
    const { region: _dropped, ...rest } = dev;
    expect(messageOf(() => loadEnvironment(rest as EnvironmentInput))).toMatch(/^environment "dev": region: /);
  });
});

describe('rules between environments', () => {
  const other = (patch: Patch) => variant((e) => {
    e.name = 'qa';
    e.account = '222233334444';
    e.deployRoleArn = 'arn:aws:iam::222233334444:role/deploy';
    e.planRoleArn = 'arn:aws:iam::222233334444:role/plan';
    patch(e);
  });

  it('accepts environments with their own accounts and state keys', () => {
    expect(loadEnvironments([dev, other(() => {})]).map((e) => e.name)).toEqual(['dev', 'qa']);
  });

  it('refuses two environments in one account', () => {
    const twin = other((e) => { e.account = dev.account; e.deployRoleArn = dev.deployRoleArn; e.planRoleArn = dev.planRoleArn; });
    expect(messageOf(() => loadEnvironments([dev, twin]))).toBe(
      'environment "qa": account: must not share its account 111122223333 with environment "dev"');
  });

  it('refuses two environments with one state key', () => {
    const twin = other((e) => { e.name = 'dev'; });
    expect(messageOf(() => loadEnvironments([dev, twin]))).toBe('environment "dev": state.bucket: must not share the state key ' +
      's3://secure-input-tfstate-111122223333/secure-input/dev/terraform.tfstate with environment "dev"');
    expect(stateKey(loadEnvironment(dev))).toBe('secure-input/dev/terraform.tfstate');
  });

  it('refuses two environments with one name', () => {
    const twin = other((e) => { e.name = 'dev'; e.state.bucket = 'other-state-bucket'; });
    expect(messageOf(() => loadEnvironments([dev, twin]))).toMatch(/^environment "dev": name: must not share its name dev/);
  });
});

describe('the shipped environments', () => {
  it('are dev, stage and prod, valid, each in its own account', () => {
    const envs = loadAllEnvironments();
    expect(envs.map((e) => e.name)).toEqual(['dev', 'stage', 'prod']);
    expect(new Set(envs.map((e) => e.account)).size).toBe(environmentInputs.length);
    expect(envs.find((e) => e.name === 'prod')!.protectFromDestroy).toBe(true);
  });
});
