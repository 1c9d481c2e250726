import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Backend, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { EnvironmentConfig } from '../environments';
import { PROJECT, type ProjectSettings } from '../environments/project';
import { TERRAFORM_VERSION } from '../environments/toolchain';
import { GithubCiRoles } from './constructs/github-ci-roles';
import { OperatorRoles } from './constructs/operator-roles';
import { SmokeRole } from './constructs/smoke-role';
import { PermissionsBoundary } from './constructs/permissions-boundary';
import { StateBucket } from './constructs/state-bucket';
import { bootstrapStackName, bootstrapStateKey } from './naming';

/**
 * What an account needs before its first deploy: the state bucket and the CI roles. Applied once by an
 * administrator (see docs/operations.md): the first apply keeps state locally, then moves it into the
 * bucket it created (`terraform init -migrate-state`), under `<prefix>/bootstrap-<env>/terraform.tfstate`.
 */
export class BootstrapStack extends TerraformStack {
  constructor(scope: Construct, env: EnvironmentConfig, project: ProjectSettings) {
    super(scope, bootstrapStackName(env));
    new S3Backend(this, { bucket: env.state.bucket, key: bootstrapStateKey(env), region: env.state.region, encrypt: true });
    this.addOverride('terraform.backend.s3.use_lockfile', true);
    this.addOverride('terraform.required_version', TERRAFORM_VERSION); // the Terraform CI uses (environments/toolchain.ts)
    // An administrator's own credentials: the roles this stack creates do not exist yet.
    new AwsProvider(this, 'aws', {
      region: env.region,
      allowedAccountIds: [env.account],
      defaultTags: [{ tags: { ...env.tags, project: PROJECT, environment: env.name, 'managed-by': 'cdktf', stack: 'bootstrap' } }],
    });
    new StateBucket(this, 'state', env);
    const ci = new GithubCiRoles(this, 'ci', { env, project });
    new OperatorRoles(this, 'people', env);
    new PermissionsBoundary(this, 'permissions-boundary', env);
    new SmokeRole(this, 'smoke', { env, project, oidcProviderArn: ci.oidcProviderArn });
  }
}
