import type { LexV2Result } from 'aws-lambda';
import { encryptField } from '../shared/ciphertext';
import { lazyContainerRuntime } from '../shared/container-runtime';
import { readDigits } from '../shared/digits';
import { createLogger, errorName } from '../shared/logger';
import { ATTEMPTS_ATTRIBUTE, MAX_RETRIES, STATUS, STATUS_ATTRIBUTE } from '../shared/secure-fields';
import { readCaptureRequest } from './lex-event';
import { closeIntent, delegate, elicitAgain } from './lex-response';
import { FAILED_MESSAGE, retryPrompt } from './prompts';

const logger = createLogger('secure-input-encrypt');

const getRuntime = lazyContainerRuntime();

/** The Lex V2 code hook: validates the captured digits and answers with their ciphertext only. */
export async function handler(event: unknown): Promise<LexV2Result> {
  try {
    return await capture(event);
  } catch (err) {
    // Unreachable by design (capture guards every read); a last line that still answers Lex.
    logger.error('capture crashed', { error: errorName(err) });
    return closeIntent('FallbackIntent', 'Failed', { [STATUS_ATTRIBUTE]: STATUS.error });
  }
}

async function capture(event: unknown): Promise<LexV2Result> {
  const request = readCaptureRequest(event);
  const { intentName, spec, carried } = request;
  const fail = (status: string, outcome: string, extra: Record<string, unknown> = {}) => {
    logger.warn('capture ended', { field: spec?.field ?? 'none', outcome, ...extra });
    return closeIntent(intentName, 'Failed', { ...carried, [STATUS_ATTRIBUTE]: status }, spec?.slot, FAILED_MESSAGE);
  };
  if (!spec) return fail(STATUS.error, 'unknown-intent');
  if (request.slotValue === undefined || request.slotValue === null) {
    return delegate(intentName, spec.slot, { ...carried, [ATTEMPTS_ATTRIBUTE]: String(request.attempts) });
  }

  const digits = readDigits(request.slotValue, spec);
  if (!digits.ok) {
    const attempts = request.attempts + 1;
    if (attempts > MAX_RETRIES) return fail(STATUS.invalid, 'invalid', { reason: digits.reason, attempts });
    logger.info('capture retry', { field: spec.field, reason: digits.reason, attempts });
    return elicitAgain(intentName, spec.slot, { ...carried, [ATTEMPTS_ATTRIBUTE]: String(attempts) }, retryPrompt(spec, digits.reason));
  }
  if (!request.contactId) return fail(STATUS.error, 'no-contact-id');

  try {
    const { config, keyring } = getRuntime();
    const ciphertext = await encryptField(keyring, digits.digits, { environment: config.environment, field: spec.field, contactId: request.contactId });
    logger.info('capture encrypted', { field: spec.field, outcome: 'captured' });
    return closeIntent(intentName, 'Fulfilled', { ...carried, [spec.sessionAttribute]: ciphertext, [STATUS_ATTRIBUTE]: STATUS.captured }, spec.slot);
  } catch (err) {
    return fail(STATUS.error, 'encrypt-failed', { error: errorName(err) });
  }
}
