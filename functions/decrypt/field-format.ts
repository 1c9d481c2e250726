import { luhnValid } from '../../contract/luhn';
import type { SecureFieldSpec } from '../../contract/secure-fields';

/** True when a decrypted value has its field's format: exactly its ASCII digits, Luhn-valid for a card. */
export function hasFieldFormat(plaintext: string, spec: Pick<SecureFieldSpec, 'digits' | 'luhn'>): boolean {
  return plaintext.length === spec.digits && /^[0-9]+$/.test(plaintext) && (!spec.luhn || luhnValid(plaintext));
}

// What an operator sees by default. PCI DSS v4.0 requirement 3.4.1 allows at most the BIN and the last
// four digits of a PAN to be displayed; this shows fewer: the card's last four and the ZIP's last two.
const SHOWN_DIGITS: Record<string, number> = { 'card-number': 4, zip: 2 };

/** The value with all but its last few digits replaced by `*` (length kept). */
export function maskValue(plaintext: string, field: string): string {
  const shown = SHOWN_DIGITS[field] ?? 0;
  return '*'.repeat(Math.max(0, plaintext.length - shown)) + plaintext.slice(plaintext.length - shown);
}
