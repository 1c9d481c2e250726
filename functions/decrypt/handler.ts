// The operator-only Decrypt function: reads one contact's ciphertexts (or one pasted ciphertext), checks
// each is bound to this application, environment, field and contact, decrypts, masks unless asked to
// reveal, and writes one audit record per request. The event contract is in docs/operators-decrypt.md.
import type { Context } from 'aws-lambda';
import type { ConnectClient } from '@aws-sdk/client-connect';
import { CiphertextError, decryptField } from '../shared/ciphertext';
import { APPLICATION, CONTEXT_KEYS, type SecureField } from '../../contract/encryption-context';
import { createLogger } from '../shared/logger';
import { regionOf } from '../shared/kms-keyring';
import { SECURE_FIELDS } from '../../contract/secure-fields';
import { SMOKE_ALIAS, parseInvokedArn } from '../../contract/decrypt-invocation';
import type { DecryptAnswer } from '../../contract/decrypt-answer';
import { cloudWatchAuditWriter, AuditWriteError, type AuditRecord, type AuditWriter } from './audit-log';
import { createConnectClient, readContactAttributes } from './contact-attributes';
import { Refusal } from './decrypt-answer';
import { readDecryptConfig, type DecryptConfig } from './decrypt-config';
import { DeadlineExceeded, requestDeadline, withinDeadline, type RequestDeadline } from './deadline';
import { readDecryptRequest, type DecryptRequest, type RequestSummary } from './decrypt-event';
import { hasFieldFormat, maskValue } from './field-format';
import { observedKeyring, type ObservedKeyring } from './kms-calls';
import { serviceRefusal } from './service-errors';
import { messageBytes, readFraming } from './strict-message';

const logger = createLogger('secure-input-decrypt');

interface Runtime {
  config: DecryptConfig;
  kms: ObservedKeyring;
  connect: ConnectClient;
  audit: AuditWriter;
}

// One configuration and set of clients per container, made on first use, so a misconfigured function
// answers every call with a refusal instead of failing at import.
let runtime: Runtime | undefined;
const getRuntime = (): Runtime => {
  if (!runtime) {
    let config: DecryptConfig;
    try {
      config = readDecryptConfig();
    } catch (err) {
      // The message names the variable, never a value.
      throw new Refusal('kms-unavailable', `the decrypt function is misconfigured: ${(err as Error).message}`, 'misconfigured');
    }
    runtime = { config, kms: observedKeyring(config.keyArn), connect: createConnectClient(regionOf(config.keyArn)), audit: cloudWatchAuditWriter(config.auditLogGroup) };
  }
  return runtime;
};

const specOf = (field: SecureField) => SECURE_FIELDS.find((s) => s.field === field)!;

/**
 * The context a message of this contact and field must carry: exactly these four keys, entry for entry. A
 * message with any other key is refused too (the key policy and the roles' policies refuse it at KMS as
 * well: kms:EncryptionContextKeys, stacks/policies/key-policy.ts).
 */
function checkContext(context: Readonly<Record<string, string>>, config: DecryptConfig, contactId: string, field: SecureField): void {
  const expected: Record<string, string> = {
    [CONTEXT_KEYS.application]: APPLICATION,
    [CONTEXT_KEYS.environment]: config.environment,
    [CONTEXT_KEYS.field]: field,
    [CONTEXT_KEYS.contact]: contactId,
  };
  for (const [key, value] of Object.entries(expected)) {
    if (context[key] !== value) {
      throw new Refusal('context-mismatch', `the ciphertext is not this contact's ${field}: its ${key} differs`, `context-${key}`);
    }
  }
  if (Object.keys(context).some((key) => !(key in expected))) {
    throw new Refusal('context-mismatch', 'the ciphertext\'s encryption context holds keys this project does not write', 'context-extra-key');
  }
}

async function decryptOne(rt: Runtime, base64: string, fromOperator: boolean, contactId: string, field: SecureField, workEndsAt: number): Promise<string> {
  const bytes = messageBytes(base64, fromOperator ? 'bad-request' : 'corrupt');
  const framing = readFraming(bytes);
  checkContext(framing.context, rt.config, contactId, field);
  if (framing.keyIds.length !== 1 || framing.keyIds[0] !== rt.config.keyArn) {
    throw new Refusal('context-mismatch', 'the ciphertext was not made with this environment\'s key', 'foreign-key');
  }
  rt.kms.reset(workEndsAt);
  let decrypted: Awaited<ReturnType<typeof decryptField>>;
  try {
    decrypted = await decryptField(rt.kms.keyring, base64);
  } catch (err) {
    const kmsError = rt.kms.lastError();
    const damaged = new Refusal('corrupt', 'the ciphertext could not be decrypted: it is damaged or was altered', err instanceof CiphertextError ? 'malformed' : 'decrypt-failed');
    throw kmsError ? serviceRefusal(kmsError, 'kms', damaged) : damaged;
  }
  // Now authenticated: the header the checks above read is the one KMS and the SDK verified.
  checkContext(decrypted.context, rt.config, contactId, field);
  if (!hasFieldFormat(decrypted.plaintext, specOf(field))) {
    throw new Refusal('corrupt', `the decrypted ${field} does not have the ${field} format`, 'wrong-format');
  }
  return decrypted.plaintext;
}

