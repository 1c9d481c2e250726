import { readRuntimeConfig, type RuntimeConfig } from '../shared/runtime-config';
import { DECRYPT_ENV, INSTANCE_ID_PATTERN, LOG_GROUP_PATTERN } from '../../contract/decrypt-env';

export interface DecryptConfig extends RuntimeConfig {
  connectInstanceId: string;
  auditLogGroup: string;
}

/** Fails closed, naming the variable, when the function is misconfigured. */
export function readDecryptConfig(env: NodeJS.ProcessEnv = process.env): DecryptConfig {
  const base = readRuntimeConfig(env);
  const connectInstanceId = env[DECRYPT_ENV.connectInstanceId] ?? '';
  const auditLogGroup = env[DECRYPT_ENV.auditLogGroup] ?? '';
  if (!INSTANCE_ID_PATTERN.test(connectInstanceId)) throw new Error(`${DECRYPT_ENV.connectInstanceId} must be a Connect instance id`);
  if (!LOG_GROUP_PATTERN.test(auditLogGroup)) throw new Error(`${DECRYPT_ENV.auditLogGroup} must be a log group name`);
  return { ...base, connectInstanceId, auditLogGroup };
}
