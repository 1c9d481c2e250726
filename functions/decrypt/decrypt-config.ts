import { readRuntimeConfig, type RuntimeConfig } from '../shared/runtime-config';

// Environment variables the stack sets on the Decrypt function only (stacks/constructs/secure-input-functions.ts).
export const DECRYPT_ENV = {
  /** The environment's Connect instance id: the only instance whose contacts Decrypt reads. */
  connectInstanceId: 'CONNECT_INSTANCE_ID',
  /** The log group that keeps one audit record per request (not the function's own log group). */
  auditLogGroup: 'AUDIT_LOG_GROUP',
} as const;

export interface DecryptConfig extends RuntimeConfig {
  connectInstanceId: string;
  auditLogGroup: string;
}

const INSTANCE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const LOG_GROUP = /^[\w\-/.#]{1,512}$/;

/** Fails closed, naming the variable, when the function is misconfigured. */
export function readDecryptConfig(env: NodeJS.ProcessEnv = process.env): DecryptConfig {
  const base = readRuntimeConfig(env);
  const connectInstanceId = env[DECRYPT_ENV.connectInstanceId] ?? '';
  const auditLogGroup = env[DECRYPT_ENV.auditLogGroup] ?? '';
  if (!INSTANCE_ID.test(connectInstanceId)) throw new Error(`${DECRYPT_ENV.connectInstanceId} must be a Connect instance id`);
  if (!LOG_GROUP.test(auditLogGroup)) throw new Error(`${DECRYPT_ENV.auditLogGroup} must be a log group name`);
  return { ...base, connectInstanceId, auditLogGroup };
}
