// The session-attribute contract between the contact flow and the Encrypt code hook (docs/dialog.md).
// The Lex session id is the contact id, so attributes outlive a bot block: each block starts by
// resetting everything the hook reads and the flow checks.
import { ATTEMPTS_ATTRIBUTE, FIELD_ATTRIBUTE, STATUS, STATUS_ATTRIBUTE, type SecureFieldSpec } from './secure-fields';

/** `LexSessionAttributes` of the bot block that captures `spec`. */
export function blockSessionAttributes(spec: SecureFieldSpec): Record<string, string> {
  return {
    [FIELD_ATTRIBUTE]: spec.field,
    [STATUS_ATTRIBUTE]: STATUS.pending,
    [ATTEMPTS_ATTRIBUTE]: '0',
    [spec.sessionAttribute]: '',
  };
}

/**
 * Every ciphertext this project writes is an AWS Encryption SDK message of format version 2 (first byte
 * 0x02) with suite 0x0478 (ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY, bytes 2-3), so its base64
 * starts with these four characters. The flow stores a ciphertext attribute only when it starts so:
 * an empty, reset or stale non-ciphertext value is never stored. `ciphertext.ts` writes that suite; a
 * test encrypts for real and checks the prefix.
 */
export const MESSAGE_SUITE_ID = 0x0478;
export const CIPHERTEXT_PREFIX = Buffer.from([0x02, MESSAGE_SUITE_ID >> 8, MESSAGE_SUITE_ID & 0xff]).toString('base64');
