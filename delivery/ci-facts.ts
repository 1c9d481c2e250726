// What the workflows need to know about one environment, read from its validated config so that no
// workflow restates an account id or a role ARN. `npm run ci-env -- <env>` prints these as GITHUB_OUTPUT lines.
import { stateKey, type EnvironmentConfig } from '../environments';

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
  };
}
