// The operator's request, exactly as docs/operators-decrypt.md states it:
//   {"contactId": "<uuid>", "reason": "...", "fields": ["card-number", "zip"], "reveal": false}
//   {"contactId": "<uuid>", "reason": "...", "field": "card-number", "encrypted": "<base64>", "reveal": false}
// or either inside the old contact-flow shape {"Details": {"Parameters": {...}}}, with the same rules.
import type { SecureField } from '../../contract/encryption-context';
import { SECURE_FIELDS } from '../../contract/secure-fields';
import { reasonProblem, validContactId } from '../../contract/decrypt-request';
import { Refusal } from './decrypt-answer';

export type DecryptRequest = {
  contactId: string;
  reason: string;
  reveal: boolean;
} & ({ source: 'contact'; fields: SecureField[] } | { source: 'ciphertext'; fields: [SecureField]; encrypted: string });

/** What could be read safely from a refused request, for its audit record. */
export interface RequestSummary {
  contactId?: string;
  source?: DecryptRequest['source'];
  reason?: string;
  fields?: SecureField[];
  reveal?: boolean;
}

const KNOWN_KEYS = new Set(['contactId', 'reason', 'fields', 'field', 'encrypted', 'reveal']);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isField = (v: unknown): v is SecureField => SECURE_FIELDS.some((s) => s.field === v);

/** Reads and checks a request; throws a bad-request Refusal naming the first problem. */
export function readDecryptRequest(event: unknown, summary: RequestSummary = {}): DecryptRequest {
  const parameters = isRecord(event) && isRecord(event.Details) ? event.Details.Parameters : undefined;
  const source = parameters !== undefined ? parameters : event;
  const bad = (message: string) => new Refusal('bad-request', message);
  if (!isRecord(source)) throw bad('the request must be a JSON object');
  const unknown = Object.keys(source).filter((k) => !KNOWN_KEYS.has(k));
  if (unknown.length > 0) throw bad(`unknown request key(s): ${unknown.filter((k) => /^[A-Za-z]{1,20}$/.test(k)).join(', ') || '(unprintable)'}`);

  if (!validContactId(source.contactId)) throw bad('contactId must be a Connect contact id (a UUID)');
  summary.contactId = source.contactId;
  const reveal = source.reveal ?? false;
  if (typeof reveal !== 'boolean') throw bad('reveal must be true or false');
  summary.reveal = reveal;

  let fields: SecureField[];
  summary.source = source.encrypted !== undefined ? 'ciphertext' : 'contact';
  if (source.encrypted !== undefined) {
    if (source.fields !== undefined) throw bad('with encrypted, name its one field in "field", not "fields"');
    if (!isField(source.field)) throw bad(`field must be one of ${SECURE_FIELDS.map((s) => s.field).join(', ')}`);
    if (typeof source.encrypted !== 'string' || source.encrypted === '') throw bad('encrypted must be a base64 string');
    fields = [source.field];
  } else {
    if (source.field !== undefined) throw bad('field goes with encrypted; to choose fields of a contact use "fields"');
    const asked = source.fields ?? SECURE_FIELDS.map((s) => s.field);
    if (!Array.isArray(asked) || asked.length === 0 || !asked.every(isField)) {
      throw bad(`fields must be a non-empty list of ${SECURE_FIELDS.map((s) => s.field).join(', ')}`);
    }
    if (new Set(asked).size !== asked.length) throw bad('fields must not repeat a field');
    fields = asked;
  }
  summary.fields = fields;

  const problem = reasonProblem(source.reason);
  if (problem) throw bad(problem);
  const reason = source.reason as string;
  summary.reason = reason;

  const common = { contactId: source.contactId, reason, reveal };
  return source.encrypted !== undefined
    ? { ...common, source: 'ciphertext', fields: [fields[0]!], encrypted: source.encrypted as string }
    : { ...common, source: 'contact', fields };
}
