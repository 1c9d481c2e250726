import type { DigitsResult } from '../shared/digits';
import type { SecureFieldSpec } from '../shared/secure-fields';

const NAMES: Record<SecureFieldSpec['field'], string> = { 'card-number': 'card number', zip: 'ZIP code' };

/** A short spoken re-prompt; it says what was wrong, never what was heard. */
export function retryPrompt(spec: SecureFieldSpec, reason: Extract<DigitsResult, { ok: false }>['reason']): string {
  const name = NAMES[spec.field];
  const why = reason === 'checksum' ? `That ${name} is not valid.` : `A ${name} has ${spec.digits} digits.`;
  return `${why} Please say or key in the ${spec.digits}-digit ${name}, then press pound.`;
}

export const FAILED_MESSAGE = 'Sorry, we could not take that number.';
