import type { LexV2Result } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decryptField } from '../shared/ciphertext';
import { APPLICATION } from '../../contract/encryption-context';
import { createKeyring } from '../shared/kms-keyring';
import { blockSessionAttributes, CIPHERTEXT_PREFIX } from '../../contract/capture-session';
import { ATTEMPTS_ATTRIBUTE, CARD_NUMBER, FIELD_ATTRIBUTE, MAX_RETRIES, STATUS, STATUS_ATTRIBUTE, ZIP_CODE, type SecureFieldSpec } from '../../contract/secure-fields';
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

/** The context keys the key policy allows (ForAllValues:StringEquals on kms:EncryptionContextKeys). */
const policyContextKeys = (): string[] => [encryptionContextCondition('dev')!['ForAllValues:StringEquals']!['kms:EncryptionContextKeys']!].flat().map(String);

beforeAll(async () => {
  kms = await startKmsStandIn();
  useStandIn(kms, 'dev');
});
afterAll(() => kms.close());
beforeEach(() => {
  kms.mode = 'ok';
  kms.requiredContext = policyContext('dev');
  kms.allowedContextKeys = policyContextKeys();
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
  for (const v of Object.values(options.sessionAttributes ?? {})) fed.push(v);
  fed.push(String(options.value ?? ''));
  const response = await handler(event);
  expect(lexResponseProblems(response)).toEqual([]);
  return response;
}
const attributes = (r: LexV2Result) => r.sessionState.sessionAttributes ?? {};
/** The flow's attributes for `spec` once the hook has asked for the slot, after `attempts` failed attempts. */
const elicited = (spec: SecureFieldSpec, attempts = 0): Record<string, string> => ({ ...blockSessionAttributes(spec), [STATUS_ATTRIBUTE]: STATUS.eliciting, [ATTEMPTS_ATTRIBUTE]: String(attempts) });
const ownedKeys = (spec: SecureFieldSpec, captured: boolean) => [FIELD_ATTRIBUTE, STATUS_ATTRIBUTE, ATTEMPTS_ATTRIBUTE, ...(captured ? [spec.sessionAttribute] : [])].sort();
const plaintextOf = async (ciphertext: string) => decryptField(createKeyring(kms.keyArn), ciphertext);

describe.each([
  ['card number', CARD_NUMBER, '4111 1111 1111 1111', '4111111111111111'],
  ['ZIP code', ZIP_CODE, '02134', '02134'],
])('a valid %s', (_name, spec, said, digits) => {
  it.each(['DialogCodeHook', 'FulfillmentCodeHook'] as const)('is encrypted and the intent fulfilled (%s)', async (invocationSource) => {
    const contactId = 'a1b2c3d4-0000-4000-8000-123456789abc';
    const response = await call(spec, { value: said, invocationSource, inputMode: 'Speech', contactId, sessionAttributes: elicited(spec) });
    expect(response.sessionState.dialogAction.type).toBe('Close');
    expect(response.sessionState.intent).toEqual({ name: spec.intent, state: 'Fulfilled', slots: { [spec.slot]: null } });
    expect(Object.keys(attributes(response)).sort()).toEqual(ownedKeys(spec, true));
    expect(attributes(response)).toMatchObject({ [FIELD_ATTRIBUTE]: spec.field, [STATUS_ATTRIBUTE]: STATUS.captured, [ATTEMPTS_ATTRIBUTE]: '0' });
    expect(JSON.stringify(response)).not.toContain(digits);

    // The flow's TextStartsWith check holds for a real ciphertext of this project.
    expect(attributes(response)[spec.sessionAttribute]!.startsWith(CIPHERTEXT_PREFIX)).toBe(true);
    const { plaintext, context } = await plaintextOf(attributes(response)[spec.sessionAttribute]!);
    expect(plaintext).toBe(digits);
    expect(context).toEqual({ application: APPLICATION, environment: 'dev', field: spec.field, 'contact-id': contactId });
  });

  it('costs exactly one KMS call', async () => {
    const before = kms.calls.GenerateDataKey;
    await call(spec, { value: said, sessionAttributes: elicited(spec) });
    expect(kms.calls.GenerateDataKey - before).toBe(1);
    expect(kms.contexts.at(-1)).toMatchObject({ application: APPLICATION, environment: 'dev', field: spec.field });
  });
});

it('returns only its own attributes: another field\'s ciphertext, stale values and foreign keys are dropped', async () => {
  const card = await call(CARD_NUMBER, { value: '5555555555554444', sessionAttributes: elicited(CARD_NUMBER) });
  const carried = { ...attributes(card), ...elicited(ZIP_CODE), note: 'x', 'x-amz-lex:any': 'y' };
  const zip = await call(ZIP_CODE, { value: '90210', sessionAttributes: carried });
  expect(Object.keys(attributes(zip)).sort()).toEqual(ownedKeys(ZIP_CODE, true));
  // A session attribute named like the other field's ciphertext, here holding plaintext, is never echoed.
  const planted = await call(ZIP_CODE, { value: null, sessionAttributes: { ...blockSessionAttributes(ZIP_CODE), [CARD_NUMBER.sessionAttribute]: '4111111111111111' } });
  expect(Object.keys(attributes(planted)).sort()).toEqual(ownedKeys(ZIP_CODE, false));
  expect(JSON.stringify(planted)).not.toContain('4111111111111111');
});

describe('the first turn of a bot block', () => {
  it.each([
    ['the expected intent, slot empty (the start utterance)', CARD_NUMBER.intent, null],
    ['FallbackIntent', 'FallbackIntent', null],
    ['the other field\'s intent with its slot filled (5 digits at the card prompt)', ZIP_CODE.intent, '02134'],
  ])('on %s: asks for the expected slot with its own prompt, counting nothing', async (_name, intentName, value) => {
    const before = kms.calls.GenerateDataKey;
    // The event's slot is named after the field Lex classified; the flow expects the card number.
    const spec = intentName === ZIP_CODE.intent ? ZIP_CODE : CARD_NUMBER;
    const r = await call(spec, { value, intentName, sessionAttributes: blockSessionAttributes(CARD_NUMBER) });
    expect(r.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: CARD_NUMBER.slot });
    expect(r.sessionState.intent).toEqual({ name: CARD_NUMBER.intent, state: 'InProgress', slots: { [CARD_NUMBER.slot]: null } });
    expect(r.messages).toBeUndefined();
    expect(attributes(r)).toEqual({ [FIELD_ATTRIBUTE]: CARD_NUMBER.field, [STATUS_ATTRIBUTE]: STATUS.eliciting, [ATTEMPTS_ATTRIBUTE]: '0' });
    expect(kms.calls.GenerateDataKey).toBe(before);
  });
});

