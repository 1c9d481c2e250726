import type { DigitsResult } from '../shared/digits';
import type { SecureFieldSpec } from '../../contract/secure-fields';

const NAMES: Record<SecureFieldSpec['field'], string> = { 'card-number': 'card number', zip: 'ZIP code' };

/**
 * Why a turn did not capture: the digits' verdict; `unrecognized` when Lex filled no digits (words, noise,
 * a keyed "*"); `no-input` when the caller said nothing.
 */
export type RetryReason = Extract<DigitsResult, { ok: false }>['reason'] | 'unrecognized' | 'no-input';

/** A short spoken re-prompt; it says what was wrong, never what was heard. */
export function retryPrompt(spec: SecureFieldSpec, reason: RetryReason): string {
  const name = NAMES[spec.field];
  const why = reason === 'checksum' ? `That ${name} is not valid.`
    : reason === 'no-input' ? 'Sorry, I did not hear anything.'
      : reason === 'unrecognized' ? `Sorry, that was not a ${spec.digits}-digit ${name}.`
        : `A ${name} has ${spec.digits} digits.`;
  return `${why} Please say or key in the ${spec.digits}-digit ${name}, then press pound.`;
}

export const FAILED_MESSAGE = 'Sorry, we could not take that number.';
