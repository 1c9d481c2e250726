// The two values the system captures. The Encrypt function, the Lex bot definition and the contact
// flow all read these names from here, so the three can never disagree.
import type { SecureField } from './encryption-context';

export interface SecureFieldSpec {
  /** The `field` entry of the encryption context. */
  field: SecureField;
  /** Lex V2 intent that captures it, and its single slot. */
  intent: string;
  slot: string;
  slotType: string;
  /** Exactly this many ASCII digits. */
  digits: number;
  luhn: boolean;
  /** Session attribute that carries the base64 ciphertext back to Connect, and the contact attribute it is stored in. */
  sessionAttribute: string;
  contactAttribute: string;
}

export const CARD_NUMBER: SecureFieldSpec = {
  field: 'card-number',
  intent: 'CaptureCardNumber',
  slot: 'cardNumber',
  slotType: 'CardNumberDigits',
  digits: 16,
  luhn: true,
  sessionAttribute: 'encrypted_cc',
  contactAttribute: 'encrypted_cc',
};

export const ZIP_CODE: SecureFieldSpec = {
  field: 'zip',
  intent: 'CaptureZipCode',
  slot: 'zipCode',
  slotType: 'ZipCodeDigits',
  digits: 5,
  luhn: false,
  sessionAttribute: 'encrypted_zip',
  contactAttribute: 'encrypted_zip',
};

/** In capture order. */
export const SECURE_FIELDS: readonly SecureFieldSpec[] = [CARD_NUMBER, ZIP_CODE];

/** Session attribute with the outcome of the last capture, read by the flow. */
export const STATUS_ATTRIBUTE = 'secure_input_status';
export const STATUS = { captured: 'captured', invalid: 'failed', error: 'error' } as const;
/** Session attribute counting invalid attempts for the slot being elicited. */
export const ATTEMPTS_ATTRIBUTE = 'secure_input_attempts';
/** Re-prompts after the first attempt, in the bot and in the code hook. */
export const MAX_RETRIES = 2;
