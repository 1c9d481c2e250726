import type { LexV2Result } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decryptField } from '../shared/ciphertext';
import { APPLICATION } from '../../contract/encryption-context';
import { createKeyring } from '../shared/kms-keyring';
import { inputSessionAttributes } from '../../contract/capture-input';
import { blockSessionAttributes, CIPHERTEXT_PREFIX, CONTACT_ID_ATTRIBUTE } from '../../contract/capture-session';
import { ATTEMPTS_ATTRIBUTE, CAPTURE, CARD_NUMBER, FALLBACK_INTENT, FIELD_ATTRIBUTE, MAX_RETRIES, STATUS, STATUS_ATTRIBUTE, ZIP_CODE, type SecureFieldSpec } from '../../contract/secure-fields';
import { encryptionContextCondition } from '../../stacks/policies/key-policy';
import { captureOutput, secretsIn, type CapturedOutput } from '../../stand-ins/capture-output';
import { startKmsStandIn, useStandIn, type KmsStandIn } from '../../stand-ins/kms-stand-in';
import { lexEvent, lexResponseProblems, type EventOptions } from '../../stand-ins/lex-events';
import { handler } from './handler';

let kms: KmsStandIn;
let output: CapturedOutput;
const fed: string[] = [];

// The stand-in demands what the key policy's condition demands, so every encrypt below also proves the
// handler's encryption context passes the real policy.
const policyContext = (environment: string): Record<string, string> =>
  Object.fromEntries(Object.entries(encryptionContextCondition(environment)!.StringEquals!).map(([k, v]) => [k.replace('kms:EncryptionContext:', ''), String(v)]));

beforeAll(async () => {
  kms = await startKmsStandIn();
  useStandIn(kms, 'dev');
});
afterAll(() => kms.close());
beforeEach(() => {
  kms.mode = 'ok';
  kms.requiredContext = policyContext('dev');
  fed.length = 0;
  output = captureOutput();
});
afterEach(() => {
  output.restore();
  const logs = output.text();
  for (const secret of secretsIn(fed)) expect(logs, 'a fed digit string reached stdout or stderr').not.toContain(secret);
});

async function call(spec: SecureFieldSpec, options: EventOptions = {}): Promise<LexV2Result> {
  const event = lexEvent(spec, options);
  // The contact id and the keypad settings are the flow's, not the caller's: not secrets to look for.
  for (const [k, v] of Object.entries(options.sessionAttributes ?? {})) if (k !== CONTACT_ID_ATTRIBUTE && !k.startsWith('x-amz-lex:')) fed.push(v);
  fed.push(String(options.value ?? ''));
  const response = await handler(event);
  expect(lexResponseProblems(response)).toEqual([]);
  return response;
}
const attributes = (r: LexV2Result) => r.sessionState.sessionAttributes ?? {};
const CONTACT = 'a1b2c3d4-0000-4000-8000-123456789abc';
/** What the flow's bot block for `spec` sends. */
const block = (spec: SecureFieldSpec) => blockSessionAttributes(spec, CONTACT);
/** The session after the hook has asked again, after `attempts` failed attempts. */
const elicited = (spec: SecureFieldSpec, attempts = 0): Record<string, string> => ({ ...block(spec), [STATUS_ATTRIBUTE]: STATUS.eliciting, [ATTEMPTS_ATTRIBUTE]: String(attempts) });
const ownedKeys = (spec: SecureFieldSpec, captured: boolean) =>
  [FIELD_ATTRIBUTE, STATUS_ATTRIBUTE, ATTEMPTS_ATTRIBUTE, CONTACT_ID_ATTRIBUTE, ...Object.keys(inputSessionAttributes(spec)), ...(captured ? [spec.sessionAttribute] : [])].sort();
/** The hook's own attributes for `spec` with this status and count (no ciphertext). */
const own = (spec: SecureFieldSpec, status: string, attempts: number) => ({ [FIELD_ATTRIBUTE]: spec.field, [STATUS_ATTRIBUTE]: status, [ATTEMPTS_ATTRIBUTE]: String(attempts), [CONTACT_ID_ATTRIBUTE]: CONTACT, ...inputSessionAttributes(spec) });
const plaintextOf = async (ciphertext: string) => decryptField(createKeyring(kms.keyArn), ciphertext);

