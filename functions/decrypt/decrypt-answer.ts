import type { ErrorCode } from '../../contract/decrypt-answer';

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
