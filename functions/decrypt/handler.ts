import { CiphertextError, decryptField } from '../shared/ciphertext';
import { lazyContainerRuntime } from '../shared/container-runtime';
import { APPLICATION, CONTEXT_KEYS } from '../shared/encryption-context';
import { createLogger, errorName } from '../shared/logger';
import { SECURE_FIELDS } from '../shared/secure-fields';
import { readDecryptRequest } from './decrypt-event';

export type DecryptResult = { Status: 'OK'; Field: string; Data: string } | { Status: 'ERROR'; Message: string };

const logger = createLogger('secure-input-decrypt');

const getRuntime = lazyContainerRuntime();

/** Messages name what went wrong, never the ciphertext or the plaintext. */
const refuse = (Message: string, outcome: string, error?: string): DecryptResult => {
  logger.warn('decrypt refused', { outcome, ...(error ? { error } : {}) });
  return { Status: 'ERROR', Message };
};

/** Decrypts one value for an authorized operator, after checking it belongs to this application and environment. */
export async function handler(event: unknown): Promise<DecryptResult> {
  try {
    const request = readDecryptRequest(event);
    if (request.encrypted === undefined) return refuse('missing parameter: encrypted', 'missing');
    if (request.field !== undefined && !SECURE_FIELDS.some((s) => s.field === request.field)) {
      return refuse('unknown field requested', 'unknown-field');
    }
    const { config, keyring } = getRuntime();
    const { plaintext, context } = await decryptField(keyring, request.encrypted);
    const field = context[CONTEXT_KEYS.field];
    if (context[CONTEXT_KEYS.application] !== APPLICATION) return refuse('ciphertext belongs to another application', 'wrong-application');
    if (context[CONTEXT_KEYS.environment] !== config.environment) return refuse('ciphertext belongs to another environment', 'wrong-environment');
    const spec = SECURE_FIELDS.find((s) => s.field === field);
    if (!spec) return refuse('ciphertext names no known field', 'unknown-field');
    if (request.field !== undefined && request.field !== field) return refuse('ciphertext holds a different field than requested', 'wrong-field');
    logger.info('decrypted', { field, outcome: 'ok' });
    return { Status: 'OK', Field: field!, Data: plaintext };
  } catch (err) {
    if (err instanceof CiphertextError) return refuse(err.message, 'malformed');
    return refuse('ciphertext could not be decrypted with this environment\'s key', 'decrypt-failed', errorName(err));
  }
}