describe.each([
  ['card number', CARD_NUMBER, '4111 1111 1111 1111', '4111111111111111'],
  ['ZIP code', ZIP_CODE, '02134', '02134'],
])('a valid %s', (_name, spec, said, digits) => {
  it.each(['DialogCodeHook', 'FulfillmentCodeHook'] as const)('as the first answer, is encrypted and the intent fulfilled (%s)', async (invocationSource) => {
    // The Lex session id is not the contact: the context names the contact the flow passed.
    const response = await call(spec, { value: said, invocationSource, inputMode: 'Speech', contactId: CONTACT, sessionId: 'some-other-session-id' });
    expect(response.sessionState.dialogAction.type).toBe('Close');
    expect(response.sessionState.intent).toEqual({ name: CAPTURE.intent, state: 'Fulfilled', slots: { [CAPTURE.slot]: null } });
    expect(Object.keys(attributes(response)).sort()).toEqual(ownedKeys(spec, true));
    expect(attributes(response)).toMatchObject(own(spec, STATUS.captured, 0));
    expect(JSON.stringify(response)).not.toContain(digits);

    // The flow's TextStartsWith check holds for a real ciphertext of this project.
    expect(attributes(response)[spec.sessionAttribute]!.startsWith(CIPHERTEXT_PREFIX)).toBe(true);
    const { plaintext, context } = await plaintextOf(attributes(response)[spec.sessionAttribute]!);
    expect(plaintext).toBe(digits);
    expect(context).toEqual({ application: APPLICATION, environment: 'dev', field: spec.field, 'contact-id': CONTACT });
  });

  it('costs exactly one KMS call', async () => {
    const before = kms.calls.GenerateDataKey;
    await call(spec, { value: said, contactId: CONTACT });
    expect(kms.calls.GenerateDataKey - before).toBe(1);
    expect(kms.contexts.at(-1)).toMatchObject({ application: APPLICATION, environment: 'dev', field: spec.field, 'contact-id': CONTACT });
  });

  it('after a re-ask, is captured with the count it reached', async () => {
    const response = await call(spec, { value: said, sessionAttributes: elicited(spec, 2) });
    expect(attributes(response)).toMatchObject(own(spec, STATUS.captured, 2));
  });
});

it('returns only its own attributes: another field\'s ciphertext, stale values and foreign keys are dropped', async () => {
  const card = await call(CARD_NUMBER, { value: '5555555555554444', contactId: CONTACT });
  const carried = { ...attributes(card), ...block(ZIP_CODE), note: 'x', 'x-amz-lex:any': 'y' };
  const zip = await call(ZIP_CODE, { value: '90210', sessionAttributes: carried });
  expect(Object.keys(attributes(zip)).sort()).toEqual(ownedKeys(ZIP_CODE, true));
  // A session attribute named like the other field's ciphertext, here holding plaintext, is never echoed.
  const planted = await call(ZIP_CODE, { value: null, sessionAttributes: { ...block(ZIP_CODE), [CARD_NUMBER.sessionAttribute]: '4111111111111111' } });
  expect(Object.keys(attributes(planted)).sort()).toEqual(ownedKeys(ZIP_CODE, false));
  expect(JSON.stringify(planted)).not.toContain('4111111111111111');
});

