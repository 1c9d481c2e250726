// The values the smoke test types into the bot. Never a real card: the card numbers are the Visa and
// Mastercard test numbers payment processors publish for testing (e.g. PayPal's "Test Credit Card
// Account Numbers", https://www.paypalobjects.com/en_US/vhelp/paypalmanager_help/credit_card_numbers.htm:
// Visa 4111111111111111, MasterCard 5555555555554444). No card network publishes test ZIP codes; the
// ZIP is a fixed, obviously synthetic value.
import { CARD_NUMBER, ZIP_CODE, type SecureFieldSpec } from '../contract/secure-fields';

export const TEST_CARD_NUMBERS = { visa: '4111111111111111', mastercard: '5555555555554444' } as const;
export const TEST_ZIP = '12345';

export interface SmokeValue {
  spec: SecureFieldSpec;
  value: string;
}

/** One value per secure field, in capture order. */
export function smokeValues(card: keyof typeof TEST_CARD_NUMBERS = 'visa'): SmokeValue[] {
  return [{ spec: CARD_NUMBER, value: TEST_CARD_NUMBERS[card] }, { spec: ZIP_CODE, value: TEST_ZIP }];
}

/** How the smoke test names a value in its output: masked like Decrypt's answer, last digits only. */
export function maskValue(value: string): string {
  const shown = value.length >= 16 ? 4 : 2;
  return '*'.repeat(value.length - shown) + value.slice(-shown);
}
