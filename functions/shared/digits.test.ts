import { describe, expect, it } from 'vitest';
import { luhnValid } from '../../contract/luhn';
import { MAX_RAW_LENGTH, readDigits } from './digits';
import { CARD_NUMBER, ZIP_CODE } from '../../contract/secure-fields';

describe('luhnValid', () => {
  it.each(['4111111111111111', '5555555555554444', '378282246310005', '0000000000000000'])('accepts %s', (n) => {
    expect(luhnValid(n)).toBe(true);
  });
  it.each(['4111111111111112', '5555555555554445', '1234567812345678'])('refuses %s', (n) => {
    expect(luhnValid(n)).toBe(false);
  });
});

describe('readDigits', () => {
  it('takes out spaces and dashes between groups', () => {
    expect(readDigits('4111 1111-1111 1111', CARD_NUMBER)).toEqual({ ok: true, digits: '4111111111111111' });
    expect(readDigits('02-134', ZIP_CODE)).toEqual({ ok: true, digits: '02134' });
  });

  it.each([
    ['', 'empty'], ['   ', 'empty'], [null, 'empty'], [12345, 'empty'], [{}, 'empty'],
    ['1'.repeat(MAX_RAW_LENGTH + 1), 'too-long'],
    ['4111.1111.1111.1111', 'not-digits'], ['4111_1111_1111_1111', 'not-digits'], ['0213４', 'not-digits'],
    ['٤١١١١١١١١١١١١١١١', 'not-digits'], ['02134\n', 'not-digits'], ['411111111111111', 'wrong-length'],
    ['41111111111111111', 'wrong-length'], ['4111111111111112', 'checksum'],
  ])('refuses %j as %s', (raw, reason) => {
    expect(readDigits(raw, CARD_NUMBER)).toEqual({ ok: false, reason });
  });

  it('checks the length of the field asked for, not of what was said', () => {
    expect(readDigits('02134', CARD_NUMBER)).toEqual({ ok: false, reason: 'wrong-length' });
    expect(readDigits('4111111111111111', ZIP_CODE)).toEqual({ ok: false, reason: 'wrong-length' });
  });

  it('applies Luhn to card numbers only', () => {
    expect(readDigits('12345', ZIP_CODE)).toEqual({ ok: true, digits: '12345' });
  });
});
