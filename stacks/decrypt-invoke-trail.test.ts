// Who invoked Decrypt, recorded by AWS: the CloudTrail Lake event data store of the environment stack
// (stacks/constructs/decrypt-invoke-trail.ts), read from the synthesized JSON.
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../environments';
import { invokeTrailAuditorArns, keyAdministratorArns } from '../environments/principals';
import { captureKey, environments, synthEnvironment, type SynthesizedStack } from '../test/synth-helpers';
import { invokeTrailName } from './naming';
import { SecureInputStack } from './secure-input-stack';

const ref = (address: string, attribute: string) => `\${${address}.${attribute}}`;
const entryOf = (json: SynthesizedStack, type: string, pick: (body: Record<string, any>) => boolean) => {
  const found = Object.entries(json.resource[type] ?? {}).filter(([, body]) => pick(body));
  expect(found, type).toHaveLength(1);
  return { address: `${type}.${found[0]![0]}`, body: found[0]![1] };
};

describe.each(environments.map((env) => [env.name, env] as const))('the Decrypt invoke event data store in %s', (_name, env) => {
  const json = synthEnvironment(env);
  const decrypt = entryOf(json, 'aws_lambda_function', (f) => f.function_name === `${env.prefix}-${env.name}-decrypt`);
  const store = entryOf(json, 'aws_cloudtrail_event_data_store', (s) => s.name === invokeTrailName(env));

  it('records the Lambda data events of Decrypt only: the function, and ARNs starting with it and a colon', () => {
    const arn = ref(decrypt.address, 'arn');
    const common = [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::Lambda::Function'] }];
    expect(store.body.advanced_event_selector).toEqual([
      { name: 'Invokes of the Decrypt function', field_selector: [...common, { field: 'resources.ARN', equals: [arn] }] },
      { name: 'Invokes of its versions and aliases', field_selector: [...common, { field: 'resources.ARN', starts_with: [`${arn}:`] }] },
    ]);
    expect(store.body).toMatchObject({ multi_region_enabled: false, organization_enabled: false });
  });

  it('keeps the record as long as the audit log, and guards it where the environment protects its resources', () => {
    const auditLog = entryOf(json, 'aws_cloudwatch_log_group', (g) => g.name === `/${env.prefix}/${env.name}/decrypt-audit`);
    expect(store.body.retention_period).toBe(auditLog.body.retention_in_days);
    expect(store.body.retention_period).toBe(env.decryptAuditRetentionInDays);
    expect(store.body.termination_protection_enabled).toBe(env.protectFromDestroy);
    expect(store.body.lifecycle?.prevent_destroy ?? false).toBe(env.protectFromDestroy);
  });

  it('is encrypted with a key of its own that CloudTrail, the deploy role and the auditors alone may use for data', () => {
    const key = entryOf(json, 'aws_kms_key', (k) => store.body.kms_key_id === ref(`aws_kms_key.${Object.entries(json.resource.aws_kms_key!).find(([, b]) => b === k)![0]}`, 'arn'));
    expect(key.address).not.toBe(captureKey(json).address);
    expect(key.body).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: env.protectFromDestroy } });
    const statements = JSON.parse(key.body.policy).Statement as any[];
    const dataUse = statements.filter((s) => [s.Action].flat().some((a: string) => ['kms:Decrypt', 'kms:GenerateDataKey'].includes(a)));
    expect(dataUse.map((s) => s.Principal)).toEqual([
      { Service: 'cloudtrail.amazonaws.com' },
      { AWS: env.deployRoleArn },
      { AWS: invokeTrailAuditorArns(env) },
    ]);
    for (const s of dataUse) expect(s.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey']);
    expect(statements.find((s) => s.Sid === 'AdministratorsManageKey').Principal.AWS).toEqual(keyAdministratorArns(env));
  });

  it('never lets CloudTrail near the capture key', () => {
    expect(captureKey(json).body.policy).not.toContain('cloudtrail');
  });
});

describe('decryptInvokeTrail', () => {
  const base = environments[0]!;
  const synth = (over: object) => JSON.parse(Testing.synth(new SecureInputStack(Testing.app(), loadEnvironment({ ...base, ...over } as never)))) as SynthesizedStack;

  it('with create: false (an existing trail records the invokes) creates no event data store and no key for it', () => {
    const json = synth({ decryptInvokeTrail: { create: false, existing: 'organisation trail arn:aws:cloudtrail:us-east-1:999999999999:trail/org, run by security' } });
    expect(json.resource.aws_cloudtrail_event_data_store).toBeUndefined();
    expect(Object.keys(json.resource.aws_kms_key ?? {}).filter((k) => k.startsWith('decrypt-invoke-trail'))).toEqual([]);
  });

  it('names the configured auditors, not the key administrators, when it has them', () => {
    const auditors = ['arn:aws:iam::111122223333:role/audit-team'];
    const json = synth({ decryptInvokeTrail: { create: true, auditors } });
    const [, key] = Object.entries(json.resource.aws_kms_key!).find(([name]) => name.startsWith('decrypt-invoke-trail'))!;
    expect(JSON.parse(key.policy).Statement.find((s: any) => s.Sid === 'AuditorsQueryEventDataStore').Principal).toEqual({ AWS: auditors });
  });
});
