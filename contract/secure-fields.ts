// The two values the system captures, and the one intent that captures both. The Encrypt function, the
// Lex bot definition, the contact flow, the simulator and the smoke test all read these names from
// here, so they can never disagree (docs/dialog.md).
import type { SecureField } from './encryption-context';

/**
 * Keypad and audio behaviour while one field is asked for. The flow's bot block sends these as
 * `x-amz-lex:` session attributes, the code hook sends them again with every re-ask, and the bot's slot
 * holds the envelope of both fields (contract/capture-input.ts).
 */
export interface FieldInput {
  /** Ends keypad input at once ("#", the key the prompt tells the caller to press). */
  dtmfEndCharacter: string;
  /** Clears the keyed digits and ends the input ("*"): one failed attempt, re-asked. */
  dtmfDeletionCharacter: string;
  /** digits + 1, so a "#" pressed after a full-length number ends the same input and is never left over. */
  dtmfMaxLength: number;
  /** Idle time between keys before Lex takes the input as ended (the caller did not press "#"). */
  dtmfEndTimeoutMs: number;
  /** How long Lex waits for the caller to start speaking or keying; shared by audio and keypad. */
  startTimeoutMs: number;
  /** Silence after speech that ends a spoken answer: callers pause between digit groups. */
  audioEndTimeoutMs: number;
  /** At most 15,000: the Connect guide's 2023 text routes longer values to the Error branch. */
  audioMaxLengthMs: number;
  /** The caller may speak or key over a prompt. */
  allowInterrupt: boolean;
}

export interface SecureFieldSpec {
  /** The `field` entry of the encryption context, and the value of `secure_input_field`. */
  field: SecureField;
  /** Exactly this many ASCII digits. */
  digits: number;
  luhn: boolean;
  /** Session attribute that carries the base64 ciphertext back to Connect, and the contact attribute it is stored in. */
  sessionAttribute: string;
  contactAttribute: string;
  input: FieldInput;
}

const keypad = { dtmfEndCharacter: '#', dtmfDeletionCharacter: '*', dtmfEndTimeoutMs: 5000, audioEndTimeoutMs: 2000, allowInterrupt: true } as const;

export const CARD_NUMBER: SecureFieldSpec = {
  field: 'card-number',
  digits: 16,
  luhn: true,
  sessionAttribute: 'encrypted_cc',
  contactAttribute: 'encrypted_cc',
  // 8 s to start: "you might want to give customers time to get out their credit card" (Lex V2 guide, start-timeout-ms).
  input: { ...keypad, dtmfMaxLength: 17, startTimeoutMs: 8000, audioMaxLengthMs: 15_000 },
};

export const ZIP_CODE: SecureFieldSpec = {
  field: 'zip',
  digits: 5,
  luhn: false,
  sessionAttribute: 'encrypted_zip',
  contactAttribute: 'encrypted_zip',
  input: { ...keypad, dtmfMaxLength: 6, startTimeoutMs: 6000, audioMaxLengthMs: 10_000 },
};

/** In capture order. */
export const SECURE_FIELDS: readonly SecureFieldSpec[] = [CARD_NUMBER, ZIP_CODE];

/**
 * The one intent that captures every field. Its only sample utterance is the bare slot, so whatever
 * digits the caller says or keys after the flow's prompt fill it on the first turn (as the original
 * sample's single `inputValid` intent with `{authNumber}` did). The field is never inferred from the
 * intent or the digit count: the flow names it in `secure_input_field`.
 */
export const CAPTURE = {
  intent: 'CaptureDigits',
  slot: 'digits',
  slotType: 'SecureDigits',
  /** The longest keypad input any field admits: the slot type's regex accepts 1 to this many digits. */
  maxDigits: Math.max(...SECURE_FIELDS.map((s) => s.input.dtmfMaxLength)),
} as const;

/** Lex V2's built-in fallback intent, served by the same code hook. */
export const FALLBACK_INTENT = 'FallbackIntent';

/** Session attribute naming the field the running bot block captures; set by the flow, echoed by the hook. */
export const FIELD_ATTRIBUTE = 'secure_input_field';
/** Session attribute with the outcome of the last capture, read by the flow. */
export const STATUS_ATTRIBUTE = 'secure_input_status';
/**
 * `pending`: set by the flow as each bot block starts; `eliciting`: the hook has asked again;
 * `captured`: ciphertext returned; `failed`: retries exhausted; `no-input`: retries exhausted and the
 * last attempt was an empty spoken turn; `error`: anything else (fail closed).
 */
export const STATUS = { pending: 'pending', eliciting: 'eliciting', captured: 'captured', invalid: 'failed', noInput: 'no-input', error: 'error' } as const;
/** Session attribute counting failed attempts at the field being captured. */
export const ATTEMPTS_ATTRIBUTE = 'secure_input_attempts';
/** Re-asks after the flow's prompt, counted by the code hook. */
export const MAX_RETRIES = 2;
