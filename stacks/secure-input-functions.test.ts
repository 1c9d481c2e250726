import { smokeRoleArn } from '../environments/principals';
import { describe, expect, it } from 'vitest';
import { captureKey, environments, synthEnvironment, type SynthesizedStack } from '../test/synth-helpers';
import { reservedConcurrency } from './constructs/secure-input-functions';
import { KEY_ADMIN_ACTIONS } from './policies/key-policy';
import { DECRYPT_TIMEOUT_SECONDS } from '../contract/decrypt-budget';

const byName = (json: SynthesizedStack, type: string, field: string, value: string) => {
  const found = Object.entries(json.resource[type] ?? {}).filter(([, r]) => r[field] === value);
  expect(found, `${type} with ${field} = ${value}`).toHaveLength(1);
  return { address: `${type}.${found[0]![0]}`, body: found[0]![1] };
};
const ref = (address: string, attribute: string) => `\${${address}.${attribute}}`;

describe.each(environments.map((env) => [env.name, env] as const))('functions in %s', (_name, env) => {
  const json = synthEnvironment(env);
  const key = captureKey(json).address;

  describe.each([
    ['encrypt', 'kms:GenerateDataKey'],
    ['decrypt', 'kms:Decrypt'],
  ])('%s', (fn, kmsAction) => {
    const name = `${env.prefix}-${env.name}-${fn}`;
    const lambda = byName(json, 'aws_lambda_function', 'function_name', name);
    const role = byName(json, 'aws_iam_role', 'name', `${env.prefix}-${env.name}-${fn}-fn`);
    const logs = byName(json, 'aws_cloudwatch_log_group', 'name', `/aws/lambda/${name}`);

    it('is a self-contained arm64 Node.js 22 zip, with the key ARN and environment', () => {
      expect(lambda.body).toMatchObject({
        runtime: 'nodejs22.x', architectures: ['arm64'], handler: 'index.handler',
        filename: expect.stringMatching(/^assets\/.+\.zip$/), source_code_hash: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/),
        role: ref(role.address, 'arn'),
        environment: { variables: { KEY_ARN: ref(key, 'arn'), ENVIRONMENT_NAME: env.name } },
      });
      expect(lambda.body).not.toHaveProperty('layers');
    });

    it('logs into a Terraform-made log group with the configured retention', () => {
      expect(logs.body.retention_in_days).toBe(env.logRetentionInDays);
      expect(lambda.body.logging_config).toEqual(expect.objectContaining({ log_group: ref(logs.address, 'name') }));
      expect(lambda.body.depends_on).toContain(logs.address);
    });

    it('has its own role, trusted by Lambda only, allowed exactly one KMS action under the context condition', () => {
      const trust = JSON.parse(role.body.assume_role_policy);
      expect(trust.Statement).toEqual([expect.objectContaining({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' })]);
      const policy = byName(json, 'aws_iam_role_policy', 'role', ref(role.address, 'id'));
      const statements = JSON.parse(policy.body.policy).Statement;
      const kms = statements.filter((s: any) => [s.Action].flat().some((a: string) => a.startsWith('kms:')));
      expect(kms).toEqual([{
        Sid: expect.any(String), Effect: 'Allow', Action: [kmsAction], Resource: ref(key, 'arn'),
        Condition: {
          StringEquals: { 'kms:EncryptionContext:application': 'secure-lex-input', 'kms:EncryptionContext:environment': env.name },
          'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['application', 'environment', 'field', 'contact-id'] },
        },
      }]);
      // Decrypt's reading of contacts and its audit log are checked in decrypt-access.test.ts.
      const decryptOnly = fn === 'decrypt' ? ['connect:GetContactAttributes', 'logs:CreateLogStream', 'logs:PutLogEvents'] : [];
      const actions = statements.filter((s: any) => s.Effect === 'Allow').flatMap((s: any) => [s.Action].flat());
      expect(actions.sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', kmsAction, ...decryptOnly].sort());
    });

    it('is granted exactly its action by the key policy, and nobody else is', () => {
      const statements = JSON.parse(captureKey(json).body.policy).Statement;
      const grants = statements.filter((s: any) => [s.Action].flat().includes(kmsAction));
      expect(grants).toEqual([expect.objectContaining({
        Principal: { AWS: [ref(role.address, 'arn')] }, Action: [kmsAction],
        Condition: {
          StringEquals: expect.objectContaining({ 'kms:EncryptionContext:environment': env.name }),
          'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['application', 'environment', 'field', 'contact-id'] },
        },
      })]);
    });
  });

  it('lets only the configured operators invoke Decrypt, and nobody invoke Encrypt but Lex', () => {
    const decrypt = byName(json, 'aws_lambda_function', 'function_name', `${env.prefix}-${env.name}-decrypt`);
    const permissions = Object.values(json.resource.aws_lambda_permission ?? {});
    const onDecrypt = permissions.filter((p) => p.function_name === ref(decrypt.address, 'function_name'));
    // ... and the bootstrap stack's smoke role, through Decrypt's smoke alias only (docs/operations.md, "Smoke test").
    expect(onDecrypt.filter((p) => p.qualifier === undefined).map((p) => p.principal).sort()).toEqual([...env.decryptPrincipals].sort());
    expect(onDecrypt.filter((p) => p.qualifier !== undefined).map((p) => p.principal)).toEqual([smokeRoleArn(env)]);
    for (const p of onDecrypt) expect(p.action).toBe('lambda:InvokeFunction');
    const others = permissions.filter((p) => !onDecrypt.includes(p));
    for (const p of others) expect(p.principal).toBe('lexv2.amazonaws.com');
  });

  it('lets nobody else use the key for data: no other key policy statement holds a data action', () => {
    const statements = JSON.parse(captureKey(json).body.policy).Statement;
    const management = (action: string) => KEY_ADMIN_ACTIONS.includes(action);
    const dataUse = statements.filter((s: any) => [s.Action].flat().some((a: string) => !management(a)));
    expect(dataUse.map((s: any) => [s.Action].flat()).sort()).toEqual([['kms:Decrypt'], ['kms:GenerateDataKey']]);
  });

  it('gives Decrypt the timeout its handler splits (functions/decrypt/deadline.test.ts), from one constant (contract/decrypt-budget.ts)', () => {
    const decrypt = byName(json, 'aws_lambda_function', 'function_name', `${env.prefix}-${env.name}-decrypt`).body;
    expect(decrypt.timeout).toBe(DECRYPT_TIMEOUT_SECONDS);
  });

  it('reserves Decrypt concurrency only where the environment sets it, and never Encrypt\'s', () => {
    const decrypt = byName(json, 'aws_lambda_function', 'function_name', `${env.prefix}-${env.name}-decrypt`).body;
    expect(decrypt.reserved_concurrent_executions).toBe(env.decryptReservedConcurrency === undefined ? -1 : env.decryptReservedConcurrency);
    expect(byName(json, 'aws_lambda_function', 'function_name', `${env.prefix}-${env.name}-encrypt`).body.reserved_concurrent_executions).toBe(-1);
  });
});

// Lambda refuses a reservation that leaves under 100 unreserved, so any reservation fails in a new account
// with a quota of 10 (https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html):
// unset means no reservation at all, and a shipped environment deploys so.
describe('Decrypt reserved concurrency', () => {
  const base = environments[0]!;
  it('is none (-1) unless configured, and the configured number when it is', () => {
    expect(reservedConcurrency({ ...base, decryptReservedConcurrency: undefined }, 'decrypt')).toBe(-1);
    expect(reservedConcurrency({ ...base, decryptReservedConcurrency: 3 }, 'decrypt')).toBe(3);
    expect(reservedConcurrency({ ...base, decryptReservedConcurrency: 3 }, 'encrypt')).toBe(-1);
  });

  it('is left unset by at least one shipped environment, so a new account can take it', () => {
    expect(environments.filter((env) => env.decryptReservedConcurrency === undefined).length).toBeGreaterThan(0);
  });
});
