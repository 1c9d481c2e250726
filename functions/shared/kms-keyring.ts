import { KmsKeyringClass, type AwsEsdkKMSInterface } from '@aws-crypto/kms-keyring';
import { KeyringNode } from '@aws-crypto/material-management-node';
import { DecryptCommand, GenerateDataKeyCommand, KMSClient } from '@aws-sdk/client-kms';

// The keyring of the Encryption SDK's KmsKeyringNode, on a bare KMSClient with the two commands this
// project calls: the SDK's aggregated KMS client pulls in every KMS command (about 100 KB more bundle).
class ProjectKmsKeyring extends KmsKeyringClass(KeyringNode as any) {}

/**
 * A KMS call, retries included, is abandoned after this long, so the code hook still answers in time and
 * the caller hears the failure message instead of silence. Lex V2 gives a code hook 30 s (Lex V2 API
 * reference, RecognizeText: "doesn't return within 30 seconds"); the function's own timeout is 10 s.
 * An abort signal, not `requestTimeout`: in @smithy/node-http-handler 4.x that only logs a warning
 * unless `throwOnRequestTimeout` is set, and it would not bound the retries.
 */
export const KMS_DEADLINE_MS = 3000;

export function createKmsClient(region: string): KMSClient {
  return new KMSClient({ region, maxAttempts: 2, requestHandler: { connectionTimeout: 1000 } });
}

/**
 * A strict keyring on exactly one key ARN, reusing one client for the life of the container. Each KMS call
 * gets the abort signal `signal` gives it when it starts (default: KMS_DEADLINE_MS from then).
 */
export function createKeyring(keyArn: string, client: KMSClient = createKmsClient(regionOf(keyArn)), signal: () => AbortSignal = () => AbortSignal.timeout(KMS_DEADLINE_MS)): KeyringNode {
  const kms = {
    generateDataKey: (input: any) => client.send(new GenerateDataKeyCommand(input), { abortSignal: signal() }),
    decrypt: (input: any) => client.send(new DecryptCommand(input), { abortSignal: signal() }),
    encrypt: () => Promise.reject(new Error('kms:Encrypt is not used: one key, one data key')),
  } as unknown as AwsEsdkKMSInterface;
  return new ProjectKmsKeyring({ generatorKeyId: keyArn, clientProvider: () => kms }) as unknown as KeyringNode;
}

export const regionOf = (keyArn: string): string => keyArn.split(':')[3] ?? '';
