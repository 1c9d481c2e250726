// Decrypt's answer, as docs/operators-decrypt.md states it: read by the function and by the operator's CLI.
import type { SecureField } from './encryption-context';

/** The refusal codes of the event contract; nothing else is ever answered. */
export const ERROR_CODES = ['bad-request', 'not-found', 'context-mismatch', 'corrupt', 'kms-unavailable', 'access-denied'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type DecryptAnswer =
  | { Status: 'OK'; ContactId: string; Fields: Partial<Record<SecureField, string>> }
  | { Status: 'ERROR'; Code: ErrorCode; Message: string };
