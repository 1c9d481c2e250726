import { describe, expect, it } from 'vitest';
import { captureKey, environments, synthEnvironment } from '../test/synth-helpers';
import { cloudControlAddress, expectedAliasArn } from '../test/bot-wiring';
import { KEY_ADMIN_ACTIONS } from './policies/key-policy';

describe.each(environments.map((env) => [env.name, env] as const))('stack %s', (_name, env) => {
  const json = synthEnvironment(env);

  it('keeps state in its own S3 bucket with encryption and S3-native locking, through the deploy role', () => {
    expect(json.terraform.backend.s3).toEqual({
      bucket: env.state.bucket,
      key: `${env.prefix}/${env.name}/terraform.tfstate`,
      region: env.state.region,
      encrypt: true,
      use_lockfile: true,
      assume_role: { role_arn: env.deployRoleArn, session_name: expect.any(String) },
    });
    expect(json.terraform.backend.s3).not.toHaveProperty('dynamodb_table');
  });

  it('outputs the live bot\'s id, name and alias ARN, which only the state knows (the name ends in a generation id)', () => {
    const bot = cloudControlAddress(json, 'AWS::Lex::Bot');
    const { capture_module_arn: _arn, capture_module_id: _id, ...botOutputs } = (json as any).output;
    expect(botOutputs).toEqual({
      bot_id: { value: `\${${bot}.id}`, description: expect.any(String) },
      bot_name: { value: `\${jsondecode(${bot}.desired_state).Name}`, description: expect.any(String) },
      bot_alias_arn: { value: expectedAliasArn(json, env), description: expect.any(String) },
    });
  });

  it('pins the AWS provider and guards it to this account only', () => {
    expect(json.terraform.required_providers.aws!.version).toBe('6.25.0');
    expect(json.provider.aws).toHaveLength(1);
    const aws = json.provider.aws[0]!;
    expect(aws.allowed_account_ids).toEqual([env.account]);
    expect(aws.region).toBe(env.region);
    expect(aws.assume_role).toEqual([{ role_arn: '${var.aws_role_arn}', session_name: expect.any(String) }]);
  });

  it('assumes the deploy role unless a plan passes the read-only plan role, and no other', () => {
    const variable = (json as any).variable.aws_role_arn;
    expect(variable.default).toBe(env.deployRoleArn);
    expect(variable.validation[0].condition).toBe(`\${contains(${JSON.stringify([env.deployRoleArn, env.planRoleArn])}, var.aws_role_arn)}`);
  });

  it('tags everything with project, environment and managed-by, plus the configured tags', () => {
    const tags = json.provider.aws[0]!.default_tags[0].tags;
    expect(tags).toMatchObject({ ...env.tags, project: 'secure-lex-input', environment: env.name, 'managed-by': 'cdktf' });
  });

  it('reads nothing from AWS during plan', () => {
    expect(JSON.stringify(json)).not.toMatch(/aws_caller_identity/);
  });

  it('creates a rotating symmetric key with the configured windows, protected where configured', () => {
    const key = captureKey(json).body;
    expect(key).toMatchObject({
      key_usage: 'ENCRYPT_DECRYPT',
      customer_master_key_spec: 'SYMMETRIC_DEFAULT',
      enable_key_rotation: true,
      rotation_period_in_days: env.kms.rotationPeriodInDays,
      deletion_window_in_days: env.kms.deletionWindowInDays,
    });
    expect(key.lifecycle?.prevent_destroy ?? false).toBe(env.protectFromDestroy);
    expect(Object.values(json.resource.aws_kms_alias!).filter((a) => a.target_key_id === `${'$'}{${captureKey(json).address}.key_id}`).map((a) => a.name)).toEqual([`alias/${env.prefix}-${env.name}-secure-input`]);
  });

  it('lets the administrators and the account root manage the key, without data use for them', () => {
    const policy = JSON.parse(captureKey(json).body.policy);
    const [root, admins] = policy.Statement;
    expect(root.Principal.AWS).toBe(`arn:aws:iam::${env.account}:root`);
    expect(admins.Principal.AWS).toEqual(env.kms.administrators);
    for (const statement of [root, admins]) {
      expect(statement.Action).toEqual(KEY_ADMIN_ACTIONS);
      expect(statement.Action).not.toContain('kms:Decrypt');
      expect(statement.Action).not.toContain('kms:CreateGrant');
    }
  });
});

it('gives the key prevent_destroy exactly where protectFromDestroy is set (prod among them)', () => {
  const guarded = environments.filter((env) => captureKey(synthEnvironment(env)).body.lifecycle?.prevent_destroy);
  expect(guarded.map((env) => env.name)).toEqual(environments.filter((env) => env.protectFromDestroy).map((env) => env.name));
  expect(guarded.map((env) => env.name)).toContain('prod');
});