describe('a turn without the expected value, once the slot was asked for', () => {
  it.each([
    // [case, intent Lex ran, field of the event's slot, its value, field the bot block expects]
    ['FallbackIntent (a value the slot type refused, or silence)', 'FallbackIntent', CARD_NUMBER, null, CARD_NUMBER],
    ['the expected intent with its slot empty', CARD_NUMBER.intent, CARD_NUMBER, null, CARD_NUMBER],
    ['the ZIP intent with 5 digits, at the card prompt', ZIP_CODE.intent, ZIP_CODE, '02134', CARD_NUMBER],
    ['the card intent with 16 digits, at the ZIP prompt', CARD_NUMBER.intent, CARD_NUMBER, '4111111111111111', ZIP_CODE],
  ])('on %s: never encrypted, asked again, then failed after two retries', async (_name, intentName, slotSpec, value, expected) => {
    const before = kms.calls.GenerateDataKey;
    let sessionAttributes = elicited(expected);
    for (let attempt = 1; attempt <= MAX_RETRIES; attempt++) {
      const r = await call(slotSpec, { value, intentName, sessionAttributes });
      expect(r.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: expected.slot });
      expect(r.sessionState.intent).toEqual({ name: expected.intent, state: 'InProgress', slots: { [expected.slot]: null } });
      expect(r.messages?.[0]).toMatchObject({ content: expect.stringMatching(new RegExp(`^Sorry, that was not a ${expected.digits}-digit`)) });
      expect(attributes(r)).toEqual({ [FIELD_ATTRIBUTE]: expected.field, [STATUS_ATTRIBUTE]: STATUS.eliciting, [ATTEMPTS_ATTRIBUTE]: String(attempt) });
      sessionAttributes = attributes(r);
    }
    const last = await call(slotSpec, { value, intentName, sessionAttributes });
    expect(last.sessionState.dialogAction.type).toBe('Close');
    expect(last.sessionState.intent).toMatchObject({ name: expected.intent, state: 'Failed' });
    expect(attributes(last)).toEqual({ [FIELD_ATTRIBUTE]: expected.field, [STATUS_ATTRIBUTE]: STATUS.invalid, [ATTEMPTS_ATTRIBUTE]: String(MAX_RETRIES + 1) });
    expect(kms.calls.GenerateDataKey).toBe(before);
  });
});

