import type { LexV2Result } from 'aws-lambda';
import { encryptField } from '../shared/ciphertext';
import { lazyContainerRuntime } from '../shared/container-runtime';
import { readDigits } from '../shared/digits';
import { createLogger, errorName } from '../shared/logger';
import { ATTEMPTS_ATTRIBUTE, FIELD_ATTRIBUTE, MAX_RETRIES, STATUS, STATUS_ATTRIBUTE, type SecureFieldSpec } from '../../contract/secure-fields';
import { readCaptureRequest } from './lex-event';
import { closeIntent, elicitSlot } from './lex-response';
import { FAILED_MESSAGE, retryPrompt, type RetryReason } from './prompts';

const logger = createLogger('secure-input-encrypt');

const getRuntime = lazyContainerRuntime();

/**
 * The Lex V2 code hook of both capture intents and FallbackIntent. The flow names the field its bot
 * block captures (session attribute `secure_input_field`); whatever intent Lex classified, the hook
 * steers the dialog to that field's slot and encrypts only that slot of that field's own intent. It
 * answers with its own attributes only: the field, the status, the attempt count and, once captured,
 * this field's ciphertext (docs/dialog.md).
 */
export async function handler(event: unknown): Promise<LexV2Result> {
  try {
    return await capture(event);
  } catch (err) {
    // Unreachable by design (capture guards every read); a last line that still answers Lex.
    logger.error('capture crashed', { error: errorName(err) });
    return closeIntent('FallbackIntent', 'Failed', { [STATUS_ATTRIBUTE]: STATUS.error });
  }
}

const owned = (spec: SecureFieldSpec, status: string, attempts: number, ciphertext?: string): Record<string, string> => ({
  [FIELD_ATTRIBUTE]: spec.field,
  [STATUS_ATTRIBUTE]: status,
  [ATTEMPTS_ATTRIBUTE]: String(attempts),
  ...(ciphertext === undefined ? {} : { [spec.sessionAttribute]: ciphertext }),
});

async function capture(event: unknown): Promise<LexV2Result> {
  const request = readCaptureRequest(event);
  const spec = request.expected;
  if (!spec) {
    logger.warn('capture ended', { field: 'none', outcome: 'no-expected-field' });
    return closeIntent('FallbackIntent', 'Failed', { [STATUS_ATTRIBUTE]: STATUS.error }, undefined, FAILED_MESSAGE);
  }
  const fail = (status: string, outcome: string, attempts: number, extra: Record<string, unknown> = {}) => {
    logger.warn('capture ended', { field: spec.field, outcome, ...extra });
    return closeIntent(spec.intent, 'Failed', owned(spec, status, attempts), spec.slot, FAILED_MESSAGE);
  };
  // An attempt count that is not an integer 0..MAX_RETRIES is spent, never a fresh start.
  if (request.attempts === undefined) return fail(STATUS.invalid, 'attempts-unreadable', MAX_RETRIES + 1);
  const attempts = request.attempts;
  const retry = (reason: RetryReason) => {
    const next = attempts + 1;
    if (next > MAX_RETRIES) return fail(STATUS.invalid, 'invalid', next, { reason, attempts: next });
    logger.info('capture retry', { field: spec.field, reason, attempts: next });
    return elicitSlot(spec.intent, spec.slot, owned(spec, STATUS.eliciting, next), retryPrompt(spec, reason));
  };

  const hasValue = request.slotValue !== undefined && request.slotValue !== null;
  if (!hasValue) {
    // The block's first turn: ask for the slot with its own prompt and keypad settings, whatever Lex
    // classified. Afterwards a turn without this field's value (FallbackIntent, another intent, a value
    // the slot type refused) is a failed attempt.
    if (!request.elicited) return elicitSlot(spec.intent, spec.slot, owned(spec, STATUS.eliciting, attempts));
    return retry('unrecognized');
  }

  const digits = readDigits(request.slotValue, spec);
  if (!digits.ok) return retry(digits.reason);
  if (!request.contactId) return fail(STATUS.error, 'no-contact-id', attempts);

  try {
    const { config, keyring } = getRuntime();
    const ciphertext = await encryptField(keyring, digits.digits, { environment: config.environment, field: spec.field, contactId: request.contactId });
    logger.info('capture encrypted', { field: spec.field, outcome: 'captured' });
    return closeIntent(spec.intent, 'Fulfilled', owned(spec, STATUS.captured, attempts, ciphertext), spec.slot);
  } catch (err) {
    return fail(STATUS.error, 'encrypt-failed', attempts, { error: errorName(err) });
  }
}
