import { describe, expect, it } from 'vitest';
import dev from './dev';
import { environmentInputs, loadAllEnvironments } from './index';
import { EnvironmentConfigError, loadEnvironment, loadEnvironments, stateKey } from './load';
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
  // The AWS SDK's own region list, not a pattern: a typo that fits every pattern is refused.
  { field: 'region', rule: /AWS region the AWS SDK knows/, pass: (e) => { e.region = 'ap-southeast-2'; }, fail: (e) => { e.region = 'us-esat-1'; } },
  // The stacks write arn:aws: ARNs: a GovCloud or China region would refuse them.
  { field: 'region', rule: /aws partition/, pass: (e) => { e.region = 'ca-central-1'; }, fail: (e) => { e.region = 'us-gov-west-1'; } },
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
  { field: 'state.region', rule: /AWS region/, pass: (e) => { e.state.region = 'eu-central-1'; }, fail: (e) => { e.state.region = 'us-east'; } },
  { field: 'prefix', rule: /3-63/, pass: (e) => { e.prefix = 'cc-pay'; }, fail: (e) => { e.prefix = 'x'; } },
  // What AWS accepts for the names the stacks derive from the prefix (environments/resource-names.ts): the
  // Lex bot name refuses two hyphens in a row, which every other name would take; the IAM role name is the
  // first to run out of room (with "dev": 33 characters of prefix fit, 34 do not).
  { field: 'prefix', rule: /the Lex bot name cc--pay-\S+ would not be valid/, pass: (e) => { e.prefix = 'cc-pay'; }, fail: (e) => { e.prefix = 'cc--pay'; } },
  { field: 'prefix', rule: /the IAM role name a{34}-dev-delete-utterances-schedule would be 65 characters, over the 64 AWS allows/, pass: (e) => { e.prefix = 'a'.repeat(33); }, fail: (e) => { e.prefix = 'a'.repeat(34); } },
  { field: 'tags.bad{key}', rule: /tag keys/, pass: (e) => { e.tags = { 'team:name': 'a' }; }, fail: (e) => { e.tags = { 'bad{key}': 'a' }; } },
  { field: 'tags.owner', rule: /256/, pass: (e) => { e.tags = { owner: 'a'.repeat(256) }; }, fail: (e) => { e.tags = { owner: 'a'.repeat(257) }; } },
  { field: 'kms.deletionWindowInDays', rule: /between 7 and 30/, pass: (e) => { e.kms.deletionWindowInDays = 30; }, fail: (e) => { e.kms.deletionWindowInDays = 6; } },
  { field: 'kms.deletionWindowInDays', rule: /whole number/, pass: (e) => { e.kms.deletionWindowInDays = 7; }, fail: (e) => { e.kms.deletionWindowInDays = 7.5; } },
  { field: 'kms.rotationPeriodInDays', rule: /between 90 and 2560/, pass: (e) => { e.kms.rotationPeriodInDays = 2560; }, fail: (e) => { e.kms.rotationPeriodInDays = 2561; } },
  { field: 'kms.administrators', rule: /at least one/, pass: (e) => { e.kms.administrators = ['arn:aws:iam::111122223333:user/alice']; }, fail: (e) => { e.kms.administrators = []; } },
  { field: 'kms.administrators.0', rule: /role or user ARN/, pass: (e) => { e.kms.administrators = ['arn:aws:iam::111122223333:role/a']; }, fail: (e) => { e.kms.administrators = ['*']; } },
  {
    field: 'kms.administrators.1', rule: /own account 111122223333 or an account in trustedPrincipalAccounts/,
    pass: (e) => { e.kms.administrators = [...e.kms.administrators, 'arn:aws:iam::999988887777:role/central-admin']; e.trustedPrincipalAccounts = ['999988887777']; },
    fail: (e) => { e.kms.administrators = [...e.kms.administrators, 'arn:aws:iam::999988887777:role/central-admin']; },
  },
  { field: 'decryptPrincipals.0', rule: /role or user ARN/, pass: (e) => { e.decryptPrincipals = ['arn:aws:iam::111122223333:user/op']; }, fail: (e) => { e.decryptPrincipals = ['arn:aws:iam::111122223333:group/ops']; } },
  { field: 'decryptPrincipals', rule: /at least one operator/, pass: (e) => { e.decryptPrincipals = ['arn:aws:iam::111122223333:role/op']; }, fail: (e) => { e.decryptPrincipals = []; } },
  {
    field: 'decryptPrincipals.0', rule: /own account 111122223333 or an account in trustedPrincipalAccounts/,
    pass: (e) => { e.decryptPrincipals = ['arn:aws:sts::999988887777:assumed-role/ops/alice']; e.trustedPrincipalAccounts = ['999988887777']; },
    fail: (e) => { e.decryptPrincipals = ['arn:aws:sts::999988887777:assumed-role/ops/alice']; e.trustedPrincipalAccounts = ['999988887776']; },
  },
  { field: 'trustedPrincipalAccounts.0', rule: /12-digit/, pass: (e) => { e.trustedPrincipalAccounts = ['999988887777']; }, fail: (e) => { e.trustedPrincipalAccounts = ['9999-8888-7777']; } },
  { field: 'decryptReservedConcurrency', rule: /between 1 and 900/, pass: (e) => { e.decryptReservedConcurrency = 1; }, fail: (e) => { e.decryptReservedConcurrency = 0; } },
  { field: 'decryptReservedConcurrency', rule: /whole number/, pass: (e) => { e.decryptReservedConcurrency = 900; }, fail: (e) => { e.decryptReservedConcurrency = 2.5; } },
  { field: 'logRetentionInDays', rule: /must be one of 1, 3, 5/, pass: (e) => { e.logRetentionInDays = 3653; }, fail: (e) => { e.logRetentionInDays = 15; } },
  { field: 'lex.idleSessionTtlInSeconds', rule: /between 60 and 86400/, pass: (e) => { e.lex.idleSessionTtlInSeconds = 86400; }, fail: (e) => { e.lex.idleSessionTtlInSeconds = 59; } },
  { field: 'lex.locales', rule: /at least one locale/, pass: (e) => { e.lex.locales = ['en_US', 'en_GB']; }, fail: (e) => { e.lex.locales = []; } },
  { field: 'connect.instanceAlias', rule: /not starting with d-/, pass: (e) => { e.connect.instanceAlias = 'pay-line'; }, fail: (e) => { e.connect.instanceAlias = 'd-123'; } },
  { field: 'connect.instanceAlias', rule: /1-45/, pass: (e) => { e.connect.instanceAlias = 'a'.repeat(45); }, fail: (e) => { e.connect.instanceAlias = 'a'.repeat(46); } },
  { field: 'connect.instanceAlias', rule: /inner hyphens/, pass: (e) => { e.connect.instanceAlias = 'pay--line-2'; }, fail: (e) => { e.connect.instanceAlias = 'pay-line-'; } },
  {
    field: 'connect.failureTransferQueueArn', rule: /Connect queue ARN/,
    pass: (e) => { e.connect.failureTransferQueueArn = 'arn:aws:connect:us-east-1:111122223333:instance/abc-123/queue/def-456'; },
    fail: (e) => { e.connect.failureTransferQueueArn = 'queue-1'; },
  },
  { field: 'phoneNumber.countryCode', rule: /two-letter/, pass: (e) => { e.phoneNumber.countryCode = 'GB'; }, fail: (e) => { e.phoneNumber.countryCode = 'usa'; } },
  { field: 'phoneNumber.countryCode', rule: /calling code/, pass: (e) => { e.phoneNumber.countryCode = 'CA'; }, fail: (e) => { e.phoneNumber.countryCode = 'ZZ'; } },
  // Connect: "If provided, it must contain + as part of the country code" (API reference, SearchAvailablePhoneNumbers).
  { field: 'phoneNumber.prefix', rule: /must start with \+1, the calling code of US/, pass: (e) => { e.phoneNumber.prefix = '+1'; }, fail: (e) => { e.phoneNumber.prefix = '+44'; } },
  {
    field: 'phoneNumber.prefix', rule: /must start with \+44, the calling code of GB/,
    pass: (e) => { e.phoneNumber = { ...e.phoneNumber, countryCode: 'GB', prefix: '+4420' }; },
    fail: (e) => { e.phoneNumber = { ...e.phoneNumber, countryCode: 'GB', prefix: '+1206' }; },
  },
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
  // A second environment of its own: account, roles, principals, bucket and alias all its own.
  const other = (patch: Patch) => variant((e) => {
    e.name = 'qa';
    e.account = '222233334444';
    e.deployRoleArn = 'arn:aws:iam::222233334444:role/deploy';
    e.planRoleArn = 'arn:aws:iam::222233334444:role/plan';
    e.kms.administrators = ['arn:aws:iam::222233334444:role/key-admin'];
    e.decryptPrincipals = ['arn:aws:iam::222233334444:role/operator'];
    e.state.bucket = 'secure-input-tfstate-222233334444';
    e.connect.instanceAlias = 'secure-input-qa-222233334444';
    patch(e);
  });

  it('accepts environments with their own accounts, state keys and aliases', () => {
    expect(loadEnvironments([dev, other(() => {})]).map((e) => e.name)).toEqual(['dev', 'qa']);
  });

  it('refuses two environments in one account', () => {
    const twin = other((e) => {
      e.account = dev.account; e.deployRoleArn = dev.deployRoleArn; e.planRoleArn = dev.planRoleArn;
      e.kms.administrators = dev.kms.administrators; e.decryptPrincipals = dev.decryptPrincipals;
    });
    expect(messageOf(() => loadEnvironments([dev, twin]))).toBe(
      'environment "qa": account: must not share its account 111122223333 with environment "dev"');
  });

  it('refuses two environments with one state key (and so one name)', () => {
    const twin = other((e) => { e.name = 'dev'; e.state.bucket = dev.state.bucket; });
    expect(messageOf(() => loadEnvironments([dev, twin])).split('\n')).toEqual([
      'environment "dev": state.bucket: must not share the state key s3://secure-input-tfstate-111122223333/secure-input/dev/terraform.tfstate with environment "dev"',
      'environment "dev": name: must not share its name dev with environment "dev"',
    ]);
    expect(stateKey(loadEnvironment(dev))).toBe('secure-input/dev/terraform.tfstate');
  });

  it('refuses two environments with one name', () => {
    const twin = other((e) => { e.name = 'dev'; });
    expect(messageOf(() => loadEnvironments([dev, twin]))).toBe('environment "dev": name: must not share its name dev with environment "dev"');
  });

  // A CONNECT_MANAGED alias is a Directory Service alias: unique across AWS, so two environments cannot both
  // hold one; as a DNS name its case does not count.
  it('refuses two environments with one Connect instance alias, whatever its case', () => {
    const twin = other((e) => { e.connect.instanceAlias = dev.connect.instanceAlias.toUpperCase(); });
    expect(messageOf(() => loadEnvironments([dev, twin]))).toBe(
      `environment "qa": connect.instanceAlias: must not share its instance alias ${dev.connect.instanceAlias.toUpperCase()} with environment "dev"`);
  });

  it('refuses trusting another environment\'s account for principals, and accepts an account outside them', () => {
    const trusting = other((e) => { e.trustedPrincipalAccounts = ['999988887777', dev.account]; });
    expect(messageOf(() => loadEnvironments([dev, trusting]))).toBe(
      'environment "qa": trustedPrincipalAccounts.1: must not be the account of environment "dev": environments stay apart');
    expect(() => loadEnvironments([dev, other((e) => { e.trustedPrincipalAccounts = ['999988887777']; })])).not.toThrow();
  });

  it('reports every problem of every environment in one run, one line each', () => {
    const broken = variant((e) => {
      e.region = 'us-esat-1';
      e.decryptPrincipals = [];
      e.kms.administrators = ['arn:aws:iam::999988887777:role/admin'];
      e.phoneNumber.prefix = '+44';
    });
    const twin = other((e) => { e.connect.instanceAlias = dev.connect.instanceAlias; e.lex.idleSessionTtlInSeconds = 10; });
    let caught: unknown;
    try {
      loadEnvironments([broken, twin]);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(EnvironmentConfigError);
    const error = caught as EnvironmentConfigError;
    expect(error.name).toBe('EnvironmentConfigError');
    expect(error.problems).toEqual([
      'environment "dev": region: must be an AWS region the AWS SDK knows (aws partition), such as us-east-1',
      'environment "dev": decryptPrincipals: must name at least one operator',
      'environment "dev": kms.administrators.0: must be in the environment\'s own account 111122223333 or an account in trustedPrincipalAccounts',
      'environment "dev": phoneNumber.prefix: must start with +1, the calling code of US',
      'environment "qa": lex.idleSessionTtlInSeconds: must be between 60 and 86400',
      `environment "qa": connect.instanceAlias: must not share its instance alias ${dev.connect.instanceAlias} with environment "dev"`,
    ]);
    expect(error.message).toBe(error.problems.join('\n'));
    // One line given as a string stays one problem, as before.
    expect(new EnvironmentConfigError('environment "x": name: y').problems).toEqual(['environment "x": name: y']);
  });
});

describe('the shipped environments', () => {
  it('are the ones index.ts lists, valid, each with its own account and Connect alias', () => {
    const envs = loadAllEnvironments();
    expect(envs.map((e) => e.name)).toEqual(environmentInputs.map((e) => e.name));
    expect(new Set(envs.map((e) => e.account)).size).toBe(envs.length);
    expect(new Set(envs.map((e) => e.connect.instanceAlias.toLowerCase())).size).toBe(envs.length);
  });

  it('guard prod from destroy', () => {
    expect(loadAllEnvironments().find((e) => e.name === 'prod')!.protectFromDestroy).toBe(true);
  });
});
