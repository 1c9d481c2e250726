// Environment variables the stack sets on the Decrypt function only (stacks/constructs/secure-input-functions.ts)
// and its handler reads (functions/decrypt/decrypt-config.ts), with the form each value must have: one
// list for both sides.
export const DECRYPT_ENV = {
  /** The environment's Connect instance id: the only instance whose contacts Decrypt reads. */
  connectInstanceId: 'CONNECT_INSTANCE_ID',
  /** The log group that keeps one audit record per request (not the function's own log group). */
  auditLogGroup: 'AUDIT_LOG_GROUP',
} as const;

export const INSTANCE_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const LOG_GROUP_PATTERN = /^[\w\-/.#]{1,512}$/;
