// What the code hook reads from a Lex V2 event, read defensively: the event is untrusted input of any
// shape. It holds plaintext in slots, inputTranscript, interpretations and transcriptions; only the one
// slot value being captured is ever read.
import { ATTEMPTS_ATTRIBUTE, SECURE_FIELDS, type SecureFieldSpec } from '../shared/secure-fields';

export interface CaptureRequest {
  intentName: string;
  /** The field whose intent this is, or undefined for an intent this hook does not serve. */
  spec?: SecureFieldSpec;
  /** The raw slot value (may be anything), or undefined when nothing was captured yet. */
  slotValue: unknown;
  contactId?: string;
  attempts: number;
  /** Ciphertexts of earlier fields in this session, to carry forward. */
  carried: Record<string, string>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const get = (v: unknown, key: string): unknown => (isRecord(v) ? v[key] : undefined);

const INTENT_NAME = /^[A-Za-z0-9_]{1,100}$/;
// Connect passes its contact id (a UUID) as the Lex session id; other Lex clients use similar ids.
const SESSION_ID = /^[A-Za-z0-9._:-]{1,100}$/;
const CARRIED_VALUE = /^[A-Za-z0-9+/=]{1,4096}$/;

export function readCaptureRequest(event: unknown): CaptureRequest {
  const state = get(event, 'sessionState');
  const intent = get(state, 'intent');
  const rawName = get(intent, 'name');
  const intentName = typeof rawName === 'string' && INTENT_NAME.test(rawName) ? rawName : 'FallbackIntent';
  const spec = SECURE_FIELDS.find((s) => s.intent === intentName);
  const slot = spec ? get(get(intent, 'slots'), spec.slot) : undefined;
  const value = get(slot, 'value');
  const slotValue = get(value, 'interpretedValue') ?? get(value, 'originalValue');
  const sessionId = get(event, 'sessionId');
  const attributes = get(state, 'sessionAttributes');
  const attempts = Number(get(attributes, ATTEMPTS_ATTRIBUTE));
  const carried: Record<string, string> = {};
  for (const other of SECURE_FIELDS) {
    const kept = get(attributes, other.sessionAttribute);
    if (other !== spec && typeof kept === 'string' && CARRIED_VALUE.test(kept)) carried[other.sessionAttribute] = kept;
  }
  return {
    intentName,
    spec,
    slotValue,
    contactId: typeof sessionId === 'string' && SESSION_ID.test(sessionId) ? sessionId : undefined,
    attempts: Number.isInteger(attempts) && attempts >= 0 && attempts <= 10 ? attempts : 0,
    carried,
  };
}
