import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import type { ProjectSettings } from '../../environments/project';
import { smokeRoleName } from '../../environments/principals';
import { smokePolicy, smokeTrustPolicy } from '../policies/smoke-policies';

/**
 * The role `npm run smoke` runs as after a deploy (docs/operations.md, "Smoke test"): assumed by this
 * environment's apply job through GitHub OIDC, allowed RecognizeText on this environment's alias and Invoke
 * on its Decrypt function, nothing else. Decrypt's resource policy names it (environments/principals.ts),
 * so it must exist before the environment stack's first apply: the bootstrap stack creates it.
 */
export class SmokeRole extends Construct {
  readonly role: IamRole;

  constructor(scope: Construct, id: string, props: { env: EnvironmentConfig; project: ProjectSettings; oidcProviderArn: string }) {
    super(scope, id);
    const { env, project } = props;
    this.role = new IamRole(this, 'role', {
      name: smokeRoleName(env),
      description: `Smoke test of ${env.name} after each deploy: RecognizeText on its bot alias, Invoke on its Decrypt function`,
      assumeRolePolicy: JSON.stringify(smokeTrustPolicy({ providerArn: props.oidcProviderArn, subject: `repo:${project.githubRepository}:environment:${env.name}` })),
      maxSessionDuration: 3600,
    });
    new IamRolePolicy(this, 'permissions', { role: this.role.id, name: 'smoke-test', policy: JSON.stringify(smokePolicy(env)) });
  }
}
