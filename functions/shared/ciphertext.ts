import { buildDecrypt } from '@aws-crypto/decrypt-node';
import { buildEncrypt } from '@aws-crypto/encrypt-node';
import { AlgorithmSuiteIdentifier, CommitmentPolicy, type KeyringNode } from '@aws-crypto/material-management-node';
import { APPLICATION, CONTEXT_KEYS, type SecureField } from '../../contract/encryption-context';

// Key commitment on both sides. The suite is the committing one without an ECDSA signature: the signing
// suite only guards against a forger who holds kms:GenerateDataKey on this key (the Encrypt role), and
// costs ~10x the time and ~260 more base64 characters in every contact attribute.
const SUITE = AlgorithmSuiteIdentifier.ALG_AES256_GCM_IV12_TAG16_HKDF_SHA512_COMMIT_KEY;
const { encrypt } = buildEncrypt(CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT);
const { decrypt } = buildDecrypt({ commitmentPolicy: CommitmentPolicy.REQUIRE_ENCRYPT_REQUIRE_DECRYPT, maxEncryptedDataKeys: 1 });

/** Base64 ciphertext of one message; generous for a 16-digit plaintext (~560 characters). */
export const MAX_CIPHERTEXT_BASE64 = 4096;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export interface FieldContext {
  environment: string;
  field: SecureField;
  contactId: string;
}

export const encryptionContext = (c: FieldContext): Record<string, string> => ({
  [CONTEXT_KEYS.application]: APPLICATION,
  [CONTEXT_KEYS.environment]: c.environment,
  [CONTEXT_KEYS.field]: c.field,
  [CONTEXT_KEYS.contact]: c.contactId,
});

export async function encryptField(keyring: KeyringNode, plaintext: string, context: FieldContext): Promise<string> {
  const { result } = await encrypt(keyring, plaintext, { encryptionContext: encryptionContext(context), suiteId: SUITE });
  return result.toString('base64');
}

export class CiphertextError extends Error {
  override name = 'CiphertextError';
}

export interface DecryptedField {
  plaintext: string;
  context: Record<string, string>;
}

/** Decrypts one message of this project; messages that are malformed or of another suite are refused. */
export async function decryptField(keyring: KeyringNode, base64: unknown): Promise<DecryptedField> {
  if (typeof base64 !== 'string' || base64.length === 0) throw new CiphertextError('no ciphertext given');
  if (base64.length > MAX_CIPHERTEXT_BASE64) throw new CiphertextError('ciphertext is too long');
  if (!BASE64.test(base64)) throw new CiphertextError('ciphertext is not valid base64');
  const { plaintext, messageHeader } = await decrypt(keyring, Buffer.from(base64, 'base64'));
  if (messageHeader.suiteId !== SUITE) throw new CiphertextError('ciphertext uses an algorithm suite this project does not write');
  return { plaintext: plaintext.toString('utf8'), context: { ...messageHeader.encryptionContext } };
}
