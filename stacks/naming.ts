import type { EnvironmentConfig } from '../environments';

/** One naming rule for everything the stacks create and the operator tools look up. */
export const resourceName = (env: Pick<EnvironmentConfig, 'prefix' | 'name'>, part: string): string => `${env.prefix}-${env.name}-${part}`;

export const functionName = (env: Pick<EnvironmentConfig, 'prefix' | 'name'>, fn: 'encrypt' | 'decrypt'): string => resourceName(env, fn);

/** Where Connect writes flow logs; it creates this group itself, with no retention, unless it exists. */
export const connectLogGroupName = (env: Pick<EnvironmentConfig, 'connect'>): string => `/aws/connect/${env.connect.instanceAlias}`;
