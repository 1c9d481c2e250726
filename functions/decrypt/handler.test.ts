// The Decrypt function through the real @aws-sdk/client-connect, client-kms and client-cloudwatch-logs,
// over HTTP to stand-ins on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { encryptField, type FieldContext } from '../shared/ciphertext';
import type { SecureField } from '../../contract/encryption-context';
import { createKeyring } from '../shared/kms-keyring';
import { captureOutput, secretsIn, type CapturedOutput } from '../../stand-ins/capture-output';
import { startConnectStandIn, type ConnectStandIn } from '../../stand-ins/connect-stand-in';
import { startKmsStandIn, useStandIn, type KmsStandIn } from '../../stand-ins/kms-stand-in';
import { startLogsStandIn, type LogsStandIn } from '../../stand-ins/logs-stand-in';
import type { AuditRecord } from './audit-log';
import { DECRYPT_ENV } from '../../contract/decrypt-env';
import { handler, resetRuntimeForTests } from './handler';

const CARD = '4111111111111111';
const ZIP = '02134';
const AUDIT_GROUP = '/secure-lex-input/dev/decrypt-audit';
const REASON = 'ticket OPS-1234: chargeback dispute';

let kms: KmsStandIn;
let connect: ConnectStandIn;
let logs: LogsStandIn;
let output: CapturedOutput;
const fed: string[] = [];
const ciphertexts: string[] = [];

const seal = async (plaintext: string, over: Partial<FieldContext> & { contactId: string }, keyArn = kms.keyArn) => {
  fed.push(plaintext);
  const encrypted = await encryptField(createKeyring(keyArn), plaintext, { environment: 'dev', field: 'card-number', ...over });
  ciphertexts.push(encrypted);
  return encrypted;
};
/** A contact whose flow stored both ciphertexts, as the capture flow does. */
const capturedContact = async (values: { card?: string; zip?: string } = { card: CARD, zip: ZIP }) => {
  const contactId = randomUUID();
  const attributes: Record<string, string> = { greeting: 'played' };
  if (values.card) attributes.encrypted_cc = await seal(values.card, { contactId, field: 'card-number' });
  if (values.zip) attributes.encrypted_zip = await seal(values.zip, { contactId, field: 'zip' });
  connect.contacts.set(contactId, attributes);
  return { contactId, attributes };
};
const byContact = (contactId: string, over: Record<string, unknown> = {}) => ({ contactId, reason: REASON, ...over });
const auditRecords = (): AuditRecord[] => logs.messages(AUDIT_GROUP).map((m) => JSON.parse(m));
const lastAudit = () => auditRecords().at(-1)!;
const invoke = (event: unknown) => handler(event, { awsRequestId: `req-${randomUUID()}` });

beforeAll(async () => {
  [kms, connect, logs] = await Promise.all([startKmsStandIn(), startConnectStandIn(), startLogsStandIn([AUDIT_GROUP])]);
  useStandIn(kms, 'dev');
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_CONNECT: connect.url,
    AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: logs.url,
    [DECRYPT_ENV.connectInstanceId]: connect.instanceId,
    [DECRYPT_ENV.auditLogGroup]: AUDIT_GROUP,
  });
  resetRuntimeForTests();
});
afterAll(() => Promise.all([kms.close(), connect.close(), logs.close()]));
beforeEach(() => {
  kms.mode = 'ok';
  connect.mode = 'ok';
  logs.mode = 'ok';
  output = captureOutput();
});
afterEach(() => {
  output.restore();
  // No log, the function's or the audit log, holds a fed digit run or any part of a ciphertext.
  const everything = output.text() + logs.messages(AUDIT_GROUP).join('\n');
  for (const secret of secretsIn(fed)) expect(everything).not.toContain(secret);
  for (const c of ciphertexts) expect(everything).not.toContain(c.slice(0, 24));
});

