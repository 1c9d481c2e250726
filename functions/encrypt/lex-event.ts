// What the code hook reads from a Lex V2 event, read defensively: the event is untrusted input of any
// shape. It holds plaintext in slots, inputTranscript, interpretations and transcriptions; only the
// expected field's slot, and only on that field's own intent, is ever read.
import { ATTEMPTS_ATTRIBUTE, FIELD_ATTRIBUTE, MAX_RETRIES, SECURE_FIELDS, STATUS, STATUS_ATTRIBUTE, type SecureFieldSpec } from '../../contract/secure-fields';

export interface CaptureRequest {
  /** The field the flow's bot block captures (session attribute), or undefined when missing or unknown. */
  expected?: SecureFieldSpec;
  /** Whether Lex is running the expected field's own intent (not another intent, nor FallbackIntent). */
  onExpectedIntent: boolean;
  /** The raw value of the expected slot on the expected intent (may be anything); undefined otherwise. */
  slotValue: unknown;
  /** Whether this hook already asked for the slot in this bot block (status `eliciting`). */
  elicited: boolean;
  contactId?: string;
  /** Invalid attempts so far, 0..MAX_RETRIES; undefined when the attribute is not such an integer (fail closed). */
  attempts?: number;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (v: unknown, key: string): unknown => (isRecord(v) && Object.hasOwn(v, key) ? v[key] : undefined);

// Connect passes its contact id (a UUID) as the Lex session id; other Lex clients use similar ids.
const SESSION_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const ATTEMPTS = /^[0-9]$/;

export function readCaptureRequest(event: unknown): CaptureRequest {
  const state = get(event, 'sessionState');
  const attributes = get(state, 'sessionAttributes');
  const field = get(attributes, FIELD_ATTRIBUTE);
  const expected = SECURE_FIELDS.find((s) => s.field === field);
  const intent = get(state, 'intent');
  const onExpectedIntent = expected !== undefined && get(intent, 'name') === expected.intent;
  const value = onExpectedIntent ? get(get(get(intent, 'slots'), expected.slot), 'value') : undefined;
  const slotValue = get(value, 'interpretedValue') ?? get(value, 'originalValue');
  const rawAttempts = get(attributes, ATTEMPTS_ATTRIBUTE);
  const attempts = typeof rawAttempts === 'string' && ATTEMPTS.test(rawAttempts) && Number(rawAttempts) <= MAX_RETRIES ? Number(rawAttempts) : undefined;
  const sessionId = get(event, 'sessionId');
  return {
    expected,
    onExpectedIntent,
    slotValue,
    elicited: get(attributes, STATUS_ATTRIBUTE) === STATUS.eliciting,
    contactId: typeof sessionId === 'string' && SESSION_ID.test(sessionId) ? sessionId : undefined,
    attempts,
  };
}
