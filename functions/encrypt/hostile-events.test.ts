import { afterAll, beforeAll, expect, it } from 'vitest';
import { captureOutput, secretsIn } from '../../stand-ins/capture-output';
import { HOSTILE_LEX_EVENTS } from './hostile-lex-events';
import { startKmsStandIn, useStandIn, type KmsStandIn } from '../../stand-ins/kms-stand-in';
import { lexResponseProblems } from '../../stand-ins/lex-events';
import { CIPHERTEXT_PREFIX, CONTACT_ID_ATTRIBUTE } from '../../contract/capture-session';
import { ATTEMPTS_ATTRIBUTE, FIELD_ATTRIBUTE, SECURE_FIELDS, STATUS, STATUS_ATTRIBUTE } from '../../contract/secure-fields';
import { handler } from './handler';

const OWNED = new Set([FIELD_ATTRIBUTE, STATUS_ATTRIBUTE, ATTEMPTS_ATTRIBUTE, CONTACT_ID_ATTRIBUTE]);
const isInputSetting = (key: string) => key.startsWith('x-amz-lex:') && key.endsWith(':*:*');

let kms: KmsStandIn;
beforeAll(async () => {
  kms = await startKmsStandIn();
  useStandIn(kms, 'dev');
});
afterAll(() => kms.close());

it('the corpus holds at least 50 events', () => {
  expect(HOSTILE_LEX_EVENTS.length).toBeGreaterThanOrEqual(50);
});

it.each(HOSTILE_LEX_EVENTS)('%s: a valid Lex V2 response, no throw, no digits in the logs', async (_name, event) => {
  const output = captureOutput();
  const response = await handler(event).finally(() => output.restore());
  expect(lexResponseProblems(response)).toEqual([]);
  expect(({} as any).polluted).toBeUndefined();
  const fed = JSON.stringify(event ?? null).match(/[0-9\u0660-\u0669\uff10-\uff19\u0966-\u096f]{4,}/g) ?? [];
  for (const secret of secretsIn(fed)) expect(output.text()).not.toContain(secret);
  for (const slot of Object.values(response.sessionState.intent?.slots ?? {})) expect(slot).toBeNull();
  // Only the hook's own attributes come back; a ciphertext only of the expected field, with a capture,
  // produced this very turn (a real ciphertext that the event did not carry).
  const attributes = response.sessionState.sessionAttributes ?? {};
  const captured = SECURE_FIELDS.find((spec) => spec.field === attributes[FIELD_ATTRIBUTE] && attributes[STATUS_ATTRIBUTE] === STATUS.captured);
  for (const key of Object.keys(attributes)) expect(OWNED.has(key) || isInputSetting(key) || key === captured?.sessionAttribute, `echoed ${key}`).toBe(true);
  // Keyed digits reach the hook in the request attribute x-amz-lex:dtmf-transcript too (Connect, Get customer
  // input): the hook reads no request attribute, so none comes back and none is logged.
  const requestDigits = JSON.stringify((event as { requestAttributes?: unknown } | null)?.requestAttributes ?? null).match(/[0-9]{4,}/g) ?? [];
  for (const secret of requestDigits) {
    expect(JSON.stringify(response)).not.toContain(secret);
    expect(output.text()).not.toContain(secret);
  }
  if (captured) {
    const ciphertext = attributes[captured.sessionAttribute]!;
    expect(ciphertext.startsWith(CIPHERTEXT_PREFIX)).toBe(true);
    expect(JSON.stringify(event ?? null)).not.toContain(ciphertext);
  }
});
