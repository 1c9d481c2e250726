// What Decrypt (functions/decrypt/decrypt-event.ts) and the operator's CLI (scripts/decrypt-cli.ts) both
// check before anything is sent or decrypted: one rule, in one place, for both sides.
import { holdsCardNumber } from './card-number-text';
import { CONTACT_ID_PATTERN } from './contact-id';

export const MAX_REASON_LENGTH = 200;
/** A reason must say something: at least this many visible letters or digits. */
export const MIN_VISIBLE_CHARACTERS = 3;

// Printable on one line: no control, format (e.g. bidi overrides), surrogate, private-use or unassigned
// characters (\p{C}), and no line or paragraph separator (U+2028, U+2029: \p{Zl}, \p{Zp}).
const UNPRINTABLE = /[\p{C}\p{Zl}\p{Zp}]/u;
// What renders as nothing: format and control characters, combining marks, separators, and every
// Default_Ignorable_Code_Point, which holds the blank-looking letters U+115F HANGUL CHOSEONG FILLER,
// U+1160 HANGUL JUNGSEONG FILLER, U+3164 HANGUL FILLER and U+FFA0 HALFWIDTH HANGUL FILLER (Unicode
// PropList.txt, Other_Default_Ignorable_Code_Point; DerivedCoreProperties.txt, Default_Ignorable_Code_Point:
// https://www.unicode.org/Public/UCD/latest/ucd/). U+2800 BRAILLE PATTERN BLANK is a symbol (So), so it
// never counts as a letter or digit anyway.
const INVISIBLE = /[\p{Cf}\p{Cc}\p{M}\p{Z}\p{Default_Ignorable_Code_Point}]/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{Nd}]/gu;

/** A Connect contact id (a UUID); anything else never reaches Connect, KMS or a log. */
export const validContactId = (v: unknown): v is string => typeof v === 'string' && CONTACT_ID_PATTERN.test(v);

/** How many letters and digits of a text can be seen, after NFKC and without invisible characters. */
export const visibleLettersAndDigits = (text: string): number =>
  text.normalize('NFKC').replace(INVISIBLE, '').match(LETTER_OR_DIGIT)?.length ?? 0;

/** Null when the reason is acceptable, else why not. The answer never quotes the reason. */
export function reasonProblem(reason: unknown): string | null {
  if (typeof reason !== 'string' || reason.trim() === '') return 'a reason is required';
  if ([...reason].length > MAX_REASON_LENGTH) return `the reason must be at most ${MAX_REASON_LENGTH} characters`;
  if (UNPRINTABLE.test(reason)) return 'the reason must hold printable characters on one line only';
  if (visibleLettersAndDigits(reason) < MIN_VISIBLE_CHARACTERS) return `the reason must hold at least ${MIN_VISIBLE_CHARACTERS} visible letters or digits`;
  if (holdsCardNumber(reason)) return 'the reason must not hold a card number';
  return null;
}
