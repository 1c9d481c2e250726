import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { bootstrapRoles, keyAdministratorsAuditInvokeTrail, type BootstrapRoleKind } from '../../environments/principals';
import { bootstrapRoleTrustPolicy, keyAdministratorPolicy } from '../policies/bootstrap-role-policies';

const DESCRIPTION: Record<BootstrapRoleKind, (env: EnvironmentConfig) => string> = {
  // With no auditors of their own, the key administrators also read the Decrypt invoke trail (environments/principals.ts).
  keyAdministrator: (env) => `Manages (never uses) the ${env.name} secure-input key, through its key policy${keyAdministratorsAuditInvokeTrail(env) ? '; reads the Decrypt invoke trail as its default auditor' : ''}`,
  operator: (env) => `Invokes the ${env.name} Decrypt function, through its resource policy`,
};

/**
 * The roles for people that the environment stack names, created when the environment asks for them
 * (`bootstrap.keyAdministratorRole`, `bootstrap.operatorRole`). KMS refuses a key policy, and Lambda a
 * permission, whose principal does not exist, so they must exist before the environment's first deploy.
 * Operators get no policy of their own: the Decrypt function's resource policy is their only right.
 */
export class OperatorRoles extends Construct {
  readonly roles: Partial<Record<BootstrapRoleKind, IamRole>> = {};

  constructor(scope: Construct, id: string, env: EnvironmentConfig) {
    super(scope, id);
    for (const role of bootstrapRoles(env)) {
      const created = new IamRole(this, role.kind, {
        name: role.name,
        description: DESCRIPTION[role.kind](env),
        assumeRolePolicy: JSON.stringify(bootstrapRoleTrustPolicy(role.trustedBy)),
        maxSessionDuration: 3600,
      });
      if (role.kind === 'keyAdministrator') {
        new IamRolePolicy(this, 'key-administrator-permissions', { role: created.id, name: 'find-keys', policy: JSON.stringify(keyAdministratorPolicy()) });
      }
      this.roles[role.kind] = created;
    }
  }
}
