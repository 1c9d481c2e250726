import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import dev from '../../environments/dev';
import { loadEnvironment, type EnvironmentConfig } from '../../environments';
import { bootstrapRoles, keyAdministratorArns, operatorPrincipalArns } from '../../environments/principals';
import { PROJECT_SETTINGS } from '../../environments/project';
import { captureKey, environments, synthEnvironment, type SynthesizedStack } from '../../test/synth-helpers';
import { BootstrapStack } from '../bootstrap-stack';
import { SecureInputStack } from '../secure-input-stack';

// KMS refuses a key policy whose principals do not exist (CreateKey / PutKeyPolicy: "The principals in the
// key policy must exist and be visible to KMS", MalformedPolicyDocumentException,
// https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html), and Lambda's AddPermission
// refuses a principal that does not exist. These tests pin that the roles the bootstrap stack creates are
// exactly the ones the environment stack names, and how they may be assumed.

const synthBootstrap = (env: EnvironmentConfig) =>
  JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), env, PROJECT_SETTINGS))) as { resource: Record<string, Record<string, any>> };
const roleNamed = (json: ReturnType<typeof synthBootstrap>, name: string) =>
  Object.values(json.resource.aws_iam_role ?? {}).find((r) => r.name === name);

describe.each(environments.map((env) => [env.name, env] as const))('%s: bootstrap roles for people', (_name, env) => {
  const bootstrap = synthBootstrap(env);
  const stack = synthEnvironment(env);
  const created = bootstrapRoles(env);

  it('creates the key-administrator and operator roles, outside the names the deploy role may change', () => {
    expect(created.map((r) => r.kind)).toEqual(['keyAdministrator', 'operator']);
    for (const role of created) {
      expect(roleNamed(bootstrap, role.name), role.name).toBeDefined();
      expect(role.arn).toBe(`arn:aws:iam::${env.account}:role/${role.name}`);
      expect(`${role.name}-`.startsWith(`${env.prefix}-${env.name}-`)).toBe(false);
    }
  });

  it('describes the key-administrator role as the invoke trail\'s auditor exactly when it is the default one', () => {
    const admin = roleNamed(bootstrap, created.find((r) => r.kind === 'keyAdministrator')!.name)!;
    const defaultAuditor = env.decryptInvokeTrail.create && !env.decryptInvokeTrail.auditors;
    expect(admin.description).toMatch(/^Manages \(never uses\) the \w+ secure-input key/);
    expect(admin.description.includes('default auditor')).toBe(defaultAuditor);
    const own = loadEnvironment({ ...dev, decryptInvokeTrail: { create: true, auditors: [`arn:aws:iam::${dev.account}:role/auditor`] } });
    const ownAdmin = roleNamed(synthBootstrap(own), bootstrapRoles(own).find((r) => r.kind === 'keyAdministrator')!.name)!;
    expect(ownAdmin.description).not.toContain('auditor');
  });

  it('names exactly those roles in the key policy and the Decrypt invoke permissions', () => {
    const admins = JSON.parse(captureKey(stack).body.policy).Statement.find((s: any) => s.Sid === 'AdministratorsManageKey').Principal.AWS;
    expect(admins).toEqual(keyAdministratorArns(env));
    expect(admins).toContain(created.find((r) => r.kind === 'keyAdministrator')!.arn);
    const invokers = Object.values(stack.resource.aws_lambda_permission!).filter((p) => String(p.statement_id ?? '').startsWith('OperatorInvokesDecrypt')).map((p) => p.principal);
    expect(invokers).toEqual(operatorPrincipalArns(env));
    expect(invokers).toContain(created.find((r) => r.kind === 'operator')!.arn);
  });
});

it('adds the created roles to an environment that does not list them itself', () => {
  const env = loadEnvironment({
    ...dev,
    kms: { ...dev.kms, administrators: ['arn:aws:iam::111122223333:role/security-team'] },
    decryptPrincipals: ['arn:aws:iam::111122223333:role/fraud-desk'],
  });
  const json = JSON.parse(Testing.synth(new SecureInputStack(Testing.app(), env))) as SynthesizedStack;
  const admins = JSON.parse(captureKey(json).body.policy).Statement.find((s: any) => s.Sid === 'AdministratorsManageKey').Principal.AWS;
  expect(admins).toEqual(['arn:aws:iam::111122223333:role/security-team', 'arn:aws:iam::111122223333:role/secure-input-key-admin']);
  expect(Object.values(json.resource.aws_lambda_permission!).filter((p) => String(p.statement_id ?? '').startsWith('OperatorInvokesDecrypt')).map((p) => p.principal))
    .toEqual(['arn:aws:iam::111122223333:role/fraud-desk', 'arn:aws:iam::111122223333:role/secure-input-operator']);
});

