import { EnvironmentConfigError } from './load';
import type { EnvironmentConfig } from './schema';

// The one place that names the roles a bootstrap stack creates for people (environments/bootstrap-schema.ts).
// The bootstrap stack creates them under these names; the environment stack's key policy and Decrypt
// permission name them through keyAdministratorArns / decryptPrincipalArns below; preflight checks them.

export type BootstrapRoleKind = 'keyAdministrator' | 'operator';

type Env = Pick<EnvironmentConfig, 'account' | 'prefix' | 'name' | 'bootstrap' | 'deployRoleArn' | 'planRoleArn'>;

const ROLE_SUFFIX: Record<BootstrapRoleKind, string> = { keyAdministrator: 'key-admin', operator: 'operator' };
const SETTING: Record<BootstrapRoleKind, 'keyAdministratorRole' | 'operatorRole'> = { keyAdministrator: 'keyAdministratorRole', operator: 'operatorRole' };

export interface BootstrapRole {
  kind: BootstrapRoleKind;
  name: string;
  arn: string;
  trustedBy: string[];
}

/**
 * The roles this environment's bootstrap stack creates, by kind (empty when it creates none). Names carry
 * the prefix but not the environment: the deploy role may change every role named `<prefix>-<env>-...`, and
 * a role it could change could make CI a key administrator.
 */
export function bootstrapRoles(env: Env): BootstrapRole[] {
  return (Object.keys(ROLE_SUFFIX) as BootstrapRoleKind[]).flatMap((kind) => {
    const setting = env.bootstrap?.[SETTING[kind]];
    if (!setting) return [];
    const name = `${env.prefix}-${ROLE_SUFFIX[kind]}`;
    if (name.startsWith(`${env.prefix}-${env.name}-`)) {
      throw new EnvironmentConfigError(`environment "${env.name}": bootstrap.${SETTING[kind]}: the role ${name} would be one the deploy role may change (${env.prefix}-${env.name}-*): rename the environment`);
    }
    // IAM role names are unique in an account whatever their path.
    const ciRole = (['deployRoleArn', 'planRoleArn'] as const).find((field) => env[field].split('/').pop() === name);
    if (ciRole) {
      throw new EnvironmentConfigError(`environment "${env.name}": bootstrap.${SETTING[kind]}: the role ${name} would have the name of ${ciRole}: rename that role`);
    }
    return [{ kind, name, arn: `arn:aws:iam::${env.account}:role/${name}`, trustedBy: setting.trustedBy }];
  });
}

/** The ARN of a bootstrap-created role, or undefined when this environment's bootstrap stack does not create it. */
export const bootstrapRoleArn = (env: Env, kind: BootstrapRoleKind): string | undefined =>
  bootstrapRoles(env).find((r) => r.kind === kind)?.arn;

const unique = (arns: (string | undefined)[]) => [...new Set(arns.filter((a): a is string => a !== undefined))];

/** Who the key policy lets manage the key: the configured administrators and the bootstrap-created role. */
export const keyAdministratorArns = (env: Env & Pick<EnvironmentConfig, 'kms'>): string[] =>
  unique([...env.kms.administrators, bootstrapRoleArn(env, 'keyAdministrator')]);

/** Who may invoke the Decrypt function itself: the configured principals and the bootstrap-created operator role. */
export const operatorPrincipalArns = (env: Env & Pick<EnvironmentConfig, 'decryptPrincipals'>): string[] =>
  unique([...env.decryptPrincipals, bootstrapRoleArn(env, 'operator')]);

/** Who may invoke Decrypt at all: the operators, and the smoke role through its alias only (contract/decrypt-invocation.ts). */
export const decryptPrincipalArns = (env: Env & Pick<EnvironmentConfig, 'decryptPrincipals'>): string[] =>
  unique([...operatorPrincipalArns(env), smokeRoleArn(env)]);

/** True when the stack creates the invoke trail and names no auditors: its key administrators read it. */
export const keyAdministratorsAuditInvokeTrail = (env: Pick<EnvironmentConfig, 'decryptInvokeTrail'>): boolean =>
  env.decryptInvokeTrail.create && !env.decryptInvokeTrail.auditors;

/** Who may read the record of Decrypt's invokes the stack creates: the configured auditors, else the key administrators. */
export const invokeTrailAuditorArns = (env: Env & Pick<EnvironmentConfig, 'kms' | 'decryptInvokeTrail'>): string[] =>
  unique(env.decryptInvokeTrail.auditors ?? keyAdministratorArns(env));

/**
 * The smoke-test role the bootstrap stack always creates (stacks/constructs/smoke-role.ts). Like the roles
 * above, outside `<prefix>-<env>-*`: it may invoke Decrypt, so the deploy role must not be able to change it.
 */
export function smokeRoleName(env: Pick<EnvironmentConfig, 'prefix' | 'name'>): string {
  const name = `${env.prefix}-smoke-${env.name}`;
  if (name.startsWith(`${env.prefix}-${env.name}-`)) {
    throw new EnvironmentConfigError(`environment "${env.name}": the smoke role ${name} would be one the deploy role may change: rename the environment`);
  }
  return name;
}
export const smokeRoleArn = (env: Pick<EnvironmentConfig, 'account' | 'prefix' | 'name'>): string => `arn:aws:iam::${env.account}:role/${smokeRoleName(env)}`;
