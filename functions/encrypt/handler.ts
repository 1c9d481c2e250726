import type { LexV2Result } from 'aws-lambda';
import { encryptField } from '../shared/ciphertext';
import { lazyContainerRuntime } from '../shared/container-runtime';
import { readDigits } from '../shared/digits';
import { createLogger, errorName } from '../shared/logger';
import { inputSessionAttributes } from '../../contract/capture-input';
import { CONTACT_ID_ATTRIBUTE } from '../../contract/capture-session';
import { ATTEMPTS_ATTRIBUTE, CAPTURE, FALLBACK_INTENT, FIELD_ATTRIBUTE, MAX_RETRIES, STATUS, STATUS_ATTRIBUTE, type SecureFieldSpec } from '../../contract/secure-fields';
import { readCaptureRequest, type CaptureRequest } from './lex-event';
import { closeIntent, elicitSlot } from './lex-response';
import { FAILED_MESSAGE, retryPrompt, type RetryReason } from './prompts';

const logger = createLogger('secure-input-encrypt');

const getRuntime = lazyContainerRuntime();

/**
 * The Lex V2 code hook of the capture intent and FallbackIntent. The flow's bot block plays the field's
 * prompt and names the field (session attribute `secure_input_field`); every turn that reaches the hook
 * is the caller's answer to it. A valid answer is encrypted, bound to the contact the flow named; any
 * other turn is a failed attempt, re-asked on the capture slot until MAX_RETRIES. The hook answers with
 * its own attributes only: the field, the status, the attempt count, the contact, the field's keypad and
 * audio settings and, once captured, this field's ciphertext (docs/dialog.md).
 */
export async function handler(event: unknown): Promise<LexV2Result> {
  try {
    return await capture(event);
  } catch (err) {
    // Unreachable by design (capture guards every read); a last line that still answers Lex.
    logger.error('capture crashed', { error: errorName(err) });
    return closeIntent(FALLBACK_INTENT, 'Failed', { [STATUS_ATTRIBUTE]: STATUS.error });
  }
}

const owned = (spec: SecureFieldSpec, request: CaptureRequest, status: string, attempts: number, ciphertext?: string): Record<string, string> => ({
  [FIELD_ATTRIBUTE]: spec.field,
  [STATUS_ATTRIBUTE]: status,
  [ATTEMPTS_ATTRIBUTE]: String(attempts),
  ...(request.contactId === undefined ? {} : { [CONTACT_ID_ATTRIBUTE]: request.contactId }),
  // "overwrite them in your Lambda function if necessary" (Lex V2 guide): the next input of this field is
  // collected under its own settings whichever source Lex honours.
  ...inputSessionAttributes(spec),
  ...(ciphertext === undefined ? {} : { [spec.sessionAttribute]: ciphertext }),
});

async function capture(event: unknown): Promise<LexV2Result> {
  const request = readCaptureRequest(event);
  const spec = request.expected;
  if (!spec) {
    logger.warn('capture ended', { field: 'none', outcome: 'no-expected-field' });
    return closeIntent(FALLBACK_INTENT, 'Failed', { [STATUS_ATTRIBUTE]: STATUS.error }, undefined, FAILED_MESSAGE);
  }
  const fail = (status: string, outcome: string, attempts: number, extra: Record<string, unknown> = {}) => {
    logger.warn('capture ended', { field: spec.field, outcome, ...extra });
    return closeIntent(CAPTURE.intent, 'Failed', owned(spec, request, status, attempts), CAPTURE.slot, FAILED_MESSAGE);
  };
  // An attempt count that is not an integer 0..MAX_RETRIES is spent, never a fresh start.
  if (request.attempts === undefined) return fail(STATUS.invalid, 'attempts-unreadable', MAX_RETRIES + 1);
  // Without the contact there is nothing to bind a ciphertext to: nothing is read, nothing encrypted.
  if (!request.contactId) return fail(STATUS.error, 'no-contact-id', request.attempts);
  const attempts = request.attempts;
  const retry = (reason: RetryReason) => {
    const next = attempts + 1;
    if (next > MAX_RETRIES) return fail(reason === 'no-input' ? STATUS.noInput : STATUS.invalid, reason === 'no-input' ? 'no-input' : 'invalid', next, { reason, attempts: next });
    logger.info('capture retry', { field: spec.field, reason, attempts: next });
    return elicitSlot(CAPTURE.intent, CAPTURE.slot, owned(spec, request, STATUS.eliciting, next), retryPrompt(spec, reason));
  };

  // FallbackIntent, the capture intent with its slot empty, or a turn without input: a failed attempt.
  if (request.slotValue === undefined || request.slotValue === null) return retry(request.silent ? 'no-input' : 'unrecognized');

  const digits = readDigits(request.slotValue, spec);
  if (!digits.ok) return retry(digits.reason);

  try {
    const { config, keyring } = getRuntime();
    const ciphertext = await encryptField(keyring, digits.digits, { environment: config.environment, field: spec.field, contactId: request.contactId });
    logger.info('capture encrypted', { field: spec.field, outcome: 'captured' });
    return closeIntent(CAPTURE.intent, 'Fulfilled', owned(spec, request, STATUS.captured, attempts, ciphertext), CAPTURE.slot);
  } catch (err) {
    return fail(STATUS.error, 'encrypt-failed', attempts, { error: errorName(err) });
  }
}
