import { environmentSchema, type EnvironmentConfig, type EnvironmentInput } from './schema';

/** A configuration error, worded as the one line synthesis prints before it stops. */
export class EnvironmentConfigError extends Error {
  override name = 'EnvironmentConfigError';
}

export function stateKey(env: Pick<EnvironmentConfig, 'prefix' | 'name'>): string {
  return `${env.prefix}/${env.name}/terraform.tfstate`;
}

function accountOf(arn: string): string | undefined {
  return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}

/** Validates one environment: the first broken rule, as `environment "x": field: rule`. */
export function loadEnvironment(input: EnvironmentInput): EnvironmentConfig {
  const label = typeof (input as { name?: unknown })?.name === 'string' ? (input as { name: string }).name : '?';
  const parsed = environmentSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    // A bad record key reports its own rule one level down.
    const message = issue.code === 'invalid_key' ? (issue.issues[0]?.message ?? issue.message) : issue.message;
    const field = issue.path.length ? issue.path.join('.') : '(root)';
    throw new EnvironmentConfigError(`environment "${label}": ${field}: ${message}`);
  }
  const env = parsed.data;
  for (const field of ['deployRoleArn', 'planRoleArn'] as const) {
    if (accountOf(env[field]) !== env.account) {
      throw new EnvironmentConfigError(`environment "${label}": ${field}: must be a role in the environment's own account ${env.account}`);
    }
    // The deploy role may change every role under this name (the stack's own): a CI role there could widen itself.
    if (env[field].split(':role/')[1]!.startsWith(`${env.prefix}-${env.name}-`)) {
      throw new EnvironmentConfigError(`environment "${label}": ${field}: must not be named ${env.prefix}-${env.name}-..., like the roles the deploy role may change`);
    }
  }
  if (env.planRoleArn === env.deployRoleArn) {
    throw new EnvironmentConfigError(`environment "${label}": planRoleArn: must not be the deploy role`);
  }
  return env;
}

/** Validates every environment, then the rules between them: one account and one state key each. */
export function loadEnvironments(inputs: readonly EnvironmentInput[]): EnvironmentConfig[] {
  const envs = inputs.map(loadEnvironment);
  const seen = { account: new Map<string, string>(), state: new Map<string, string>(), name: new Map<string, string>() };
  for (const env of envs) {
    const keys = { account: env.account, state: `s3://${env.state.bucket}/${stateKey(env)}`, name: env.name };
    for (const [rule, value] of Object.entries(keys) as [keyof typeof seen, string][]) {
      const other = seen[rule].get(value);
      if (other !== undefined) {
        const field = rule === 'state' ? 'state.bucket' : rule;
        throw new EnvironmentConfigError(`environment "${env.name}": ${field}: must not share ${rule === 'state' ? 'the state key' : `its ${rule}`} ${value} with environment "${other}"`);
      }
      seen[rule].set(value, env.name);
    }
  }
  return envs;
}
