import { describe, expect, it } from 'vitest';
import dev from './dev';
import { instanceTarget } from './connect-target';
import { environmentInputs, exampleInputs, loadAllEnvironments, loadExampleEnvironments } from './index';
import { EnvironmentConfigError, loadEnvironment, loadEnvironments, stateKey } from './load';
import type { EnvironmentInput } from './schema';

// A deep copy of dev with one change, so each case breaks exactly one rule.
type Patch = (env: EnvironmentInput) => void;
const variant = (patch: Patch, base: EnvironmentInput = dev): EnvironmentInput => {
  const copy = structuredClone(base);
  patch(copy);
  return copy;
};

// The shipped files create their instance and claim their number: these reach into those shapes.
const created = (e: EnvironmentInput) => (e.connect.instance as { create: { alias: string } }).create;
const claimed = (e: EnvironmentInput) => (e.phoneNumber as { claim: { countryCode: string; type: 'DID' | 'TOLL_FREE'; prefix?: string } }).claim;
const INSTANCE_ID = 'a1b2c3d4-5678-4abc-8def-0123456789ab';
const OTHER_INSTANCE_ID = 'b1b2c3d4-5678-4abc-8def-0123456789ab';
const NUMBER_ID = 'c1b2c3d4-5678-4abc-8def-0123456789ab';

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
  { field: 'prefix', rule: /the S3 bucket name a{31}-dev-decrypt-invokes-0{12} would be 64 characters, over the 63 AWS allows/, pass: (e) => { e.prefix = 'a'.repeat(30); }, fail: (e) => { e.prefix = 'a'.repeat(31); } },
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
  { field: 'connect.instance.create.alias', rule: /not starting with d-/, pass: (e) => { created(e).alias = 'pay-line'; }, fail: (e) => { created(e).alias = 'd-123'; } },
  { field: 'connect.instance.create.alias', rule: /1-45/, pass: (e) => { created(e).alias = 'a'.repeat(45); }, fail: (e) => { created(e).alias = 'a'.repeat(46); } },
  { field: 'connect.instance.create.alias', rule: /inner hyphens/, pass: (e) => { created(e).alias = 'pay--line-2'; }, fail: (e) => { created(e).alias = 'pay-line-'; } },
  {
    field: 'connect.instance', rule: /must be \{ create: \{ alias \} \} or \{ existing: \{ instanceId \} \}/,
    pass: (e) => { e.connect.instance = { existing: { instanceId: INSTANCE_ID } }; },
    fail: (e) => { e.connect.instance = { create: created(e), existing: { instanceId: INSTANCE_ID } } as never; },
  },
  // The id part of InstanceId in Connect's API reference (API_ReplicateInstance, API_CreateContactFlowModuleAlias):
  // [a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}; an ARN or an alias is not an id.
  ...[INSTANCE_ID.toUpperCase(), `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE_ID}`, 'secure-input-dev-111122223333', `${INSTANCE_ID}0`].map((bad) => ({
    field: 'connect.instance.existing.instanceId', rule: /must be a Connect instance id: a lower-case UUID/,
    pass: (e: EnvironmentInput) => { e.connect.instance = { existing: { instanceId: INSTANCE_ID } }; },
    fail: (e: EnvironmentInput) => { e.connect.instance = { existing: { instanceId: bad } }; },
  })),
  {
    field: 'connect.failureTransferQueueArn', rule: /Connect queue ARN/,
    pass: (e) => { e.connect.failureTransferQueueArn = 'arn:aws:connect:us-east-1:111122223333:instance/abc-123/queue/def-456'; },
    fail: (e) => { e.connect.failureTransferQueueArn = 'queue-1'; },
  },
  // With an existing instance, the queue must be one of its own: a flow cannot transfer into another instance.
  ...[`arn:aws:connect:us-east-1:111122223333:instance/${OTHER_INSTANCE_ID}/queue/q-1`, `arn:aws:connect:us-east-1:999988887777:instance/${INSTANCE_ID}/queue/q-1`,
    `arn:aws:connect:eu-west-1:111122223333:instance/${INSTANCE_ID}/queue/q-1`].map((bad) => ({
    field: 'connect.failureTransferQueueArn', rule: new RegExp(`must be a queue of the existing instance ${INSTANCE_ID}`),
    pass: (e: EnvironmentInput) => { e.connect = { instance: { existing: { instanceId: INSTANCE_ID } }, failureTransferQueueArn: `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE_ID}/queue/q-1` }; },
    fail: (e: EnvironmentInput) => { e.connect = { instance: { existing: { instanceId: INSTANCE_ID } }, failureTransferQueueArn: bad }; },
  })),
  { field: 'phoneNumber.claim.countryCode', rule: /two-letter/, pass: (e) => { claimed(e).countryCode = 'GB'; }, fail: (e) => { claimed(e).countryCode = 'usa'; } },
  { field: 'phoneNumber.claim.countryCode', rule: /calling code/, pass: (e) => { claimed(e).countryCode = 'CA'; }, fail: (e) => { claimed(e).countryCode = 'ZZ'; } },
  // Connect: "If provided, it must contain + as part of the country code" (API reference, SearchAvailablePhoneNumbers).
  { field: 'phoneNumber.claim.prefix', rule: /must start with \+1, the calling code of US/, pass: (e) => { claimed(e).prefix = '+1'; }, fail: (e) => { claimed(e).prefix = '+44'; } },
  {
    field: 'phoneNumber.claim.prefix', rule: /must start with \+44, the calling code of GB/,
    pass: (e) => { e.phoneNumber = { claim: { ...claimed(e), countryCode: 'GB', prefix: '+4420' } }; },
    fail: (e) => { e.phoneNumber = { claim: { ...claimed(e), countryCode: 'GB', prefix: '+1206' } }; },
  },
  { field: 'phoneNumber.claim.type', rule: /DID or TOLL_FREE/, pass: (e) => { claimed(e).type = 'TOLL_FREE'; }, fail: (e) => { (claimed(e) as { type: string }).type = 'UIFN'; } },
  { field: 'phoneNumber.claim.prefix', rule: /\+ and 1-15 digits/, pass: (e) => { claimed(e).prefix = '+1206'; }, fail: (e) => { claimed(e).prefix = '1206'; } },
  {
    field: 'phoneNumber', rule: /must be \{ claim: \{ countryCode, type, prefix\? \} \}, \{ existing: \{ phoneNumberId \} \} or "none"/,
    pass: (e) => { e.phoneNumber = 'none'; }, fail: (e) => { e.phoneNumber = 'absent' as never; },
  },
  // AssociatePhoneNumberContactFlow takes "either a full phone number ARN or UUID value"; the ARN names no instance.
  ...['pn-1', `arn:aws:connect:us-east-1:111122223333:instance/${INSTANCE_ID}/phone-number/${NUMBER_ID}`, NUMBER_ID.toUpperCase()].map((bad) => ({
    field: 'phoneNumber.existing.phoneNumberId', rule: /must be a Connect phone number id \(a lower-case UUID\) or its ARN/,
    pass: (e: EnvironmentInput) => { e.phoneNumber = { existing: { phoneNumberId: NUMBER_ID } }; },
    fail: (e: EnvironmentInput) => { e.phoneNumber = { existing: { phoneNumberId: bad } }; },
  })),
  ...['arn:aws:connect:us-east-1:999988887777', 'arn:aws:connect:eu-west-1:111122223333'].map((place) => ({
    field: 'phoneNumber.existing.phoneNumberId', rule: /must be a phone number of the environment's own account 111122223333 and region us-east-1/,
    pass: (e: EnvironmentInput) => { e.phoneNumber = { existing: { phoneNumberId: `arn:aws:connect:us-east-1:111122223333:phone-number/${NUMBER_ID}` } }; },
    fail: (e: EnvironmentInput) => { e.phoneNumber = { existing: { phoneNumberId: `${place}:phone-number/${NUMBER_ID}` } }; },
  })),
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
    e.connect.instance = { create: { alias: 'secure-input-qa-222233334444' } };
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
    const twin = other((e) => { created(e).alias = created(dev).alias.toUpperCase(); });
    expect(messageOf(() => loadEnvironments([dev, twin]))).toBe(
      `environment "qa": connect.instance.create.alias: must not share its instance alias ${created(dev).alias.toUpperCase()} with environment "dev"`);
  });

  // Only an instance in the same account and region is the same instance: the ARN is what is compared.
  it('refuses two environments in one existing instance of one account, and accepts one id in two accounts', () => {
    const existing = (e: EnvironmentInput) => { e.connect.instance = { existing: { instanceId: INSTANCE_ID } }; };
    const sameAccount = other((e) => {
      existing(e);
      e.account = dev.account; e.deployRoleArn = dev.deployRoleArn; e.planRoleArn = dev.planRoleArn;
      e.kms.administrators = dev.kms.administrators; e.decryptPrincipals = dev.decryptPrincipals;
    });
    expect(messageOf(() => loadEnvironments([variant(existing), sameAccount])).split('\n')).toEqual([
      'environment "qa": account: must not share its account 111122223333 with environment "dev"',
      `environment "qa": connect.instance.existing.instanceId: must not share its Connect instance ${INSTANCE_ID} with environment "dev"`,
    ]);
    expect(loadEnvironments([variant(existing), other(existing)]).map((e) => e.name)).toEqual(['dev', 'qa']);
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
      claimed(e).prefix = '+44';
    });
    const twin = other((e) => { created(e).alias = created(dev).alias; e.lex.idleSessionTtlInSeconds = 10; });
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
      'environment "dev": phoneNumber.claim.prefix: must start with +1, the calling code of US',
      'environment "qa": lex.idleSessionTtlInSeconds: must be between 60 and 86400',
      `environment "qa": connect.instance.create.alias: must not share its instance alias ${created(dev).alias} with environment "dev"`,
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
    const aliases = envs.map((e) => instanceTarget(e)).flatMap((t) => (t.kind === 'create' ? [t.alias.toLowerCase()] : []));
    expect(new Set(aliases).size).toBe(aliases.length);
  });

  it('keep the examples out of the deploy list, valid together with it, and include one that uses an existing instance', () => {
    const examples = loadExampleEnvironments();
    expect(examples.map((e) => e.name)).toEqual(exampleInputs.map((e) => e.name));
    expect(examples.some((e) => instanceTarget(e).kind === 'existing')).toBe(true);
    const deployed = new Set(loadAllEnvironments().map((e) => e.name));
    expect(examples.filter((e) => deployed.has(e.name))).toEqual([]);
  });

  it('guard prod from destroy', () => {
    expect(loadAllEnvironments().find((e) => e.name === 'prod')!.protectFromDestroy).toBe(true);
  });
});
