import { luhnValid } from '../../contract/luhn';
import type { SecureFieldSpec } from '../../contract/secure-fields';

/** Longer raw input is refused before any work: no 16-digit value needs more, even with separators. */
export const MAX_RAW_LENGTH = 64;

export type DigitsResult = { ok: true; digits: string } | { ok: false; reason: 'empty' | 'too-long' | 'not-digits' | 'wrong-length' | 'checksum' };

// Callers speak or key groups of digits; spaces and dashes between them carry nothing.
const SEPARATORS = /[ -]/g;
const ASCII_DIGITS = /^[0-9]+$/;

/** Normalizes a spoken or keyed value for a field; never echoes the value in its verdict. */
export function readDigits(raw: unknown, spec: Pick<SecureFieldSpec, 'digits' | 'luhn'>): DigitsResult {
  if (typeof raw !== 'string' || raw.trim() === '') return { ok: false, reason: 'empty' };
  if (raw.length > MAX_RAW_LENGTH) return { ok: false, reason: 'too-long' };
  const digits = raw.replace(SEPARATORS, '');
  if (!ASCII_DIGITS.test(digits)) return { ok: false, reason: 'not-digits' };
  if (digits.length !== spec.digits) return { ok: false, reason: 'wrong-length' };
  if (spec.luhn && !luhnValid(digits)) return { ok: false, reason: 'checksum' };
  return { ok: true, digits };
}
