// Environment variables the stack sets on both functions and the handlers read: one list for both sides.
export const RUNTIME_ENV = {
  /** The KMS key ARN (not an alias: a strict keyring decrypts only with the ARN recorded in the message). */
  keyArn: 'KEY_ARN',
  /** The environment name (dev, stage, prod); goes into the encryption context. */
  environment: 'ENVIRONMENT_NAME',
} as const;
