// What the workflows need to know about each stack (an environment's, and its account's bootstrap stack),
// read from the validated config so that no workflow restates an account id or a role ARN.
// `npm run ci-env -- <stack>` prints these as GITHUB_OUTPUT lines.
import { stateKey, type EnvironmentConfig } from '../environments';
import { smokeRoleArn } from '../environments/principals';
import { smokeAfterDeploy } from '../environments/smoke-schema';
import { TERRAFORM_VERSION } from '../environments/toolchain';
import { bootstrapStackName, bootstrapStateKey } from '../stacks/naming';
import { functionName } from '../stacks/naming';

/**
 * The `terraform init -backend-config` value that makes the S3 backend read the state as the read-only
 * plan role instead of the deploy role written in the stack (the provider's role is `-var aws_role_arn`).
 */
export const planBackendConfig = (env: EnvironmentConfig): string =>
  `assume_role={role_arn="${env.planRoleArn}",session_name="${env.prefix}-${env.name}-plan-state"}`;

/** The `-var` that makes the environment stack's provider read as the plan role (its validation accepts only the two roles). */
export const planRoleVar = (env: EnvironmentConfig): string => `aws_role_arn=${env.planRoleArn}`;

/** The environment stack's facts. */
export function ciFacts(env: EnvironmentConfig): Record<string, string> {
  return {
    kind: 'environment',
    environment: env.name,
    account: env.account,
    region: env.region,
    plan_role_arn: env.planRoleArn,
    deploy_role_arn: env.deployRoleArn,
    plan_backend_config: planBackendConfig(env),
    plan_role_var: planRoleVar(env),
    state_bucket: env.state.bucket,
    state_key: stateKey(env),
    smoke_role_arn: smokeRoleArn(env),
    smoke_locale: env.lex.locales[0]!,
    smoke_decrypt_function: functionName(env, 'decrypt'),
    smoke_after_deploy: String(smokeAfterDeploy(env)),
  };
}

/**
 * The bootstrap stack's facts, for its read-only plan in pull requests and the drift check (never applied by
 * CI: docs/operations.md). Its backend and provider assume no role: they use the job's own session, which is
 * the plan role's, so there is no backend override and no `-var` (both empty).
 */
export function bootstrapCiFacts(env: EnvironmentConfig): Record<string, string> {
  return {
    kind: 'bootstrap',
    environment: env.name,
    account: env.account,
    region: env.region,
    plan_role_arn: env.planRoleArn,
    plan_backend_config: '',
    plan_role_var: '',
    state_bucket: env.state.bucket,
    state_key: bootstrapStateKey(env),
  };
}

/** Every stack's facts by stack name: the environment stacks in deploy order, then the bootstrap stacks. */
export function ciStackFacts(envs: readonly EnvironmentConfig[]): Record<string, Record<string, string>> {
  return Object.fromEntries([
    ...envs.map((e) => [e.name, ciFacts(e)] as const),
    ...envs.map((e) => [bootstrapStackName(e), bootstrapCiFacts(e)] as const),
  ]);
}

/**
 * The build job's outputs that every other job is driven by: the environments in deploy order and every
 * stack (environments, then bootstrap stacks), as JSON lists for `strategy.matrix`, so a new environment
 * file is planned (with its bootstrap stack), deployed and checked for drift with no workflow edit; and the
 * Terraform version to install.
 */
export function ciMatrix(envs: readonly EnvironmentConfig[]): { environments: string; stacks: string; terraform_version: string } {
  return {
    environments: JSON.stringify(envs.map((e) => e.name)),
    stacks: JSON.stringify(Object.keys(ciStackFacts(envs))),
    terraform_version: TERRAFORM_VERSION,
  };
}