describe('a turn without a valid value of the field the flow names', () => {
  it.each([
    // [case, intent Lex ran, its slot value, input mode, what Lex heard, field the bot block expects, reason the re-ask gives]
    ['FallbackIntent (words, noise)', FALLBACK_INTENT, null, 'Speech', 'hello there', CARD_NUMBER, /^Sorry, that was not a 16-digit card number/],
    ['the capture intent with its slot empty', CAPTURE.intent, null, 'Speech', 'four one', CARD_NUMBER, /^Sorry, that was not a 16-digit/],
    ['a keyed "*" (digits cleared, nothing kept)', FALLBACK_INTENT, null, 'DTMF', '', CARD_NUMBER, /^Sorry, that was not a 16-digit/],
    ['5 digits at the card prompt (a ZIP keyed there)', CAPTURE.intent, '02134', 'DTMF', '02134', CARD_NUMBER, /^A card number has 16 digits/],
    ['16 digits at the ZIP prompt', CAPTURE.intent, '4111111111111111', 'DTMF', '4111111111111111', ZIP_CODE, /^A ZIP code has 5 digits/],
    ['silence (an empty spoken turn)', FALLBACK_INTENT, null, 'Speech', '', ZIP_CODE, /^Sorry, I did not hear anything/],
  ] as const)('on %s: never encrypted, asked again on the capture slot, then failed after two retries', async (name, intentName, value, inputMode, inputTranscript, expected, reason) => {
    const before = kms.calls.GenerateDataKey;
    let sessionAttributes: Record<string, string> = block(expected);
    for (let attempt = 1; attempt <= MAX_RETRIES; attempt++) {
      const r = await call(expected, { value, intentName, inputMode, inputTranscript, sessionAttributes });
      expect(r.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: CAPTURE.slot });
      expect(r.sessionState.intent).toEqual({ name: CAPTURE.intent, state: 'InProgress', slots: { [CAPTURE.slot]: null } });
      expect(r.messages).toEqual([{ contentType: 'PlainText', content: expect.stringMatching(reason) }]);
      // The re-ask carries the field's keypad and audio settings: whichever source Lex honours, they are the field's.
      expect(attributes(r)).toEqual(own(expected, STATUS.eliciting, attempt));
      sessionAttributes = attributes(r);
    }
    const last = await call(expected, { value, intentName, inputMode, inputTranscript, sessionAttributes });
    expect(last.sessionState.dialogAction.type).toBe('Close');
    expect(last.sessionState.intent).toMatchObject({ name: CAPTURE.intent, state: 'Failed' });
    expect(attributes(last)).toEqual(own(expected, name.startsWith('silence') ? STATUS.noInput : STATUS.invalid, MAX_RETRIES + 1));
    expect(kms.calls.GenerateDataKey).toBe(before);
  });

  it('the final status says no-input only when the last attempt was silence', async () => {
    const silentLast = await call(CARD_NUMBER, { value: null, intentName: FALLBACK_INTENT, inputMode: 'Speech', sessionAttributes: elicited(CARD_NUMBER, MAX_RETRIES) });
    expect(attributes(silentLast)[STATUS_ATTRIBUTE]).toBe(STATUS.noInput);
    const wordsLast = await call(CARD_NUMBER, { value: null, intentName: FALLBACK_INTENT, inputMode: 'Speech', inputTranscript: 'hello', sessionAttributes: elicited(CARD_NUMBER, MAX_RETRIES) });
    expect(attributes(wordsLast)[STATUS_ATTRIBUTE]).toBe(STATUS.invalid);
  });
});

describe('an invalid value', () => {
  it('is asked for again with a short message, counting attempts, then fails after two retries', async () => {
    let sessionAttributes: Record<string, string> = block(CARD_NUMBER);
    for (let attempt = 1; attempt <= MAX_RETRIES; attempt++) {
      const r = await call(CARD_NUMBER, { value: '4111 1111 1111 1112', sessionAttributes });
      expect(r.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: CAPTURE.slot });
      expect(r.sessionState.intent?.slots).toEqual({ [CAPTURE.slot]: null });
      expect(r.messages?.[0]).toMatchObject({ contentType: 'PlainText', content: expect.stringMatching(/not valid/) });
      expect(attributes(r)[ATTEMPTS_ATTRIBUTE]).toBe(String(attempt));
      sessionAttributes = attributes(r);
    }
    const last = await call(CARD_NUMBER, { value: '4111111111111112', sessionAttributes });
    expect(last.sessionState.dialogAction.type).toBe('Close');
    expect(last.sessionState.intent?.state).toBe('Failed');
    expect(attributes(last)[STATUS_ATTRIBUTE]).toBe(STATUS.invalid);
  });

  it('never reaches KMS', async () => {
    const before = kms.calls.GenerateDataKey;
    await call(ZIP_CODE, { value: '0213', sessionAttributes: elicited(ZIP_CODE) });
    await call(ZIP_CODE, { value: '02１34', sessionAttributes: elicited(ZIP_CODE) });
    expect(kms.calls.GenerateDataKey).toBe(before);
  });

  it('tells a wrong length from a bad checksum without repeating the value', async () => {
    const r = await call(ZIP_CODE, { value: '021345', sessionAttributes: elicited(ZIP_CODE) });
    expect(r.messages?.[0]).toMatchObject({ content: expect.stringMatching(/ZIP code has 5 digits/) });
  });
});

