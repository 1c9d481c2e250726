import type { LexV2Result } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decryptField } from '../shared/ciphertext';
import { APPLICATION } from '../shared/encryption-context';
import { createKeyring } from '../shared/kms-keyring';
import { ATTEMPTS_ATTRIBUTE, CARD_NUMBER, MAX_RETRIES, STATUS, STATUS_ATTRIBUTE, ZIP_CODE, type SecureFieldSpec } from '../shared/secure-fields';
import { encryptionContextCondition } from '../../stacks/policies/key-policy';
import { captureOutput, secretsIn, type CapturedOutput } from '../test-support/capture-output';
import { startKmsStandIn, useStandIn, type KmsStandIn } from '../test-support/kms-stand-in';
import { lexEvent, lexResponseProblems, type EventOptions } from '../test-support/lex-events';
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
  fed.push(String(options.value ?? ''));
  const response = await handler(event);
  expect(lexResponseProblems(response)).toEqual([]);
  return response;
}
const attributes = (r: LexV2Result) => r.sessionState.sessionAttributes ?? {};
const plaintextOf = async (ciphertext: string) => decryptField(createKeyring(kms.keyArn), ciphertext);

describe.each([
  ['card number', CARD_NUMBER, '4111 1111 1111 1111', '4111111111111111'],
  ['ZIP code', ZIP_CODE, '02134', '02134'],
])('a valid %s', (_name, spec, said, digits) => {
  it.each(['DialogCodeHook', 'FulfillmentCodeHook'] as const)('is encrypted and the intent fulfilled (%s)', async (invocationSource) => {
    const contactId = 'a1b2c3d4-0000-4000-8000-123456789abc';
    const response = await call(spec, { value: said, invocationSource, inputMode: 'Speech', contactId });
    expect(response.sessionState.dialogAction.type).toBe('Close');
    expect(response.sessionState.intent).toEqual({ name: spec.intent, state: 'Fulfilled', slots: { [spec.slot]: null } });
    expect(Object.keys(attributes(response)).sort()).toEqual([spec.sessionAttribute, STATUS_ATTRIBUTE].sort());
    expect(attributes(response)[STATUS_ATTRIBUTE]).toBe(STATUS.captured);
    expect(JSON.stringify(response)).not.toContain(digits);

    const { plaintext, context } = await plaintextOf(attributes(response)[spec.sessionAttribute]!);
    expect(plaintext).toBe(digits);
    expect(context).toEqual({ application: APPLICATION, environment: 'dev', field: spec.field, 'contact-id': contactId });
  });

  it('costs exactly one KMS call', async () => {
    const before = kms.calls.GenerateDataKey;
    await call(spec, { value: said });
    expect(kms.calls.GenerateDataKey - before).toBe(1);
    expect(kms.contexts.at(-1)).toMatchObject({ application: APPLICATION, environment: 'dev', field: spec.field });
  });
});

it('keeps the card ciphertext while the ZIP is captured, and drops other attributes', async () => {
  const card = await call(CARD_NUMBER, { value: '5555555555554444' });
  const zip = await call(ZIP_CODE, { value: '90210', sessionAttributes: { ...attributes(card), note: 'x', [ZIP_CODE.sessionAttribute]: 'stale' } });
  expect(attributes(zip)[CARD_NUMBER.sessionAttribute]).toBe(attributes(card)[CARD_NUMBER.sessionAttribute]);
  expect(attributes(zip)).not.toHaveProperty('note');
  expect(attributes(zip)[ZIP_CODE.sessionAttribute]).not.toBe('stale');
});

describe('an invalid value', () => {
  it('is asked for again with a short message, counting attempts, then fails after two retries', async () => {
    let sessionAttributes: Record<string, string> = {};
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
    expect(kms.calls.GenerateDataKey).toBeGreaterThan(0);
  });

  it('never reaches KMS', async () => {
    const before = kms.calls.GenerateDataKey;
    await call(ZIP_CODE, { value: '0213' });
    await call(ZIP_CODE, { value: '02１34' });
    expect(kms.calls.GenerateDataKey).toBe(before);
  });

  it('tells a wrong length from a bad checksum without repeating the value', async () => {
    const r = await call(ZIP_CODE, { value: '021345' });
    expect(r.messages?.[0]).toMatchObject({ content: expect.stringMatching(/ZIP code has 5 digits/) });
  });
});

it('lets Lex prompt when nothing was captured yet', async () => {
  const r = await call(ZIP_CODE, { value: null });
  expect(r.sessionState.dialogAction.type).toBe('Delegate');
});

describe.each(['throttle', 'deny'] as const)('when KMS answers %s', (mode) => {
  it('closes with an error status, logs a line without input, and no plaintext anywhere', async () => {
    kms.mode = mode;
    const r = await call(CARD_NUMBER, { value: '4111111111111111' });
    expect(r.sessionState.intent?.state).toBe('Failed');
    expect(attributes(r)).toEqual({ [STATUS_ATTRIBUTE]: STATUS.error });
    expect(JSON.stringify(r)).not.toContain('4111111111111111');
    const line = output.text().split('\n').find((l) => l.includes('encrypt-failed'));
    expect(JSON.parse(line!)).toMatchObject({ level: 'WARN', field: 'card-number', outcome: 'encrypt-failed', error: expect.any(String) });
  });
});

it('is refused by a key policy of another environment', async () => {
  kms.requiredContext = policyContext('prod');
  const r = await call(ZIP_CODE, { value: '02134' });
  expect(r.sessionState.intent?.state).toBe('Failed');
  expect(attributes(r)).toEqual({ [STATUS_ATTRIBUTE]: STATUS.error });
});
