import type { DigitsResult } from '../shared/digits';
import type { SecureFieldSpec } from '../../contract/secure-fields';

const NAMES: Record<SecureFieldSpec['field'], string> = { 'card-number': 'card number', zip: 'ZIP code' };

/** Why a turn did not capture: the digits' verdict, or `unrecognized` when Lex filled no slot of this field. */
export type RetryReason = Extract<DigitsResult, { ok: false }>['reason'] | 'unrecognized';

/** A short spoken re-prompt; it says what was wrong, never what was heard. */
export function retryPrompt(spec: SecureFieldSpec, reason: RetryReason): string {
  const name = NAMES[spec.field];
  const why = reason === 'checksum' ? `That ${name} is not valid.`
    : reason === 'unrecognized' ? `Sorry, that was not a ${spec.digits}-digit ${name}.`
      : `A ${name} has ${spec.digits} digits.`;
  return `${why} Please say or key in the ${spec.digits}-digit ${name}, then press pound.`;
}

export const FAILED_MESSAGE = 'Sorry, we could not take that number.';