describe('by contact', () => {
  it('reads the contact from its own instance and shows both fields masked by default', async () => {
    const { contactId } = await capturedContact();
    const before = kms.calls.Decrypt;
    expect(await invoke(byContact(contactId))).toEqual({ Status: 'OK', ContactId: contactId, Fields: { 'card-number': '************1111', zip: '***34' } });
    expect(kms.calls.Decrypt - before).toBe(2);
    expect(connect.requests.at(-1)).toBe(`/contact/attributes/${connect.instanceId}/${contactId}`);
  });

  it('shows full values only with reveal, and only the fields asked for', async () => {
    const { contactId } = await capturedContact();
    expect(await invoke(byContact(contactId, { reveal: true }))).toEqual({ Status: 'OK', ContactId: contactId, Fields: { 'card-number': CARD, zip: ZIP } });
    expect(lastAudit().display).toBe('revealed');
    expect(await invoke(byContact(contactId, { fields: ['zip'] }))).toEqual({ Status: 'OK', ContactId: contactId, Fields: { zip: '***34' } });
  });

  it('answers the old contact-flow shape by the same rules', async () => {
    const { contactId } = await capturedContact();
    expect(await invoke({ Details: { Parameters: byContact(contactId, { fields: ['card-number'] }) } }))
      .toEqual({ Status: 'OK', ContactId: contactId, Fields: { 'card-number': '************1111' } });
    expect(await invoke({ Details: { Parameters: { contactId } } })).toMatchObject({ Status: 'ERROR', Code: 'bad-request' });
  });
});

describe('a pasted ciphertext', () => {
  it('decrypts when bound to the contact and field named, without reading Connect', async () => {
    const contactId = randomUUID();
    const encrypted = await seal(ZIP, { contactId, field: 'zip' });
    const requests = connect.requests.length;
    expect(await invoke(byContact(contactId, { field: 'zip', encrypted }))).toEqual({ Status: 'OK', ContactId: contactId, Fields: { zip: '***34' } });
    expect(connect.requests.length).toBe(requests);
  });

  it('is a bad request when it is not base64', async () => {
    expect(await invoke(byContact(randomUUID(), { field: 'zip', encrypted: 'not base64!' }))).toMatchObject({ Code: 'bad-request', Message: 'the ciphertext is not valid base64' });
  });
});

