import type { SecureField } from '../../contract/encryption-context';

/** The refusal codes of the event contract (docs/operators-decrypt.md); nothing else is ever answered. */
export const ERROR_CODES = ['bad-request', 'not-found', 'context-mismatch', 'corrupt', 'kms-unavailable', 'access-denied'] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export type DecryptAnswer =
  | { Status: 'OK'; ContactId: string; Fields: Partial<Record<SecureField, string>> }
  | { Status: 'ERROR'; Code: ErrorCode; Message: string };

/**
 * Why a request was refused: the code and one-line message the operator sees, and the error class the
 * logs record (an SDK error's name or a fixed label; never a message, which can quote input).
 */
export class Refusal extends Error {
  override name = 'Refusal';
  constructor(readonly code: ErrorCode, message: string, readonly errorClass: string = code) {
    super(message);
  }
}
