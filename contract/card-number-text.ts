// Whether free text holds a card number, whatever digits and separators it is written with. Used on the
// operator's decrypt reason (contract/decrypt-request.ts), which is kept in the audit log for years.
//
// - Text is normalised with NFKC first: fullwidth digits, superscripts and circled digits become ASCII
//   digits (Unicode Standard Annex #15, "Unicode Normalization Forms").
// - Every decimal digit of any script counts (General_Category Nd: Arabic-Indic, Devanagari, ...). An Nd
//   character's value is its distance from the zero of its block: Numeric_Type=Decimal characters come in
//   contiguous ranges 0..9 and are coextensive with General_Category=Decimal_Number (Unicode L2/12-310,
//   "Numeric Property Definitions", https://www.unicode.org/L2/L2012/12310-numeric-type-def.html). A few
//   blocks sit next to each other (Mathematical digits U+1D7CE..U+1D7FF are five), so the value is the
//   distance mod 10; contract/card-number-text.test.ts checks every Nd run of this runtime's tables is whole tens.
// - A digit run is digits with nothing but non-letters between them: any punctuation, space or symbol
//   separates groups (".", "/", "_", ",", U+00A0, U+202F, an en dash, ":"), a letter ends the run.
// - A card number is 13 to 19 digits passing the Luhn check (ISO/IEC 7812 PAN lengths). Every window of
//   13-19 consecutive digits of a run is checked, so a card number next to other digits is found too.

import { luhnValid } from './luhn';

const CARD_NUMBER_DIGITS = { min: 13, max: 19 } as const;

const DECIMAL_DIGIT = /\p{Nd}/u;
const LETTER = /\p{L}/u;

const isDecimalDigit = (codePoint: number): boolean => codePoint >= 0 && DECIMAL_DIGIT.test(String.fromCodePoint(codePoint));

/** The value 0-9 of a decimal digit of any script (General_Category Nd); -1 for anything else. */
export function digitValue(character: string): number {
  const codePoint = character.codePointAt(0);
  if (codePoint === undefined || !isDecimalDigit(codePoint)) return -1;
  let below = 0;
  while (isDecimalDigit(codePoint - below - 1)) below++;
  return below % 10;
}

/** The digit runs of a text, as ASCII digit strings, after NFKC; letters end a run, anything else is a separator. */
export function digitRuns(text: string): string[] {
  const runs: string[] = [];
  let run = '';
  for (const character of text.normalize('NFKC')) {
    const value = digitValue(character);
    if (value >= 0) run += String(value);
    else if (LETTER.test(character) && run !== '') {
      runs.push(run);
      run = '';
    }
  }
  if (run !== '') runs.push(run);
  return runs;
}

/** True when some window of 13-19 consecutive digits of a digit run passes the Luhn check. */
export function holdsCardNumber(text: string): boolean {
  for (const run of digitRuns(text)) {
    for (let length = CARD_NUMBER_DIGITS.min; length <= Math.min(CARD_NUMBER_DIGITS.max, run.length); length++) {
      for (let start = 0; start + length <= run.length; start++) {
        if (luhnValid(run.slice(start, start + length))) return true;
      }
    }
  }
  return false;
}