describe('fails closed, without reaching KMS, even for a valid value', () => {
  it.each(['many', '-1', String(MAX_RETRIES + 1), '1.5', '', ' 1', '01', '1e0', '99999999999999999999'])('when the attempt count is %j: spent, not reset', async (count) => {
    const before = kms.calls.GenerateDataKey;
    const r = await call(CARD_NUMBER, { value: '4111111111111111', sessionAttributes: { ...elicited(CARD_NUMBER), [ATTEMPTS_ATTRIBUTE]: count } });
    expect(r.sessionState.intent).toMatchObject({ name: CAPTURE.intent, state: 'Failed' });
    expect(attributes(r)).toEqual(own(CARD_NUMBER, STATUS.invalid, MAX_RETRIES + 1));
    expect(kms.calls.GenerateDataKey).toBe(before);
  });

  it('when the attempt count is missing', async () => {
    const { [ATTEMPTS_ATTRIBUTE]: _gone, ...rest } = elicited(CARD_NUMBER);
    const r = await call(CARD_NUMBER, { value: '4111111111111111', sessionAttributes: rest });
    expect(attributes(r)[STATUS_ATTRIBUTE]).toBe(STATUS.invalid);
  });

  it.each([['missing', undefined], ['unknown', 'cvv'], ['an intent name', CAPTURE.intent], ['a prototype key', '__proto__']])('when the expected field is %s', async (_name, field) => {
    const before = kms.calls.GenerateDataKey;
    const { [FIELD_ATTRIBUTE]: _gone, ...rest } = elicited(CARD_NUMBER);
    const r = await call(CARD_NUMBER, { value: '4111111111111111', sessionAttributes: field === undefined ? rest : { ...rest, [FIELD_ATTRIBUTE]: field } });
    expect(r.sessionState.intent?.state).toBe('Failed');
    expect(attributes(r)).toEqual({ [STATUS_ATTRIBUTE]: STATUS.error });
    expect(kms.calls.GenerateDataKey).toBe(before);
  });

  it.each([
    ['missing', undefined], ['empty', ''], ['the flow\'s JSONPath, unresolved', '$.InitialContactId'], ['not a UUID', 'contact-1'],
    ['a UUID with extra text', `${CONTACT} `], ['100 KB', 'a'.repeat(100 * 1024)],
  ])('when the contact is %s (whatever the Lex session id)', async (_name, contactId) => {
    const before = kms.calls.GenerateDataKey;
    const { [CONTACT_ID_ATTRIBUTE]: _gone, ...rest } = block(CARD_NUMBER);
    const r = await call(CARD_NUMBER, { value: '4111111111111111', sessionId: CONTACT, sessionAttributes: contactId === undefined ? rest : { ...rest, [CONTACT_ID_ATTRIBUTE]: contactId } });
    expect(r.sessionState.intent).toMatchObject({ name: CAPTURE.intent, state: 'Failed' });
    expect(attributes(r)[STATUS_ATTRIBUTE]).toBe(STATUS.error);
    expect(attributes(r)).not.toHaveProperty(CONTACT_ID_ATTRIBUTE);
    expect(kms.calls.GenerateDataKey).toBe(before);
  });
});

describe.each(['throttle', 'deny'] as const)('when KMS answers %s', (mode) => {
  it('closes with an error status, logs a line without input, and no plaintext anywhere', async () => {
    kms.mode = mode;
    const r = await call(CARD_NUMBER, { value: '4111111111111111', contactId: CONTACT });
    expect(r.sessionState.intent?.state).toBe('Failed');
    expect(attributes(r)).toEqual(own(CARD_NUMBER, STATUS.error, 0));
    expect(JSON.stringify(r)).not.toContain('4111111111111111');
    const line = output.text().split('\n').find((l) => l.includes('encrypt-failed'));
    expect(JSON.parse(line!)).toMatchObject({ level: 'WARN', field: 'card-number', outcome: 'encrypt-failed', error: expect.any(String) });
  });
});

it('is refused by a key policy of another environment', async () => {
  kms.requiredContext = policyContext('prod');
  const r = await call(ZIP_CODE, { value: '02134', contactId: CONTACT });
  expect(r.sessionState.intent?.state).toBe('Failed');
  expect(attributes(r)[STATUS_ATTRIBUTE]).toBe(STATUS.error);
  expect(attributes(r)).not.toHaveProperty(ZIP_CODE.sessionAttribute);
});
