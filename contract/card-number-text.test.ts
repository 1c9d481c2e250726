import { describe, expect, it } from 'vitest';
import { digitRuns, digitValue, holdsCardNumber } from './card-number-text';
import { luhnValid } from './luhn';

// A Mastercard test number (Luhn-valid), as the red-team run used it.
const CARD = '5491893773337426';
const groups = (separator: string, digits = CARD) => digits.match(/.{4}/g)!.join(separator);
/** The digits followed by the one check digit that makes them pass Luhn. */
const withCheckDigit = (digits: string) => digits + [...'0123456789'].find((d) => luhnValid(digits + d))!;
/** The same digits in another script: `zero` is the code point of that script's digit zero. */
const inScript = (zero: number, digits = CARD) => [...digits].map((d) => String.fromCodePoint(zero + Number(d))).join('');

describe('digitValue', () => {
  it('reads the digits of any script by their distance from the block zero', () => {
    expect(['0', '7', '\u0665', '\u06F9', '\u096A', '\uFF13', '\u{1D7D9}', '\u{1D7F5}'].map(digitValue)).toEqual([0, 7, 5, 9, 4, 3, 1, 9]);
    expect(['a', '½', '①', '', ' '].map(digitValue)).toEqual([-1, -1, -1, -1, -1]);
  });

  it('rests on a property of this runtime\'s Unicode tables: every run of consecutive Nd code points is whole tens', () => {
    const runs: number[] = [];
    let length = 0;
    for (let cp = 0; cp <= 0x110000; cp++) {
      if (cp < 0x110000 && /\p{Nd}/u.test(String.fromCodePoint(cp))) length++;
      else if (length > 0) {
        runs.push(length);
        length = 0;
      }
    }
    expect(runs.length).toBeGreaterThan(60);
    expect(runs.filter((n) => n % 10 !== 0)).toEqual([]);
  });
});

describe('holdsCardNumber', () => {
  it('is given a Luhn-valid card number to find', () => {
    expect(luhnValid(CARD)).toBe(true);
  });

  it.each([
    ['plain', CARD],
    ['spaces', groups(' ')],
    ['hyphens', groups('-')],
    ['dots', groups('.')],
    ['slashes', groups('/')],
    ['underscores', groups('_')],
    ['commas', groups(',')],
    ['no-break spaces U+00A0', groups('\u00A0')],
    ['narrow no-break spaces U+202F', groups('\u202F')],
    ['en dashes U+2013', groups('\u2013')],
    ['a colon in the middle', `${CARD.slice(0, 8)}:${CARD.slice(8)}`],
    ['fullwidth digits', inScript(0xff10)],
    ['Arabic-Indic digits', inScript(0x0660)],
    ['Devanagari digits with spaces', groups(' ', inScript(0x0966))],
    ['mathematical bold digits', inScript(0x1d7ce)],
    ['superscript digits (NFKC)', [...CARD].map((d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]).join('')],
    ['next to other digits', `ref 1 ${CARD}`],
    ['glued to other digits', `ticket 12${CARD}9`],
    ['inside words and punctuation', `card: (${groups(') (')})!`],
    ['a 13-digit number', 'x 4222222222222'],
    ['a 19-digit number', `x ${withCheckDigit('622126000000000000')}`],
  ])('finds a card number with %s', (_name, text) => {
    expect(holdsCardNumber(text)).toBe(true);
  });

  it.each([
    ['the lead\'s first example', 'INC 2024-11-23 1234567'],
    ['the lead\'s second example', 'case 12345678-90123'],
    ['a ticket number', 'OPS-1234 chargeback dispute'],
    ['a card number broken by a letter', `${CARD.slice(0, 8)} x ${CARD.slice(8)}`],
    ['12 digits', 'x 549189377333'],
    ['16 digits of which no 13-16 digit window passes Luhn', 'x 5491893773337600'],
    ['no digits', 'chargeback'],
  ])('accepts %s', (_name, text) => {
    expect(holdsCardNumber(text)).toBe(false);
  });

  it('checks every 13-19 digit window of a run, not only the whole run', () => {
    // The run holds 22 digits and fails Luhn as a whole; the card number inside it is found.
    const run = `99${CARD}1234`;
    expect(luhnValid(run)).toBe(false);
    expect(digitRuns(`a ${run} b`)).toEqual([run]);
    expect(holdsCardNumber(`a ${run} b`)).toBe(true);
  });

  it('ends a run at a letter of any script, and only there', () => {
    expect(digitRuns('12-34 ab 56\u00A078 \u05D0 9')).toEqual(['1234', '5678', '9']);
  });
});
