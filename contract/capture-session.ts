// The session-attribute contract between the contact flow and the Encrypt code hook (docs/dialog.md).
// Each bot block sends everything the hook reads and the flow checks: nothing is assumed to carry over
// from an earlier block, and what might carry over (the Lex session may outlive a block) is reset.
import { inputSessionAttributes } from './capture-input';
import { ATTEMPTS_ATTRIBUTE, FIELD_ATTRIBUTE, STATUS, STATUS_ATTRIBUTE, type SecureFieldSpec } from './secure-fields';

/**
 * Session attribute carrying the contact the ciphertext is bound to (the encryption context's
 * `contact-id`). No AWS page says that the Lex session id is Connect's contact id, so the flow passes
 * it explicitly and the hook never reads the session id.
 */
export const CONTACT_ID_ATTRIBUTE = 'secure_input_contact_id';
/**
 * What the flow puts there: the contact's initial contact id (equal to its contact id unless the contact
 * was transferred). Decrypt reads a contact's attributes with GetContactAttributes, which takes
 * `InitialContactId`, and checks the context against that same id. The hook refuses a value that is not
 * a contact id (CONTACT_ID_PATTERN, contact-id.ts).
 */
export const FLOW_CONTACT_ID = '$.InitialContactId';

/**
 * The reset value of a field's ciphertext attribute. Not empty: CreateContactFlow is reported to refuse
 * empty parameter values (docs/dialog.md). It is no ciphertext, so the flow's prefix check refuses it.
 */
export const CIPHERTEXT_RESET = 'none';

/**
 * `LexSessionAttributes` of the bot block that captures `spec`. `contactId` is `FLOW_CONTACT_ID` in the
 * flow, which Connect resolves; a direct client of the bot (the smoke test) passes the id itself.
 */
export function blockSessionAttributes(spec: SecureFieldSpec, contactId: string): Record<string, string> {
  return {
    [FIELD_ATTRIBUTE]: spec.field,
    [STATUS_ATTRIBUTE]: STATUS.pending,
    [ATTEMPTS_ATTRIBUTE]: '0',
    [CONTACT_ID_ATTRIBUTE]: contactId,
    [spec.sessionAttribute]: CIPHERTEXT_RESET,
    ...inputSessionAttributes(spec),
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