describe('trust of a bootstrap role', () => {
  const user = 'arn:aws:iam::111122223333:user/alice';
  const role = 'arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_0123';
  const account = 'arn:aws:iam::111122223333:root';
  const env = loadEnvironment({ ...dev, bootstrap: { operatorRole: { trustedBy: [user, role, account] } } });
  const json = synthBootstrap(env);
  const trust = JSON.parse(roleNamed(json, 'secure-input-operator')!.assume_role_policy).Statement as any[];

  it('lets IAM users in only with MFA, roles and accounts as configured', () => {
    expect(trust).toContainEqual({ Sid: 'TrustedUsersWithMfa', Effect: 'Allow', Principal: { AWS: [user] }, Action: 'sts:AssumeRole', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } });
    expect(trust).toContainEqual({ Sid: 'TrustedRolesAndAccounts', Effect: 'Allow', Principal: { AWS: [role, account] }, Action: 'sts:AssumeRole' });
  });

  it('denies any IAM user without MFA, including users of a trusted account and long-term keys (key absent)', () => {
    expect(trust).toContainEqual({
      Sid: 'NoIamUserWithoutMfa', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:PrincipalType': 'User' }, BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    });
  });

  it('creates only the roles asked for; operators get no policy of their own', () => {
    expect(roleNamed(json, 'secure-input-key-admin')).toBeUndefined();
    expect(Object.values(json.resource.aws_iam_role_policy!).map((p) => p.name).sort()).toEqual(['plan-secure-input', 'smoke-test']);
  });

  it('gives the key administrator only key discovery; the key policy grants the rest', () => {
    const admin = synthBootstrap(loadEnvironment({ ...dev, bootstrap: { keyAdministratorRole: { trustedBy: [role] } } }));
    const policy = Object.values(admin.resource.aws_iam_role_policy!).find((p) => p.name === 'find-keys')!;
    expect(JSON.parse(policy.policy).Statement).toEqual([{ Sid: 'FindKeys', Effect: 'Allow', Action: ['kms:ListKeys', 'kms:ListAliases'], Resource: '*' }]);
  });
});

describe('bootstrap settings that must fail at synth', () => {
  it('refuses an environment whose key-administrator role the deploy role could change', () => {
    const env = loadEnvironment({ ...dev, name: 'key' });
    expect(() => bootstrapRoles(env)).toThrow('environment "key": bootstrap.keyAdministratorRole: the role secure-input-key-admin would be one the deploy role may change');
  });

  it('refuses a CI role that has the name of a bootstrap role, whatever its path', () => {
    const env = loadEnvironment({ ...dev, planRoleArn: 'arn:aws:iam::111122223333:role/ci/secure-input-operator' });
    expect(() => bootstrapRoles(env)).toThrow('environment "dev": bootstrap.operatorRole: the role secure-input-operator would have the name of planRoleArn: rename that role');
  });

  it('refuses a trusted identity that is not a user, role or account', () => {
    expect(() => loadEnvironment({ ...dev, bootstrap: { operatorRole: { trustedBy: ['arn:aws:iam::111122223333:group/ops'] } } }))
      .toThrow('environment "dev": bootstrap.operatorRole.trustedBy.0: must be an IAM user, IAM role or account (…:root) ARN');
  });
});

describe('GitHub OIDC provider', () => {
  const federated = (json: ReturnType<typeof synthBootstrap>, name: string) => JSON.parse(roleNamed(json, name)!.assume_role_policy).Statement[0].Principal.Federated;

  it('is created by default, and the CI roles trust it', () => {
    const json = synthBootstrap(environments[0]!);
    const [address] = Object.keys(json.resource.aws_iam_openid_connect_provider!);
    expect(federated(json, 'secure-input-deploy')).toBe(`\${aws_iam_openid_connect_provider.${address}.arn}`);
  });

  it('is the account\'s existing one when the environment says so: nothing created, its ARN derived from the account', () => {
    const env = loadEnvironment({ ...dev, bootstrap: { useExistingGithubOidcProvider: true } });
    const json = synthBootstrap(env);
    expect(json.resource.aws_iam_openid_connect_provider).toBeUndefined();
    expect(JSON.stringify(json)).not.toContain('"data"');
    for (const role of ['secure-input-deploy', 'secure-input-plan']) {
      expect(federated(json, role)).toBe('arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com');
    }
  });
});
