// --local: the same checks against the call simulator (docs/simulator.md). RecognizeText goes to the
// simulator's Lex runtime of the environment's synthesized bot, whose code hook is the bundled Encrypt zip
// calling the KMS stand-in. Decrypt is modelled here by its one-ciphertext contract
// (docs/operators-decrypt.md) over the shared ciphertext module and the same KMS stand-in: the Decrypt
// zip on this branch still has the older contract (the new one is on the Decrypt branch).
import { KMSClient } from '@aws-sdk/client-kms';
import { decryptField } from '../functions/shared/ciphertext';
import { CONTEXT_KEYS } from '../functions/shared/encryption-context';
import { createKeyring } from '../functions/shared/kms-keyring';
import { loadDeployment, type Deployment } from '../simulator/deployment';
import { startSimulator, type Simulator } from '../simulator/simulator';
import { SmokeFailure, type DecryptRequest, type LexAnswer, type SmokeTarget } from './smoke-target';
import { maskValue } from './test-values';

/** Starts a simulated deployment; `deployment` lets a test hand in a changed one (e.g. a broken hook). */
export async function localTarget(envName: string, deployment: Deployment = loadDeployment(envName)): Promise<SmokeTarget> {
  const sim: Simulator = await startSimulator(deployment);
  const kmsClient = new KMSClient({ region: deployment.env.region, endpoint: sim.kms.url, credentials: { accessKeyId: 'simulated', secretAccessKey: 'simulated' } });
  const keyring = createKeyring(sim.kms.keyArn, kmsClient);
  return {
    description: `the call simulator (${deployment.env.name})`,
    async recognizeText(sessionId, text, sessionAttributes): Promise<LexAnswer> {
      if (sessionAttributes) sim.lex.applySessionAttributes(sessionId, sessionAttributes);
      const reply = await sim.lex.recognize(sessionId, { mode: 'Text', transcript: text });
      if (reply.kind === 'error') throw new SmokeFailure('the bot answered DependencyFailedException (the code hook failed)');
      return {
        sessionState: { sessionAttributes: reply.sessionAttributes, intent: reply.intent, dialogAction: reply.dialogAction },
        messages: reply.messages.map((content) => ({ content })),
      };
    },
    async invokeDecrypt(request: DecryptRequest) {
      try {
        const { plaintext, context } = await decryptField(keyring, request.encrypted);
        if (context[CONTEXT_KEYS.contact] !== request.contactId || context[CONTEXT_KEYS.field] !== request.field) {
          return { Status: 'ERROR', Code: 'context-mismatch', Message: 'the ciphertext belongs to another contact or field' };
        }
        return { Status: 'OK', ContactId: request.contactId, Fields: { [request.field]: maskValue(plaintext) } };
      } catch {
        return { Status: 'ERROR', Code: 'decrypt-failed', Message: 'the ciphertext could not be decrypted' };
      }
    },
    async close() {
      kmsClient.destroy();
      await sim.close();
    },
  };
}
