// The Decrypt function through the real @aws-sdk/client-connect, client-kms and client-cloudwatch-logs,
// over HTTP to stand-ins on 127.0.0.1.
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decryptField, encryptField, type FieldContext } from '../shared/ciphertext';
import type { SecureField } from '../../contract/encryption-context';
import { createKeyring } from '../shared/kms-keyring';
import { captureOutput, secretsIn, type CapturedOutput } from '../../stand-ins/capture-output';
import { startConnectStandIn, type ConnectStandIn } from '../../stand-ins/connect-stand-in';
import { startKmsStandIn, useStandIn, type KmsStandIn } from '../../stand-ins/kms-stand-in';
import { startLogsStandIn, type LogsStandIn } from '../../stand-ins/logs-stand-in';
import type { AuditRecord } from './audit-log';
import { DECRYPT_ENV } from '../../contract/decrypt-env';
import { handler, resetRuntimeForTests } from './handler';
import { readFraming } from './strict-message';
import { buildEncrypt } from '@aws-crypto/encrypt-node';
import { AlgorithmSuiteIdentifier, CommitmentPolicy } from '@aws-crypto/material-management-node';

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
const FUNCTION_ARN = 'arn:aws:lambda:us-east-1:111122223333:function:secure-input-dev-decrypt';
/** As Lambda calls the function: a request id, the ARN it was invoked by, and optionally the time left. */
const contextOf = (over: Partial<Context> = {}): Partial<Context> => ({ awsRequestId: `req-${randomUUID()}`, invokedFunctionArn: FUNCTION_ARN, ...over });
const invoke = (event: unknown, over: Partial<Context> = {}) => handler(event, contextOf(over));

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
    await handler(byContact(contactId, { fields: ['card-number'] }), contextOf({ awsRequestId: 'req-1', identity: { cognitoIdentityId: 'us-east-1:abc', cognitoIdentityPoolId: 'us-east-1:pool' } }));
    await handler(byContact(contactId, { reason: '' }), contextOf({ awsRequestId: 'req-2', invokedFunctionArn: `${FUNCTION_ARN}:smoke` }));
    expect(auditRecords().slice(before)).toEqual([
      {
        type: 'secure-input-decrypt', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), requestId: 'req-1', environment: 'dev', qualifier: null, contactId,
        source: 'contact', fields: ['card-number'], reason: REASON, display: 'masked', outcome: 'ok',
        caller: { cognitoIdentityId: 'us-east-1:abc', cognitoIdentityPoolId: 'us-east-1:pool' },
      },
      {
        type: 'secure-input-decrypt', time: expect.any(String), requestId: 'req-2', environment: 'dev', qualifier: 'smoke', contactId,
        source: 'contact', fields: ['card-number', 'zip'], reason: null, display: 'masked', outcome: 'bad-request', errorClass: 'bad-request', caller: null,
      },
    ]);
  });

  it.each([
    ['denied', 'deny', 'logs/AccessDeniedException'],
    ['answered 200 with rejectedLogEventsInfo.tooNewLogEventStartIndex', 'reject-too-new', 'logs/rejected-too-new'],
    ['answered 200 with rejectedLogEventsInfo.tooOldLogEventEndIndex', 'reject-too-old', 'logs/rejected-too-old'],
    ['answered 200 with rejectedLogEventsInfo.expiredLogEventEndIndex', 'reject-expired', 'logs/rejected-expired'],
    ['answered 200 with rejectedEntityInfo (the event may be stored)', 'reject-entity', 'logs/rejected-entity'],
    ['lost the new stream too after a lost stream', 'streams-vanish', 'logs/ResourceNotFoundException'],
  ] as const)('withholds the value when PutLogEvents is %s', async (_name, mode, errorClass) => {
    const { contactId } = await capturedContact();
    logs.mode = mode;
    const answer = await invoke(byContact(contactId, { reveal: true }));
    expect(answer).toEqual({ Status: 'ERROR', Code: 'access-denied', Message: 'refused: the audit record could not be written, so nothing is shown' });
    expect(output.text()).toContain(`"errorClass":"${errorClass}"`);
  });

  it('replaces a deleted stream once, in the same request, and answers', async () => {
    const { contactId } = await capturedContact();
    await invoke(byContact(contactId)); // this container has a stream now
    logs.deleteStreams(AUDIT_GROUP);
    logs.calls.length = 0;
    expect(await invoke(byContact(contactId, { reveal: true }))).toMatchObject({ Status: 'OK', Fields: { 'card-number': CARD } });
    expect(logs.calls).toEqual(['PutLogEvents', 'CreateLogStream', 'PutLogEvents']);
    expect(lastAudit()).toMatchObject({ contactId, display: 'revealed', outcome: 'ok' });
  });

  it('opens one new stream after a lost stream, then refuses; the next request starts afresh', async () => {
    const { contactId } = await capturedContact();
    await invoke(byContact(contactId));
    logs.mode = 'streams-vanish';
    logs.calls.length = 0;
    expect(await invoke(byContact(contactId, { reveal: true }))).toMatchObject({ Code: 'access-denied' });
    expect(logs.calls).toEqual(['PutLogEvents', 'CreateLogStream', 'PutLogEvents']);
    logs.mode = 'ok';
    logs.calls.length = 0;
    expect(await invoke(byContact(contactId))).toMatchObject({ Status: 'OK' });
    expect(logs.calls).toEqual(['CreateLogStream', 'PutLogEvents']);
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

describe('one deadline per request, inside the function\'s timeout (contract/decrypt-budget.ts)', () => {
  // A short budget, as Lambda gives it through getRemainingTimeInMillis: work until 65% of it (780 ms),
  // the audit write until 95% (1140 ms), the rest to return.
  const BUDGET_MS = 1200;
  const withBudget = () => {
    const ends = Date.now() + BUDGET_MS;
    return { getRemainingTimeInMillis: () => ends - Date.now() };
  };
  const timed = async (event: unknown) => {
    const started = Date.now();
    const answer = await invoke(event, withBudget());
    return { answer, elapsed: Date.now() - started };
  };
  afterEach(() => {
    kms.stallMs = connect.stallMs = logs.stallMs = 10_000;
  });

  it.each([
    ['Connect', () => { connect.mode = 'stall'; }],
    ['KMS', () => { kms.mode = 'stall'; }],
  ])('%s stalling: refused within the budget, recorded as timed-out, nothing shown', async (_name, stall) => {
    const { contactId } = await capturedContact();
    stall();
    const { answer, elapsed } = await timed(byContact(contactId, { reveal: true }));
    expect(answer).toEqual({ Status: 'ERROR', Code: 'kms-unavailable', Message: 'the request ran out of time: nothing was shown, try again later' });
    expect(elapsed).toBeLessThan(BUDGET_MS);
    expect(lastAudit()).toMatchObject({ contactId, display: 'revealed', outcome: 'timed-out', errorClass: 'timed-out' });
  });

  it('KMS answering slowly: the first field decrypts, the second runs out of time; the record says timed-out, not ok', async () => {
    const { contactId } = await capturedContact();
    kms.mode = 'stall';
    kms.stallMs = 520; // the first Decrypt answers at ~520 ms, the second (~1040 ms) is abandoned at the work deadline (780 ms)
    const before = kms.calls.Decrypt;
    const { answer, elapsed } = await timed(byContact(contactId, { reveal: true }));
    expect(kms.calls.Decrypt - before).toBe(2);
    expect(answer).toMatchObject({ Status: 'ERROR', Code: 'kms-unavailable' });
    expect(elapsed).toBeLessThan(BUDGET_MS);
    expect(lastAudit()).toMatchObject({ outcome: 'timed-out' });
  });

  it.each([
    ['CreateLogStream', 'stall-create'],
    ['PutLogEvents', 'stall-put'],
  ] as const)('%s stalling: the value is withheld within the budget and no record claims it was shown', async (_name, mode) => {
    resetRuntimeForTests(); // a container without a stream yet
    const { contactId } = await capturedContact();
    const records = auditRecords().length;
    logs.mode = mode;
    const { answer, elapsed } = await timed(byContact(contactId, { reveal: true }));
    expect(answer).toMatchObject({ Status: 'ERROR', Code: 'access-denied' });
    expect(elapsed).toBeLessThan(BUDGET_MS);
    expect(auditRecords().length).toBe(records);
    expect(output.text()).toContain('audit record not written');
  });

  it('a PutLogEvents that stores but answers too late: the value is withheld (the record then over-reports; docs/operators-decrypt.md)', async () => {
    const { contactId } = await capturedContact();
    await invoke(byContact(contactId));
    logs.mode = 'slow-put';
    const { answer, elapsed } = await timed(byContact(contactId, { reveal: true }));
    expect(answer).toMatchObject({ Status: 'ERROR', Code: 'access-denied' });
    expect(JSON.stringify(answer)).not.toContain(CARD);
    expect(elapsed).toBeLessThan(BUDGET_MS);
  });

  it('a request that starts with no time left shows nothing, whatever it asked for', async () => {
    const { contactId } = await capturedContact();
    for (const left of [0, 1]) {
      const answer = await invoke(byContact(contactId, { reveal: true }), { getRemainingTimeInMillis: () => left });
      expect(answer).toMatchObject({ Status: 'ERROR' });
      expect(JSON.stringify(answer)).not.toContain('1111');
    }
  });
});

describe('the encryption context is exactly the four keys', () => {
  const SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;
  const { encrypt } = buildEncrypt(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
  const contextOfContact = (contactId: string, field: SecureField) =>
    ({ application: 'secure-lex-input', environment: 'dev', field, 'contact-id': contactId });

  it('the Encryption SDK writes no key of its own with this suite: the message holds exactly the four', async () => {
    const contactId = randomUUID();
    const message = Buffer.from(await seal(CARD, { contactId }), 'base64');
    expect(readFraming(message).context).toEqual(contextOfContact(contactId, 'card-number'));
    expect(kms.contexts.at(-1)).toEqual(contextOfContact(contactId, 'card-number'));
  });

  it('refuses, without a KMS call, a ciphertext whose context holds a fifth key', async () => {
    const contactId = randomUUID();
    const { result } = await encrypt(createKeyring(kms.keyArn), CARD, { encryptionContext: { ...contextOfContact(contactId, 'card-number'), purpose: 'x' }, suiteId: SUITE });
    const encrypted = result.toString('base64');
    ciphertexts.push(encrypted);
    fed.push(CARD);
    const before = kms.calls.Decrypt;
    expect(await invoke(byContact(contactId, { field: 'card-number', encrypted, reveal: true }))).toEqual({
      Status: 'ERROR', Code: 'context-mismatch', Message: 'the ciphertext\'s encryption context holds keys this project does not write',
    });
    expect(lastAudit()).toMatchObject({ outcome: 'context-mismatch', errorClass: 'context-extra-key' });
    expect(kms.calls.Decrypt).toBe(before);
    // Behind the handler's check, the key policy's kms:EncryptionContextKeys condition (modelled by the
    // stand-in) refuses KMS Decrypt of that message to anyone who skips it.
    kms.allowedContextKeys = ['application', 'environment', 'field', 'contact-id'];
    try {
      await expect(decryptField(createKeyring(kms.keyArn), encrypted)).rejects.toThrow();
      expect(kms.calls.Decrypt).toBe(before + 1);
    } finally {
      kms.allowedContextKeys = undefined;
    }
  });
});

describe('the smoke alias never reveals (contract/decrypt-invocation.ts)', () => {
  it('refuses reveal through the smoke alias before any call, and records the qualifier', async () => {
    const { contactId } = await capturedContact();
    const before = { kms: kms.calls.Decrypt, connect: connect.requests.length };
    expect(await invoke(byContact(contactId, { reveal: true }), { invokedFunctionArn: `${FUNCTION_ARN}:smoke` })).toEqual({
      Status: 'ERROR', Code: 'access-denied', Message: 'reveal refused: the smoke alias never reveals',
    });
    expect({ kms: kms.calls.Decrypt, connect: connect.requests.length }).toEqual(before);
    expect(lastAudit()).toMatchObject({ qualifier: 'smoke', display: 'revealed', outcome: 'access-denied', errorClass: 'smoke-alias-reveal' });
  });

  it('answers masked through the smoke alias', async () => {
    const { contactId } = await capturedContact();
    expect(await invoke(byContact(contactId), { invokedFunctionArn: `${FUNCTION_ARN}:smoke` })).toMatchObject({ Status: 'OK', Fields: { 'card-number': '************1111' } });
    expect(lastAudit()).toMatchObject({ qualifier: 'smoke', outcome: 'ok' });
  });

  it.each([
    ['no invoked ARN', undefined],
    ['an ARN that is not a function\'s', 'arn:aws:lambda:us-east-1:111122223333:layer:x'],
    ['garbage', 'smoke'],
  ])('refuses reveal when the invoked ARN is unreadable: %s', async (_name, invokedFunctionArn) => {
    const { contactId } = await capturedContact();
    expect(await handler(byContact(contactId, { reveal: true }), { awsRequestId: 'r', invokedFunctionArn })).toMatchObject({ Code: 'access-denied', Message: 'reveal refused: the function could not tell how it was invoked' });
    expect(await handler(byContact(contactId), { awsRequestId: 'r', invokedFunctionArn })).toMatchObject({ Status: 'OK' });
  });

  it('reveals through the function itself and through a version', async () => {
    const { contactId } = await capturedContact();
    for (const arn of [FUNCTION_ARN, `${FUNCTION_ARN}:7`, `${FUNCTION_ARN}:$LATEST`]) {
      expect(await invoke(byContact(contactId, { reveal: true, fields: ['zip'] }), { invokedFunctionArn: arn })).toMatchObject({ Status: 'OK', Fields: { zip: ZIP } });
    }
  });
});
