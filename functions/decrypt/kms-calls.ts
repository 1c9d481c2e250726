import type { KeyringNode } from '@aws-crypto/material-management-node';
import type { KMSClient } from '@aws-sdk/client-kms';
import { createKeyring, createKmsClient, regionOf } from '../shared/kms-keyring';
import { signalUntil } from './deadline';

/**
 * The strict keyring on this environment's key, and the last error KMS (or the way to it) raised. The
 * Encryption SDK folds KMS errors into one message (@aws-crypto/kms-keyring 5.0.2, kms_keyring.ts:
 * "Unable to decrypt data key and one or more KMS CMKs had an error"), so the error is taken from the
 * client itself to tell throttling, outage and denial apart from a bad ciphertext.
 */
export interface ObservedKeyring {
  keyring: KeyringNode;
  /** The error of the last failed KMS call since `reset`, if any. */
  lastError(): unknown;
  /** Forgets the last error; KMS calls from now on are abandoned at `endsAt` (the request's deadline). */
  reset(endsAt: number): void;
}

export function observedKeyring(keyArn: string, client: KMSClient = createKmsClient(regionOf(keyArn))): ObservedKeyring {
  let last: unknown;
  let deadline = 0;
  client.middlewareStack.add((next) => async (args) => {
    try {
      return await next(args);
    } catch (err) {
      last = err;
      throw err;
    }
  }, { step: 'initialize', name: 'recordKmsError' });
  const keyring = createKeyring(keyArn, client, () => signalUntil(deadline));
  return {
    keyring,
    lastError: () => last,
    reset: (endsAt) => {
      last = undefined;
      deadline = endsAt;
    },
  };
}
