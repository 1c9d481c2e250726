// Reads a contact's attributes from the environment's own Connect instance (GetContactAttributes; the
// role may call it on `<instance ARN>/contact/*` only, see stacks/policies/function-policies.ts).
// Amazon Connect API reference, GetContactAttributes:
// https://docs.aws.amazon.com/connect/latest/APIReference/API_GetContactAttributes.html
import { ConnectClient, GetContactAttributesCommand } from '@aws-sdk/client-connect';
import { Refusal } from './decrypt-answer';
import { signalUntil } from './deadline';
import { serviceRefusal } from './service-errors';

export function createConnectClient(region: string): ConnectClient {
  return new ConnectClient({ region, maxAttempts: 2, requestHandler: { connectionTimeout: 1000 } });
}

/** The contact's attributes; the call, retries included, is abandoned at `endsAt` (the request's deadline). */
export async function readContactAttributes(client: ConnectClient, instanceId: string, contactId: string, endsAt: number): Promise<Record<string, string>> {
  try {
    const { Attributes } = await client.send(
      new GetContactAttributesCommand({ InstanceId: instanceId, InitialContactId: contactId }),
      { abortSignal: signalUntil(endsAt) },
    );
    return Attributes ?? {};
  } catch (err) {
    const name = (err as Error)?.name;
    if (name === 'ResourceNotFoundException') throw new Refusal('not-found', 'no such contact in this environment\'s Connect instance', 'connect/ResourceNotFoundException');
    if (name === 'InvalidRequestException' || name === 'InvalidParameterException') {
      throw new Refusal('bad-request', 'Amazon Connect refused the contact id', `connect/${name}`);
    }
    throw serviceRefusal(err, 'connect', new Refusal('kms-unavailable', 'Amazon Connect could not answer: try again later'));
  }
}
