// The checks, whatever the target: per field, the test value as the caller's first answer, sent with the
// session attributes the flow's bot block sends (docs/dialog.md; the contact is the smoke's session id);
// the answer must be captured at once and hold only the block's attributes, the status `captured` and
// this field's ciphertext; then Decrypt (reason `smoke`, masked) must give the value's last digits back.
import { randomUUID } from 'node:crypto';
import { blockSessionAttributes, CIPHERTEXT_PREFIX } from '../contract/capture-session';
import { STATUS, STATUS_ATTRIBUTE } from '../contract/secure-fields';
import { SmokeFailure, type LexAnswer, type SmokeTarget } from './smoke-target';
import { maskValue, type SmokeValue } from './test-values';

export const SMOKE_REASON = 'smoke';

/** Problems with one capture answer; never quoting a value. */
export function answerProblems(answer: LexAnswer, { spec, value }: SmokeValue): string[] {
  const problems: string[] = [];
  const attributes = answer.sessionState?.sessionAttributes ?? {};
  const allowed = Object.keys(blockSessionAttributes(spec, 'any'));
  const extra = Object.keys(attributes).filter((k) => !allowed.includes(k));
  if (extra.length) problems.push(`unexpected session attribute(s) ${extra.map((k) => (/^[\w:.-]{1,64}$/.test(k) ? k : '(unprintable)')).join(', ')}`);
  if (attributes[STATUS_ATTRIBUTE] !== STATUS.captured) problems.push(`status is not ${STATUS.captured}`);
  const ciphertext = attributes[spec.sessionAttribute] ?? '';
  if (!ciphertext.startsWith(CIPHERTEXT_PREFIX)) problems.push(`${spec.sessionAttribute} is not a ciphertext of this project`);
  const slots = answer.sessionState?.intent?.slots ?? {};
  if (Object.values(slots).some((s) => s !== null && s !== undefined)) problems.push('a slot value came back');
  // The digits must appear nowhere in what Connect receives: attributes, slots, messages, request attributes.
  const visible = JSON.stringify([answer.sessionState, answer.messages ?? [], answer.requestAttributes ?? {}]);
  if (visible.includes(value)) problems.push('the answer echoes the value');
  return problems;
}

/** Whether `masked` is Decrypt's masked answer for `value`: stars, then only its last digits (four of a card number). */
export function isMaskOf(masked: unknown, value: string): boolean {
  return masked === maskValue(value);
}

export interface SmokeIo {
  out: (line: string) => void;
}

/** Runs every check against `target`; throws SmokeFailure on the first failed step. */
export async function runSmoke(target: SmokeTarget, values: SmokeValue[], io: SmokeIo, sessionId: string = randomUUID()): Promise<void> {
  const ciphertexts: { sv: SmokeValue; encrypted: string }[] = [];
  for (const sv of values) {
    const { spec } = sv;
    const answer = await target.recognizeText(sessionId, sv.value, blockSessionAttributes(spec, sessionId));
    const problems = answerProblems(answer, sv);
    if (problems.length) throw new SmokeFailure(`${spec.field}: ${problems.join('; ')}`);
    ciphertexts.push({ sv, encrypted: answer.sessionState!.sessionAttributes![spec.sessionAttribute]! });
    io.out(`${spec.field}: captured ${maskValue(sv.value)} as ciphertext only`);
  }
  for (const { sv, encrypted } of ciphertexts) {
    const result = await target.invokeDecrypt({ contactId: sessionId, reason: SMOKE_REASON, field: sv.spec.field, encrypted, reveal: false });
    const r = result as { Status?: unknown; Code?: unknown; Fields?: Record<string, unknown> } | null;
    if (r?.Status !== 'OK') throw new SmokeFailure(`${sv.spec.field}: Decrypt refused (${typeof r?.Code === 'string' && /^[\w-]{1,40}$/.test(r.Code) ? r.Code : 'no code'})`);
    if (!isMaskOf(r.Fields?.[sv.spec.field], sv.value)) throw new SmokeFailure(`${sv.spec.field}: Decrypt's masked value does not end in the test value's last digits`);
    io.out(`${sv.spec.field}: Decrypt gives back ${maskValue(sv.value)}`);
  }
}
