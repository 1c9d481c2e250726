// One audit record per Decrypt request, written to the environment's audit log group through the
// CloudWatch Logs API before the answer is returned. Not through stdout: Lambda sends everything a
// function prints to its one log group (Lambda developer guide, "Configuring advanced logging controls":
// a function has one log group), and delivery is asynchronous, so a record could be lost while the value
// is still shown. Here a value is shown only after its record is stored: if PutLogEvents fails the
// request is refused. The role may only CreateLogStream and PutLogEvents on that group; retention and
// deletion stay with Terraform (stacks/policies/function-policies.ts).
// API: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
import { randomUUID } from 'node:crypto';
import { CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import type { SecureField } from '../../contract/encryption-context';
import type { ErrorCode } from './decrypt-answer';

/** What an audit record holds: never a plaintext, a ciphertext or a masked value. */
export interface AuditRecord {
  type: 'secure-input-decrypt';
  time: string;
  /** Lambda's request id of this invocation (also in the function's REPORT line and, if data events are on, CloudTrail's Invoke event). */
  requestId: string | null;
  environment: string | null;
  contactId: string | null;
  /** Where the ciphertext came from: the contact's attributes, or pasted by the operator. */
  source: 'contact' | 'ciphertext' | null;
  fields: SecureField[];
  reason: string | null;
  display: 'masked' | 'revealed';
  outcome: 'ok' | ErrorCode;
  /** The refusal's class (an SDK error name or a fixed label), never an error message. */
  errorClass?: string;
  /** The caller as Lambda gives it: a Cognito identity for mobile-SDK calls only; null for IAM callers. */
  caller: { cognitoIdentityId: string; cognitoIdentityPoolId: string } | null;
}

export const AUDIT_DEADLINE_MS = 3000;

export interface AuditWriter {
  write(record: AuditRecord): Promise<void>;
}

export class AuditWriteError extends Error {
  override name = 'AuditWriteError';
  constructor(readonly errorClass: string) {
    super('the audit record could not be written');
  }
}

/** Writes into one stream per container, made on first use. */
export function cloudWatchAuditWriter(logGroupName: string, client = new CloudWatchLogsClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 1000 } })): AuditWriter {
  let stream: Promise<string> | undefined;
  const options = () => ({ abortSignal: AbortSignal.timeout(AUDIT_DEADLINE_MS) });
  const openStream = async () => {
    const name = `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/${randomUUID()}`;
    await client.send(new CreateLogStreamCommand({ logGroupName, logStreamName: name }), options());
    return name;
  };
  return {
    async write(record) {
      try {
        stream ??= openStream();
        const logStreamName = await stream.catch((err) => {
          stream = undefined; // try a new stream next time
          throw err;
        });
        await client.send(new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: [{ timestamp: Date.parse(record.time), message: JSON.stringify(record) }] }), options());
      } catch (err) {
        throw new AuditWriteError(`logs/${err instanceof Error && /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(err.name) ? err.name : 'Error'}`);
      }
    },
  };
}
