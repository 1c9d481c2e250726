import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encryptField, type FieldContext } from '../shared/ciphertext';
import { createKeyring } from '../shared/kms-keyring';
import { captureOutput, secretsIn, type CapturedOutput } from '../test-support/capture-output';
import { startKmsStandIn, useStandIn, type KmsStandIn } from '../test-support/kms-stand-in';
import { handler } from './handler';

let kms: KmsStandIn;
let output: CapturedOutput;
const fed: string[] = [];
const CARD = '4111111111111111';
const context = (over: Partial<FieldContext> = {}): FieldContext => ({ environment: 'dev', field: 'card-number', contactId: 'c-1', ...over });
const seal = (plaintext: string, over: Partial<FieldContext> = {}, keyArn = kms.keyArn) => {
  fed.push(plaintext);
  return encryptField(createKeyring(keyArn), plaintext, context(over));
};
const operatorEvent = (encrypted: unknown) => ({ Details: { Parameters: { encrypted } } });

beforeAll(async () => {
  kms = await startKmsStandIn();
  useStandIn(kms, 'dev');
});
afterAll(() => kms.close());
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => {
  output.restore();
  const logs = output.text();
  for (const secret of secretsIn(fed)) expect(logs).not.toContain(secret);
});

describe('a ciphertext of this environment', () => {
  it.each([['card-number', CARD], ['zip', '02134']] as const)('decrypts the %s, with the field named', async (field, plaintext) => {
    const encrypted = await seal(plaintext, { field });
    expect(await handler(operatorEvent(encrypted))).toEqual({ Status: 'OK', Field: field, Data: plaintext });
  });

  it('is accepted in the short form too, and the field may be asked for', async () => {
    const encrypted = await seal(CARD);
    expect(await handler({ encrypted, field: 'card-number' })).toMatchObject({ Status: 'OK', Data: CARD });
  });

  it('costs exactly one KMS Decrypt call and no log line holds the ciphertext', async () => {
    const encrypted = await seal(CARD);
    const before = kms.calls.Decrypt;
    await handler(operatorEvent(encrypted));
    expect(kms.calls.Decrypt - before).toBe(1);
    expect(output.text()).toContain('"outcome":"ok"');
    expect(output.text()).not.toContain(encrypted.slice(0, 40));
  });
});

describe('is refused with a message that holds neither plaintext nor ciphertext', () => {
  const expectRefused = async (event: unknown, message: RegExp, encrypted?: string) => {
    const result = await handler(event);
    expect(result).toEqual({ Status: 'ERROR', Message: expect.stringMatching(message) });
    const text = JSON.stringify(result);
    expect(text).not.toContain(CARD);
    if (encrypted) expect(text).not.toContain(encrypted.slice(0, 24));
  };

  it('a tampered ciphertext', async () => {
    const encrypted = await seal(CARD);
    const bytes = Buffer.from(encrypted, 'base64');
    bytes[bytes.length - 40] ^= 0x01;
    await expectRefused(operatorEvent(bytes.toString('base64')), /could not be decrypted/, encrypted);
  });

  it('a truncated base64', async () => {
    const encrypted = await seal(CARD);
    await expectRefused(operatorEvent(encrypted.slice(0, -3)), /not valid base64/, encrypted);
    await expectRefused(operatorEvent(encrypted.slice(0, 200)), /could not be decrypted/, encrypted);
  });

  it('a ciphertext of another environment', async () => {
    const encrypted = await seal(CARD, { environment: 'stage' });
    await expectRefused(operatorEvent(encrypted), /another environment/, encrypted);
  });

  it('a ciphertext of another field than asked for', async () => {
    const encrypted = await seal('02134', { field: 'zip' });
    await expectRefused({ encrypted, field: 'card-number' }, /different field/, encrypted);
  });

  it('a ciphertext under a foreign key', async () => {
    const encrypted = await seal(CARD, {}, kms.foreignKeyArn);
    const before = kms.calls.Decrypt;
    await expectRefused(operatorEvent(encrypted), /could not be decrypted/, encrypted);
    expect(kms.calls.Decrypt).toBe(before);
  });

  it.each([
    ['no parameter', {}, /missing parameter/],
    ['null event', null, /missing parameter/],
    ['a number', operatorEvent(42), /no ciphertext/],
    ['an oversized string', operatorEvent('A'.repeat(100_000)), /too long/],
    ['an unknown field', { encrypted: 'AAAA', field: 'ssn' }, /unknown field/],
    ['not a message at all', operatorEvent('AAAA'), /could not be decrypted/],
  ])('%s', async (_name, event, message) => {
    await expectRefused(event, message);
  });
});
