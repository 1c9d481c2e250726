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
  /**
   * The text the flow sends to Lex to start this field's intent (`LexInitilizationData.InitialMessage`):
   * the only sample utterance of the intent, so no other intent matches it and the caller never says it.
   */
  startUtterance: string;
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
  startUtterance: 'begin secure card number entry',
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
  startUtterance: 'begin secure zip code entry',
};

/** In capture order. */
export const SECURE_FIELDS: readonly SecureFieldSpec[] = [CARD_NUMBER, ZIP_CODE];

/** Session attribute naming the field the running bot block captures; set by the flow, echoed by the hook. */
export const FIELD_ATTRIBUTE = 'secure_input_field';
/** Session attribute with the outcome of the last capture, read by the flow. */
export const STATUS_ATTRIBUTE = 'secure_input_status';
/**
 * `pending`: set by the flow as each bot block starts; `eliciting`: the hook has asked for the slot;
 * `captured`: ciphertext returned; `failed`: retries exhausted; `error`: anything else (fail closed).
 */
export const STATUS = { pending: 'pending', eliciting: 'eliciting', captured: 'captured', invalid: 'failed', error: 'error' } as const;
/** Session attribute counting invalid attempts for the slot being elicited. */
export const ATTEMPTS_ATTRIBUTE = 'secure_input_attempts';
/** Re-prompts after the first attempt, in the bot and in the code hook. */
export const MAX_RETRIES = 2;