describe('an invalid value', () => {
  it('is asked for again with a short message, counting attempts, then fails after two retries', async () => {
    let sessionAttributes: Record<string, string> = elicited(CARD_NUMBER);
    for (let attempt = 1; attempt <= MAX_RETRIES; attempt++) {
      const r = await call(CARD_NUMBER, { value: '4111 1111 1111 1112', sessionAttributes });
      expect(r.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: CARD_NUMBER.slot });
      expect(r.sessionState.intent?.slots).toEqual({ [CARD_NUMBER.slot]: null });
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
    expect(r.sessionState.intent).toMatchObject({ name: CARD_NUMBER.intent, state: 'Failed' });
    expect(attributes(r)).toEqual({ [FIELD_ATTRIBUTE]: CARD_NUMBER.field, [STATUS_ATTRIBUTE]: STATUS.invalid, [ATTEMPTS_ATTRIBUTE]: String(MAX_RETRIES + 1) });
    expect(kms.calls.GenerateDataKey).toBe(before);
  });

  it('when the attempt count is missing', async () => {
    const { [ATTEMPTS_ATTRIBUTE]: _gone, ...rest } = elicited(CARD_NUMBER);
    const r = await call(CARD_NUMBER, { value: '4111111111111111', sessionAttributes: rest });
    expect(attributes(r)[STATUS_ATTRIBUTE]).toBe(STATUS.invalid);
  });

  it.each([['missing', undefined], ['unknown', 'cvv'], ['an intent name', CARD_NUMBER.intent], ['a prototype key', '__proto__']])('when the expected field is %s', async (_name, field) => {
    const before = kms.calls.GenerateDataKey;
    const { [FIELD_ATTRIBUTE]: _gone, ...rest } = elicited(CARD_NUMBER);
    const r = await call(CARD_NUMBER, { value: '4111111111111111', sessionAttributes: field === undefined ? rest : { ...rest, [FIELD_ATTRIBUTE]: field } });
    expect(r.sessionState.intent?.state).toBe('Failed');
    expect(attributes(r)).toEqual({ [STATUS_ATTRIBUTE]: STATUS.error });
    expect(kms.calls.GenerateDataKey).toBe(before);
  });
});

describe.each(['throttle', 'deny'] as const)('when KMS answers %s', (mode) => {
  it('closes with an error status, logs a line without input, and no plaintext anywhere', async () => {
    kms.mode = mode;
    const r = await call(CARD_NUMBER, { value: '4111111111111111', sessionAttributes: elicited(CARD_NUMBER) });
    expect(r.sessionState.intent?.state).toBe('Failed');
    expect(attributes(r)).toEqual({ [FIELD_ATTRIBUTE]: CARD_NUMBER.field, [STATUS_ATTRIBUTE]: STATUS.error, [ATTEMPTS_ATTRIBUTE]: '0' });
    expect(JSON.stringify(r)).not.toContain('4111111111111111');
    const line = output.text().split('\n').find((l) => l.includes('encrypt-failed'));
    expect(JSON.parse(line!)).toMatchObject({ level: 'WARN', field: 'card-number', outcome: 'encrypt-failed', error: expect.any(String) });
  });
});

it('sends exactly the context keys the key policy allows, and is refused by a policy that allows fewer', async () => {
  expect(policyContextKeys().sort()).toEqual(['application', 'contact-id', 'environment', 'field']);
  const ok = await call(ZIP_CODE, { value: '02134', sessionAttributes: elicited(ZIP_CODE) });
  expect(attributes(ok)[STATUS_ATTRIBUTE]).toBe(STATUS.captured);
  expect(Object.keys(kms.contexts.at(-1)!).sort()).toEqual(policyContextKeys().sort());
  kms.allowedContextKeys = policyContextKeys().filter((k) => k !== 'contact-id');
  const refused = await call(ZIP_CODE, { value: '02134', sessionAttributes: elicited(ZIP_CODE) });
  expect(attributes(refused)[STATUS_ATTRIBUTE]).toBe(STATUS.error);
});

it('is refused by a key policy of another environment', async () => {
  kms.requiredContext = policyContext('prod');
  const r = await call(ZIP_CODE, { value: '02134', sessionAttributes: elicited(ZIP_CODE) });
  expect(r.sessionState.intent?.state).toBe('Failed');
  expect(attributes(r)[STATUS_ATTRIBUTE]).toBe(STATUS.error);
  expect(attributes(r)).not.toHaveProperty(ZIP_CODE.sessionAttribute);
});
