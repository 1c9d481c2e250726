import { stateKey, type EnvironmentConfig } from '../environments';

/** One naming rule for everything the stacks create and the operator tools look up. */
export const resourceName = (env: Pick<EnvironmentConfig, 'prefix' | 'name'>, part: string): string => `${env.prefix}-${env.name}-${part}`;

/** The account's bootstrap stack (state bucket, CI and operator roles) and where its state lives in that bucket. */
export const bootstrapStackName = (env: Pick<EnvironmentConfig, 'name'>): string => `bootstrap-${env.name}`;
export const bootstrapStateKey = (env: Pick<EnvironmentConfig, 'prefix' | 'name'>): string => stateKey({ prefix: env.prefix, name: bootstrapStackName(env) });

export const functionName = (env: Pick<EnvironmentConfig, 'prefix' | 'name'>, fn: 'encrypt' | 'decrypt'): string => resourceName(env, fn);

type FunctionArnEnv = Pick<EnvironmentConfig, 'prefix' | 'name' | 'region' | 'account'>;
/** A Lambda function's ARN in the environment's account and region (`name` may end in `*` or `:*`). */
export const lambdaFunctionArn = (env: FunctionArnEnv, name: string): string => `arn:aws:lambda:${env.region}:${env.account}:function:${name}`;
/** Every function this project names in the environment, with their versions and aliases. */
export const projectFunctionsArn = (env: FunctionArnEnv): string => lambdaFunctionArn(env, `${resourceName(env, '')}*`);
export const decryptFunctionArn = (env: FunctionArnEnv): string => lambdaFunctionArn(env, functionName(env, 'decrypt'));

/** Decrypt's audit records: a group of their own, kept longer than function logs (docs/operators-decrypt.md). */
export const decryptAuditLogGroupName = (env: Pick<EnvironmentConfig, 'prefix' | 'name'>): string => `/${env.prefix}/${env.name}/decrypt-audit`;
/** The CloudTrail trail that records who invoked Decrypt; its ARN is known from the config (no reference cycle with its bucket). */
export const invokeTrailName = (env: Pick<EnvironmentConfig, 'prefix' | 'name'>): string => resourceName(env, 'decrypt-invokes');
export const invokeTrailArn = (env: Pick<EnvironmentConfig, 'prefix' | 'name' | 'region' | 'account'>): string =>
  `arn:aws:cloudtrail:${env.region}:${env.account}:trail/${invokeTrailName(env)}`;
/** Its bucket: S3 names are global, so the account is part of it (at most 63 characters: environments/resource-names.ts). */
export const invokeTrailBucketName = (env: Pick<EnvironmentConfig, 'prefix' | 'name' | 'account'>): string => `${invokeTrailName(env)}-${env.account}`;
/** Where Connect writes an instance's flow logs; it creates this group itself, with no retention, unless it exists. */
export const connectLogGroupName = (instanceAlias: string): string => `/aws/connect/${instanceAlias}`;
/**
 * The permissions boundary of every role the environment stack creates: a managed policy that the
 * account's bootstrap stack creates (stacks/constructs/permissions-boundary.ts). Derived from config, so
 * the environment stack names it without a data source and a plan makes no AWS call for it.
 */
export const permissionsBoundaryName = (env: Pick<EnvironmentConfig, 'prefix' | 'name'>): string => resourceName(env, 'permissions-boundary');
export const permissionsBoundaryArn = (env: Pick<EnvironmentConfig, 'prefix' | 'name' | 'account'>): string =>
  `arn:aws:iam::${env.account}:policy/${permissionsBoundaryName(env)}`;
