import { describe, expect, it } from 'vitest';
import { reasonProblem, validContactId, visibleLettersAndDigits } from './decrypt-request';

const CARD = '5491893773337426';

describe('reasonProblem', () => {
  it.each([
    ['a ticket', 'OPS-1234 chargeback'],
    ['a date and a ticket number (15 digits in one run, no window passes Luhn)', 'INC 2024-11-23 1234567'],
    ['a case number of 13 digits that fails Luhn', 'case 12345678-90123'],
    ['three letters', 'abc'],
    ['Japanese', 'チケット 123'],
    ['Arabic with Arabic-Indic digits', 'تذكرة \u0661\u0662\u0663'],
    ['200 characters', 'r'.repeat(200)],
  ])('accepts %s', (_name, reason) => {
    expect(reasonProblem(reason)).toBeNull();
  });

  it.each([
    ['no reason', undefined, 'a reason is required'],
    ['spaces only', '   ', 'a reason is required'],
    ['201 characters', 'r'.repeat(201), 'the reason must be at most 200 characters'],
    ['a control character', 'ticket\u001b[2J', 'the reason must hold printable characters on one line only'],
    ['a bidi override', 'ticket \u202Eevil', 'the reason must hold printable characters on one line only'],
    ['a line separator U+2028', 'ticket\u2028two', 'the reason must hold printable characters on one line only'],
    ['a paragraph separator U+2029', 'ticket\u2029two', 'the reason must hold printable characters on one line only'],
    ['three HANGUL FILLERs U+3164', '\u3164\u3164\u3164', 'the reason must hold at least 3 visible letters or digits'],
    ['three HANGUL CHOSEONG FILLERs U+115F', '\u115F\u115F\u115F', 'the reason must hold at least 3 visible letters or digits'],
    ['three HANGUL JUNGSEONG FILLERs U+1160', '\u1160\u1160\u1160', 'the reason must hold at least 3 visible letters or digits'],
    ['three HALFWIDTH HANGUL FILLERs U+FFA0', '\uFFA0\uFFA0\uFFA0', 'the reason must hold at least 3 visible letters or digits'],
    ['three BRAILLE PATTERN BLANKs U+2800', '\u2800\u2800\u2800', 'the reason must hold at least 3 visible letters or digits'],
    ['combining marks only', '\u0301\u0302\u0303\u0304', 'the reason must hold at least 3 visible letters or digits'],
    ['two letters among blanks', 'a\u3164\u2800b \u00A0', 'the reason must hold at least 3 visible letters or digits'],
    ['punctuation only', '-- ... !!', 'the reason must hold at least 3 visible letters or digits'],
    ['a card number with dots', `${CARD.match(/.{4}/g)!.join('.')}`, 'the reason must not hold a card number'],
    ['a card number in fullwidth digits', [...CARD].map((d) => String.fromCodePoint(0xff10 + Number(d))).join(''), 'the reason must not hold a card number'],
    ['a card number next to a ticket number', `ref 1 ${CARD}`, 'the reason must not hold a card number'],
  ])('refuses %s, without quoting it', (_name, reason, problem) => {
    expect(reasonProblem(reason)).toBe(problem);
    if (typeof reason === 'string' && reason.trim() !== '') expect(problem).not.toContain(reason.trim());
  });

  it('counts letters and digits that can be seen, after NFKC', () => {
    expect(visibleLettersAndDigits('a\u200Bb\u3164c\u0301')).toBe(3);
    expect(visibleLettersAndDigits('\uFF21\uFF22')).toBe(2);
  });
});

it('validContactId takes UUIDs only', () => {
  expect(validContactId('0b5c1e6e-7d2a-4c1b-9a8e-3f2d1c0b9a87')).toBe(true);
  for (const v of ['../../x', '0b5c1e6e7d2a4c1b9a8e3f2d1c0b9a87', 42, null]) expect(validContactId(v)).toBe(false);
});
