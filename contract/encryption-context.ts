// The encryption context names what a ciphertext is for. KMS and the Encryption SDK bind it to the
// ciphertext, the key policy conditions on it, and CloudTrail records it in plaintext: no secrets here.

export const APPLICATION = 'secure-lex-input';

/** Context keys the key policy and the IAM policies condition on. */
export const CONTEXT_KEYS = { application: 'application', environment: 'environment', field: 'field', contact: 'contact-id' } as const;

export type SecureField = 'card-number' | 'zip';
