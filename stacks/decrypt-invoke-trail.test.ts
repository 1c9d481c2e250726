// Who invoked Decrypt, recorded by AWS: the CloudTrail trail of the environment stack
// (stacks/constructs/decrypt-invoke-trail.ts), read from the synthesized JSON.
import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../environments';
import { invokeTrailAuditorArns, keyAdministratorArns } from '../environments/principals';
import { captureKey, environments, synthEnvironment, type SynthesizedStack } from '../test/synth-helpers';
import { invokeTrailArn, invokeTrailBucketName, invokeTrailName } from './naming';
import { SecureInputStack } from './secure-input-stack';

const ref = (address: string, attribute: string) => `\${${address}.${attribute}}`;
const entryOf = (json: SynthesizedStack, type: string, pick: (body: Record<string, any>) => boolean) => {
  const found = Object.entries(json.resource[type] ?? {}).filter(([, body]) => pick(body));
  expect(found, type).toHaveLength(1);
  return { address: `${type}.${found[0]![0]}`, body: found[0]![1] };
};

describe.each(environments.map((env) => [env.name, env] as const))('the Decrypt invoke trail in %s', (_name, env) => {
  const json = synthEnvironment(env);
  const decrypt = entryOf(json, 'aws_lambda_function', (f) => f.function_name === `${env.prefix}-${env.name}-decrypt`);
  const trail = entryOf(json, 'aws_cloudtrail', (t) => t.name === invokeTrailName(env));
  const bucket = entryOf(json, 'aws_s3_bucket', (b) => b.bucket === invokeTrailBucketName(env));
  const onBucket = (type: string) => entryOf(json, type, (r) => r.bucket === ref(bucket.address, 'id')).body;
  const key = entryOf(json, 'aws_kms_key', (k) => trail.body.kms_key_id === ref(`aws_kms_key.${Object.entries(json.resource.aws_kms_key!).find(([, b]) => b === k)![0]}`, 'arn'));

  it('records the Lambda data events of Decrypt only: the function, and ARNs starting with it and a colon', () => {
    const arn = ref(decrypt.address, 'arn');
    const common = [{ field: 'eventCategory', equals: ['Data'] }, { field: 'resources.type', equals: ['AWS::Lambda::Function'] }];
    expect(trail.body.advanced_event_selector).toEqual([
      { name: 'Invokes of the Decrypt function', field_selector: [...common, { field: 'resources.ARN', equals: [arn] }] },
      { name: 'Invokes of its versions and aliases', field_selector: [...common, { field: 'resources.ARN', starts_with: [`${arn}:`] }] },
    ]);
    expect(trail.body).toMatchObject({
      s3_bucket_name: ref(bucket.address, 'id'), enable_logging: true, enable_log_file_validation: true, is_multi_region_trail: false, include_global_service_events: false,
    });
    expect(trail.body.event_selector).toBeUndefined();
  });

  it('keeps log files, and their deleted or overwritten versions, as long as the audit log; a private, TLS-only, versioned bucket', () => {
    const [rule] = onBucket('aws_s3_bucket_lifecycle_configuration').rule;
    expect(rule).toMatchObject({ status: 'Enabled', expiration: [{ days: env.decryptAuditRetentionInDays }], noncurrent_version_expiration: [{ noncurrent_days: env.decryptAuditRetentionInDays }] });
    expect(onBucket('aws_s3_bucket_versioning').versioning_configuration.status).toBe('Enabled');
    expect(onBucket('aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    expect(onBucket('aws_s3_bucket_ownership_controls').rule.object_ownership).toBe('BucketOwnerEnforced');
    expect(bucket.body.lifecycle?.prevent_destroy ?? false).toBe(env.protectFromDestroy);
  });

  it('lets CloudTrail write into the bucket for this trail only, nothing without TLS', () => {
    const statements = JSON.parse(onBucket('aws_s3_bucket_policy').policy).Statement as any[];
    const byCloudTrail = statements.filter((s) => s.Principal?.Service === 'cloudtrail.amazonaws.com');
    expect(byCloudTrail.map((s) => [s.Action, s.Condition.StringEquals['aws:SourceArn']])).toEqual([
      [['s3:GetBucketAcl'], invokeTrailArn(env)], [['s3:PutObject'], invokeTrailArn(env)],
    ]);
    expect(byCloudTrail[1].Resource).toBe(`${ref(bucket.address, 'arn')}/AWSLogs/${env.account}/*`);
    expect(statements.find((s) => s.Sid === 'RefuseNonTls')).toMatchObject({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': false } } });
    expect(trail.body.depends_on).toContain(`aws_s3_bucket_policy.${Object.entries(json.resource.aws_s3_bucket_policy!).find(([, p]) => p.bucket === ref(bucket.address, 'id'))![0]}`);
  });

  it('is encrypted with a key of its own: CloudTrail encrypts for this trail only, the auditors alone decrypt', () => {
    expect(key.address).not.toBe(captureKey(json).address);
    expect(key.body).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: env.protectFromDestroy } });
    const statements = JSON.parse(key.body.policy).Statement as any[];
    const dataUse = statements.filter((s) => [s.Action].flat().some((a: string) => /^kms:(Decrypt|GenerateDataKey)/.test(a)));
    const thisTrail = { 'kms:EncryptionContext:aws:cloudtrail:arn': invokeTrailArn(env) };
    expect(dataUse.map((s) => [s.Principal, s.Condition.StringEquals])).toEqual([
      [{ Service: 'cloudtrail.amazonaws.com' }, { ...thisTrail, 'aws:SourceArn': invokeTrailArn(env) }],
      [{ AWS: invokeTrailAuditorArns(env) }, thisTrail],
    ]);
    expect(dataUse[1].Action).toEqual(['kms:Decrypt']);
    expect(statements.find((s) => s.Sid === 'AdministratorsManageKey').Principal.AWS).toEqual(keyAdministratorArns(env));
  });

  it('never lets CloudTrail near the capture key', () => {
    expect(captureKey(json).body.policy).not.toContain('cloudtrail');
  });
});

describe('decryptInvokeTrail', () => {
  const base = environments[0]!;
  const synth = (over: object) => JSON.parse(Testing.synth(new SecureInputStack(Testing.app(), loadEnvironment({ ...base, ...over } as never)))) as SynthesizedStack;

  it('with create: false (an existing trail records the invokes) creates no trail, bucket or key for it', () => {
    const json = synth({ decryptInvokeTrail: { create: false, existing: 'organisation trail arn:aws:cloudtrail:us-east-1:999999999999:trail/org, run by security' } });
    expect(json.resource.aws_cloudtrail).toBeUndefined();
    expect(Object.values(json.resource.aws_s3_bucket ?? {})).toEqual([]);
    expect(Object.keys(json.resource.aws_kms_key ?? {}).filter((k) => k.startsWith('decrypt-invoke-trail'))).toEqual([]);
  });

  it('names the configured auditors, not the key administrators, when it has them', () => {
    const auditors = ['arn:aws:iam::111122223333:role/audit-team'];
    const json = synth({ decryptInvokeTrail: { create: true, auditors } });
    const [, key] = Object.entries(json.resource.aws_kms_key!).find(([name]) => name.startsWith('decrypt-invoke-trail'))!;
    expect(JSON.parse(key.policy).Statement.find((s: any) => s.Sid === 'AuditorsReadThisTrail').Principal).toEqual({ AWS: auditors });
  });
});
