// What the workflows need to know about one environment, read from its validated config so that no
// workflow restates an account id or a role ARN. `npm run ci-env -- <env>` prints these as GITHUB_OUTPUT lines.
import { stateKey, type EnvironmentConfig } from '../environments';
import { smokeRoleArn } from '../environments/principals';
import { smokeAfterDeploy } from '../environments/smoke-schema';
import { TERRAFORM_VERSION } from '../environments/toolchain';
import { functionName } from '../stacks/naming';

/**
 * The `terraform init -backend-config` value that makes the S3 backend read the state as the read-only
 * plan role instead of the deploy role written in the stack (the provider's role is `-var aws_role_arn`).
 */
export const planBackendConfig = (env: EnvironmentConfig): string =>
  `assume_role={role_arn="${env.planRoleArn}",session_name="${env.prefix}-${env.name}-plan-state"}`;

export function ciFacts(env: EnvironmentConfig): Record<string, string> {
  return {
    account: env.account,
    region: env.region,
    plan_role_arn: env.planRoleArn,
    deploy_role_arn: env.deployRoleArn,
    plan_backend_config: planBackendConfig(env),
    state_bucket: env.state.bucket,
    state_key: stateKey(env),
    smoke_role_arn: smokeRoleArn(env),
    smoke_locale: env.lex.locales[0]!,
    smoke_decrypt_function: functionName(env, 'decrypt'),
    smoke_after_deploy: String(smokeAfterDeploy(env)),
  };
}

/**
 * The build job's outputs that every other job is driven by: the environments in deploy order (a JSON list
 * for `strategy.matrix`), so a new environment file is planned, deployed and checked for drift with no
 * workflow edit, and the Terraform version to install.
 */
export function ciMatrix(envs: readonly EnvironmentConfig[]): { environments: string; terraform_version: string } {
  return { environments: JSON.stringify(envs.map((e) => e.name)), terraform_version: TERRAFORM_VERSION };
}