describe('refuses, without a KMS call, a ciphertext bound to something else (context-mismatch)', () => {
  const refusedWithoutKms = async (event: unknown, message: RegExp) => {
    const before = kms.calls.Decrypt;
    expect(await invoke(event)).toEqual({ Status: 'ERROR', Code: 'context-mismatch', Message: expect.stringMatching(message) });
    expect(kms.calls.Decrypt).toBe(before);
  };

  it('a ciphertext of another contact, moved into this contact or pasted for it', async () => {
    const a = await capturedContact();
    const b = await capturedContact();
    connect.contacts.set(b.contactId, { ...b.attributes, encrypted_cc: a.attributes.encrypted_cc! });
    await refusedWithoutKms(byContact(b.contactId), /contact-id differs/);
    await refusedWithoutKms(byContact(b.contactId, { field: 'card-number', encrypted: a.attributes.encrypted_cc }), /contact-id differs/);
  });

  it('a ciphertext of another field', async () => {
    const { contactId, attributes } = await capturedContact();
    connect.contacts.set(contactId, { encrypted_cc: attributes.encrypted_zip!, encrypted_zip: attributes.encrypted_cc! });
    await refusedWithoutKms(byContact(contactId), /field differs/);
    await refusedWithoutKms(byContact(contactId, { field: 'card-number', encrypted: attributes.encrypted_zip }), /field differs/);
  });

  it('a ciphertext of another environment, or under another key', async () => {
    const contactId = randomUUID();
    await refusedWithoutKms(byContact(contactId, { field: 'card-number', encrypted: await seal(CARD, { contactId, environment: 'stage' }) }), /environment differs/);
    await refusedWithoutKms(byContact(contactId, { field: 'card-number', encrypted: await seal(CARD, { contactId }, kms.foreignKeyArn) }), /this environment's key/);
  });
});

describe('refuses a damaged message or a wrong plaintext (corrupt)', () => {
  const corrupt = async (contactId: string, field: SecureField, bytes: Buffer, message: RegExp) => {
    const encrypted = bytes.toString('base64');
    ciphertexts.push(encrypted);
    expect(await invoke(byContact(contactId, { field, encrypted }))).toEqual({ Status: 'ERROR', Code: 'corrupt', Message: expect.stringMatching(message) });
  };

  it('bytes after the end of the message, from Connect or pasted: the SDK alone would ignore them', async () => {
    const { contactId, attributes } = await capturedContact();
    const message = Buffer.from(attributes.encrypted_cc!, 'base64');
    const before = kms.calls.Decrypt;
    await corrupt(contactId, 'card-number', Buffer.concat([message, Buffer.from([0])]), /bytes after the end/);
    await corrupt(contactId, 'card-number', Buffer.concat([message, message]), /bytes after the end/);
    connect.contacts.set(contactId, { ...attributes, encrypted_cc: Buffer.concat([message, Buffer.from('xyz')]).toString('base64') });
    expect(await invoke(byContact(contactId))).toMatchObject({ Code: 'corrupt', Message: expect.stringMatching(/bytes after the end/) });
    expect(kms.calls.Decrypt).toBe(before);
  });

  it('a message cut short, or with a changed byte', async () => {
    const { contactId, attributes } = await capturedContact();
    const message = Buffer.from(attributes.encrypted_cc!, 'base64');
    await corrupt(contactId, 'card-number', message.subarray(0, message.length - 1), /cut short/);
    const flipped = Buffer.from(message);
    flipped[flipped.length - 20]! ^= 0x01;
    await corrupt(contactId, 'card-number', flipped, /damaged or was altered/);
  });

  it('a header edited to name this contact fails authentication', async () => {
    const a = await capturedContact();
    const b = await capturedContact();
    const edited = Buffer.from(Buffer.from(a.attributes.encrypted_cc!, 'base64').toString('latin1').replace(a.contactId, b.contactId), 'latin1');
    await corrupt(b.contactId, 'card-number', edited, /damaged or was altered/);
  });

  it.each([
    ['card-number', 'fails the Luhn check', '4111111111111112'],
    ['card-number', 'has 15 digits', '411111111111111'],
    ['card-number', 'holds a control character', `41111111111111\u00071`],
    ['zip', 'has 4 digits', '0213'],
    ['zip', 'is not all digits', '0213a'],
  ] as const)('a %s plaintext that %s', async (field, _why, plaintext) => {
    const contactId = randomUUID();
    const encrypted = await seal(plaintext, { contactId, field });
    expect(await invoke(byContact(contactId, { field, encrypted, reveal: true }))).toEqual({ Status: 'ERROR', Code: 'corrupt', Message: `the decrypted ${field} does not have the ${field} format` });
  });
});

describe('tells not-found, bad requests and unavailable or denied services apart', () => {
  it('not-found: an unknown contact, or one without the field asked for', async () => {
    expect(await invoke(byContact(randomUUID()))).toMatchObject({ Code: 'not-found' });
    const { contactId } = await capturedContact({ card: CARD });
    expect(await invoke(byContact(contactId))).toEqual({ Status: 'ERROR', Code: 'not-found', Message: 'the contact holds no zip' });
  });

  it.each([
    ['no reason', { reason: undefined }, /reason is required/],
    ['a blank reason', { reason: '   ' }, /reason is required/],
    ['a reason of 201 characters', { reason: 'r'.repeat(201) }, /at most 200/],
    ['a reason with a control character', { reason: 'ticket\u001b[2J' }, /printable/],
    ['a reason with a card number', { reason: `card ${CARD}` }, /card number/],
    ['a contact id that is not a UUID', { contactId: '../../x' }, /contactId/],
    ['an unknown field', { fields: ['ssn'] }, /fields must be/],
    ['no fields', { fields: [] }, /fields must be/],
    ['a repeated field', { fields: ['zip', 'zip'] }, /repeat/],
    ['a reveal that is not a boolean', { reveal: 'yes' }, /reveal/],
    ['an unknown key', { verbose: true }, /unknown request key/],
    ['fields with a ciphertext', { encrypted: 'AAAA', fields: ['zip'] }, /not "fields"/],
  ])('bad-request: %s', async (_name, over, message) => {
    expect(await invoke(byContact(randomUUID(), over))).toEqual({ Status: 'ERROR', Code: 'bad-request', Message: expect.stringMatching(message) });
  });

  it('bad-request: not an object at all', async () => {
    for (const event of [null, 42, 'x', []]) expect(await invoke(event)).toMatchObject({ Code: 'bad-request' });
  });

  it.each([
    ['KMS throttles', () => { kms.mode = 'throttle'; }, 'kms-unavailable', 'kms/ThrottlingException'],
    ['KMS denies', () => { kms.mode = 'deny'; }, 'access-denied', 'kms/AccessDeniedException'],
    ['Connect throttles', () => { connect.mode = 'throttle'; }, 'kms-unavailable', 'connect/ThrottlingException'],
    ['Connect fails', () => { connect.mode = 'down'; }, 'kms-unavailable', 'connect/InternalServiceException'],
    ['Connect denies', () => { connect.mode = 'deny'; }, 'access-denied', 'connect/AccessDeniedException'],
  ])('%s: told apart in the answer and in the error class of both logs', async (_name, arrange, code, errorClass) => {
    const { contactId } = await capturedContact();
    arrange();
    expect(await invoke(byContact(contactId))).toMatchObject({ Status: 'ERROR', Code: code });
    expect(lastAudit()).toMatchObject({ outcome: code, errorClass });
    expect(output.text()).toContain(`"errorClass":"${errorClass}"`);
  });

  it('kms-unavailable: a KMS that does not answer at all', async () => {
    const { contactId } = await capturedContact();
    const url = process.env.AWS_ENDPOINT_URL_KMS;
    process.env.AWS_ENDPOINT_URL_KMS = 'http://127.0.0.1:9';
    resetRuntimeForTests();
    try {
      expect(await invoke(byContact(contactId))).toMatchObject({ Code: 'kms-unavailable' });
    } finally {
      process.env.AWS_ENDPOINT_URL_KMS = url;
      resetRuntimeForTests();
    }
  });
});

describe('the reason (contract/decrypt-request.ts): never a card number, never blank', () => {
  const PAN = '5491893773337426';
  const grouped = (separator: string) => PAN.match(/.{4}/g)!.join(separator);
  it.each([
    ['dots', grouped('.')], ['slashes', grouped('/')], ['underscores', grouped('_')], ['commas', grouped(',')],
    ['U+00A0', grouped('\u00A0')], ['U+202F', grouped('\u202F')], ['en dashes', grouped('\u2013')],
    ['fullwidth digits', [...PAN].map((d) => String.fromCodePoint(0xff10 + Number(d))).join('')],
    ['Arabic-Indic digits', [...PAN].map((d) => String.fromCodePoint(0x0660 + Number(d))).join('')],
    ['a colon', `${PAN.slice(0, 8)}:${PAN.slice(8)}`], ['other digits around it', `ref 1 ${PAN}`],
  ])('refuses a card number written with %s: bad-request, the reason kept nowhere', async (_name, reason) => {
    const { contactId } = await capturedContact();
    const before = kms.calls.Decrypt;
    expect(await invoke(byContact(contactId, { reason, reveal: true }))).toEqual({ Status: 'ERROR', Code: 'bad-request', Message: 'the reason must not hold a card number' });
    expect(lastAudit()).toMatchObject({ reason: null, outcome: 'bad-request' });
    expect(kms.calls.Decrypt).toBe(before);
    // Whole runs only: the 4-digit groups of the number would also match the hex of random contact ids.
    const everything = output.text() + logs.messages(AUDIT_GROUP).join('\n');
    for (const secret of [reason, PAN, ...secretsIn([reason]).filter((s) => s.length >= 8)]) expect(everything).not.toContain(secret);
  });

  it.each([
    ['U+3164', '\u3164\u3164\u3164'], ['U+2800', '\u2800\u2800\u2800'], ['U+115F', '\u115F\u115F\u115F'],
    ['combining marks only', '\u0301\u0302\u0303'], ['a line separator', 'ab\u2028'],
  ])('refuses a reason that reads as blank: %s', async (_name, reason) => {
    expect(await invoke(byContact(randomUUID(), { reason }))).toMatchObject({ Status: 'ERROR', Code: 'bad-request', Message: expect.stringMatching(/visible letters or digits|one line only/) });
    expect(lastAudit().reason).toBeNull();
  });

  it.each([['INC 2024-11-23 1234567'], ['case 12345678-90123']])('accepts and records the legitimate reason %j', async (reason) => {
    const { contactId } = await capturedContact();
    expect(await invoke(byContact(contactId, { reason }))).toMatchObject({ Status: 'OK' });
    expect(lastAudit()).toMatchObject({ reason, outcome: 'ok' });
  });
});

describe('audit', () => {
  it('writes exactly one record per request, refused or not, with who, what, why and how it ended', async () => {
    const { contactId } = await capturedContact();
    const before = auditRecords().length;
    await handler(byContact(contactId, { fields: ['card-number'] }), { awsRequestId: 'req-1', identity: { cognitoIdentityId: 'us-east-1:abc', cognitoIdentityPoolId: 'us-east-1:pool' } });
    await handler(byContact(contactId, { reason: '' }), { awsRequestId: 'req-2' });
    expect(auditRecords().slice(before)).toEqual([
      {
        type: 'secure-input-decrypt', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), requestId: 'req-1', environment: 'dev', contactId,
        source: 'contact', fields: ['card-number'], reason: REASON, display: 'masked', outcome: 'ok',
        caller: { cognitoIdentityId: 'us-east-1:abc', cognitoIdentityPoolId: 'us-east-1:pool' },
      },
      {
        type: 'secure-input-decrypt', time: expect.any(String), requestId: 'req-2', environment: 'dev', contactId,
        source: 'contact', fields: ['card-number', 'zip'], reason: null, display: 'masked', outcome: 'bad-request', errorClass: 'bad-request', caller: null,
      },
    ]);
  });

  it('withholds the value when the audit record cannot be written', async () => {
    const { contactId } = await capturedContact();
    logs.mode = 'deny';
    const answer = await invoke(byContact(contactId, { reveal: true }));
    expect(answer).toEqual({ Status: 'ERROR', Code: 'access-denied', Message: expect.stringMatching(/audit record could not be written/) });
    expect(output.text()).toContain('"errorClass":"logs/AccessDeniedException"');
  });

  it('a misconfigured function refuses every request instead of crashing', async () => {
    const saved = process.env[DECRYPT_ENV.connectInstanceId];
    delete process.env[DECRYPT_ENV.connectInstanceId];
    resetRuntimeForTests();
    try {
      expect(await invoke(byContact(randomUUID()))).toEqual({ Status: 'ERROR', Code: 'kms-unavailable', Message: 'the decrypt function is misconfigured: CONNECT_INSTANCE_ID must be a Connect instance id' });
      expect(output.text()).toContain('"errorClass":"misconfigured"');
    } finally {
      process.env[DECRYPT_ENV.connectInstanceId] = saved;
      resetRuntimeForTests();
    }
  });
});
