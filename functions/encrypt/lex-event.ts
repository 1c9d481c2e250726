// What the code hook reads from a Lex V2 event, read defensively: the event is untrusted input of any
// shape. It holds plaintext in slots, inputTranscript, interpretations, transcriptions and, for keyed
// input from Connect, the request attribute `x-amz-lex:dtmf-transcript`. The hook reads only the capture
// slot on the capture intent, and of the transcript only whether it is empty; never the request
// attributes, never the session id.
import { CONTACT_ID_ATTRIBUTE } from '../../contract/capture-session';
import { CONTACT_ID_PATTERN } from '../../contract/contact-id';
import { ATTEMPTS_ATTRIBUTE, CAPTURE, FIELD_ATTRIBUTE, MAX_RETRIES, SECURE_FIELDS, type SecureFieldSpec } from '../../contract/secure-fields';

export interface CaptureRequest {
  /** The field the flow's bot block captures (session attribute), or undefined when missing or unknown. */
  expected?: SecureFieldSpec;
  /** The raw value of the capture slot when Lex ran the capture intent (may be anything); undefined otherwise. */
  slotValue: unknown;
  /** A spoken turn with nothing in it: the caller said nothing before Lex's start timeout (docs/dialog.md). */
  silent: boolean;
  /** The contact the flow named (session attribute), when it is a Connect contact id. */
  contactId?: string;
  /** Failed attempts so far, 0..MAX_RETRIES; undefined when the attribute is not such an integer (fail closed). */
  attempts?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (v: unknown, key: string): unknown => (isRecord(v) && Object.hasOwn(v, key) ? v[key] : undefined);

const ATTEMPTS = /^[0-9]$/;
const BLANK = /^\s{0,64}$/;

export function readCaptureRequest(event: unknown): CaptureRequest {
  const state = get(event, 'sessionState');
  const attributes = get(state, 'sessionAttributes');
  const field = get(attributes, FIELD_ATTRIBUTE);
  const expected = SECURE_FIELDS.find((s) => s.field === field);
  const intent = get(state, 'intent');
  const onCaptureIntent = get(intent, 'name') === CAPTURE.intent;
  const value = onCaptureIntent ? get(get(get(intent, 'slots'), CAPTURE.slot), 'value') : undefined;
  const slotValue = get(value, 'interpretedValue') ?? get(value, 'originalValue');
  const rawAttempts = get(attributes, ATTEMPTS_ATTRIBUTE);
  const attempts = typeof rawAttempts === 'string' && ATTEMPTS.test(rawAttempts) && Number(rawAttempts) <= MAX_RETRIES ? Number(rawAttempts) : undefined;
  const contactId = get(attributes, CONTACT_ID_ATTRIBUTE);
  const transcript = get(event, 'inputTranscript');
  return {
    expected,
    slotValue,
    // A keyed turn with nothing kept ("*" pressed, or "#" alone) is input, not silence.
    silent: get(event, 'inputMode') !== 'DTMF' && typeof transcript === 'string' && BLANK.test(transcript),
    contactId: typeof contactId === 'string' && CONTACT_ID_PATTERN.test(contactId) ? contactId : undefined,
    attempts,
  };
}