async function answer(rt: Runtime, request: DecryptRequest, workEndsAt: number): Promise<Partial<Record<SecureField, string>>> {
  let ciphertexts: [SecureField, string, boolean][];
  if (request.source === 'ciphertext') {
    ciphertexts = [[request.fields[0], request.encrypted, true]];
  } else {
    const attributes = await readContactAttributes(rt.connect, rt.config.connectInstanceId, request.contactId, workEndsAt);
    ciphertexts = request.fields.map((field) => {
      const value = attributes[specOf(field).contactAttribute];
      if (!value) throw new Refusal('not-found', `the contact holds no ${field}`, `missing-${field}`);
      return [field, value, false];
    });
  }
  const fields: Partial<Record<SecureField, string>> = {};
  for (const [field, base64, fromOperator] of ciphertexts) {
    const plaintext = await decryptOne(rt, base64, fromOperator, request.contactId, field, workEndsAt);
    fields[field] = request.reveal ? plaintext : maskValue(plaintext, field);
  }
  return fields;
}

const refusalOf = (err: unknown): Refusal =>
  err instanceof Refusal ? err : new Refusal('kms-unavailable', 'the decrypt function failed: nothing was decrypted, try again later', err instanceof Error && /^[A-Za-z]{1,64}$/.test(err.name) ? err.name : 'Error');

const TIMED_OUT = 'timed-out';
const timedOut = () => new Refusal('kms-unavailable', 'the request ran out of time: nothing was shown, try again later', TIMED_OUT);

/**
 * Refuses `reveal` unless Lambda says the function itself (or a version or alias other than the smoke
 * test's) was invoked. Fails closed: an invoked ARN that cannot be read refuses reveal too.
 */
function checkReveal(request: DecryptRequest, invoked: ReturnType<typeof parseInvokedArn>): void {
  if (!request.reveal) return;
  if (!invoked) throw new Refusal('access-denied', 'reveal refused: the function could not tell how it was invoked', 'invoked-arn-unreadable');
  if (invoked.qualifier === SMOKE_ALIAS) throw new Refusal('access-denied', `reveal refused: the ${SMOKE_ALIAS} alias never reveals`, 'smoke-alias-reveal');
}

/** The fields, or a refusal; a request that runs out of its work budget is refused as timed out. */
async function work(rt: Runtime, request: DecryptRequest, deadline: RequestDeadline): Promise<Partial<Record<SecureField, string>>> {
  try {
    const fields = await withinDeadline(answer(rt, request, deadline.workEndsAt), deadline.workEndsAt);
    if (Date.now() >= deadline.workEndsAt) throw timedOut(); // done, but into the audit write's share
    return fields;
  } catch (err) {
    // An AWS call abandoned at the deadline fails as unavailable: it is the budget that ran out.
    if (err instanceof DeadlineExceeded || (Date.now() >= deadline.workEndsAt && refusalOf(err).code === 'kms-unavailable')) throw timedOut();
    throw err;
  }
}

/** Answers one operator request; every request, refused or not, leaves exactly one audit record. */
export async function handler(event: unknown, context?: Partial<Context>): Promise<DecryptAnswer> {
  const deadline = requestDeadline(context);
  const invoked = parseInvokedArn(context?.invokedFunctionArn);
  const summary: RequestSummary = {};
  let result: DecryptAnswer;
  let refusal: Refusal | undefined;
  let rt: Runtime | undefined;
  try {
    rt = getRuntime();
    const request = readDecryptRequest(event, summary);
    checkReveal(request, invoked);
    result = { Status: 'OK', ContactId: request.contactId, Fields: await work(rt, request, deadline) };
  } catch (err) {
    refusal = refusalOf(err);
    result = { Status: 'ERROR', Code: refusal.code, Message: refusal.message };
  }
  const record: AuditRecord = {
    type: 'secure-input-decrypt',
    time: new Date().toISOString(),
    requestId: context?.awsRequestId ?? null,
    environment: rt?.config.environment ?? null,
    qualifier: invoked?.qualifier ?? null,
    contactId: summary.contactId ?? null,
    source: summary.source ?? null,
    fields: summary.fields ?? [],
    reason: summary.reason ?? null,
    display: summary.reveal ? 'revealed' : 'masked',
    outcome: refusal ? (refusal.errorClass === TIMED_OUT ? TIMED_OUT : refusal.code) : 'ok',
    ...(refusal ? { errorClass: refusal.errorClass } : {}),
    caller: context?.identity?.cognitoIdentityId ? { cognitoIdentityId: context.identity.cognitoIdentityId, cognitoIdentityPoolId: context.identity.cognitoIdentityPoolId } : null,
  };
  // The function's own log: what happened, without the reason (free text lives in the audit log only).
  const line = { requestId: record.requestId, contactId: record.contactId, fields: record.fields, display: record.display, outcome: record.outcome, ...(refusal ? { errorClass: refusal.errorClass } : {}) };
  if (refusal) logger.warn('decrypt refused', line);
  else logger.info('decrypted', line);
  if (!rt) return result; // misconfigured or malformed before any runtime: nothing decrypted, the function log has it
  try {
    await withinDeadline(rt.audit.write(record, deadline.auditEndsAt), deadline.auditEndsAt);
  } catch (err) {
    const errorClass = err instanceof AuditWriteError ? err.errorClass : err instanceof DeadlineExceeded ? 'logs/timed-out' : 'audit/Error';
    logger.error('audit record not written: answer withheld', { requestId: record.requestId, errorClass });
    return { Status: 'ERROR', Code: 'access-denied', Message: 'refused: the audit record could not be written, so nothing is shown' };
  }
  return result;
}

/** Tests only: forget the container's clients so the next call reads the environment again. */
export const resetRuntimeForTests = (): void => {
  runtime = undefined;
};
