import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { permissionsBoundaryName } from '../naming';
import { roleBoundaryPolicy } from '../policies/boundary-policy';

/**
 * The managed policy that caps every role the environment stack creates. It lives in the bootstrap stack,
 * which only an administrator applies, so the deploy role (which may not change it) cannot widen it.
 */
export class PermissionsBoundary extends Construct {
  readonly policy: IamPolicy;

  constructor(scope: Construct, id: string, env: EnvironmentConfig) {
    super(scope, id);
    this.policy = new IamPolicy(this, 'policy', {
      name: permissionsBoundaryName(env),
      description: `Permissions boundary of every role in the ${env.name} stack`,
      policy: JSON.stringify(roleBoundaryPolicy(env)),
    });
  }
}
