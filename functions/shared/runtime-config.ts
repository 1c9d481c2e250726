import { RUNTIME_ENV } from '../../contract/runtime-env';

export interface RuntimeConfig {
  keyArn: string;
  environment: string;
}

const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]+$/;

/** Reads the function's configuration; a misconfigured function fails closed, naming the variable. */
export function readRuntimeConfig(env: NodeJS.ProcessEnv = process.env): RuntimeConfig {
  const keyArn = env[RUNTIME_ENV.keyArn] ?? '';
  const environment = env[RUNTIME_ENV.environment] ?? '';
  if (!KEY_ARN.test(keyArn)) throw new Error(`${RUNTIME_ENV.keyArn} must be a KMS key ARN`);
  if (!/^[a-z][a-z0-9]{1,11}$/.test(environment)) throw new Error(`${RUNTIME_ENV.environment} must be an environment name`);
  return { keyArn, environment };
}
