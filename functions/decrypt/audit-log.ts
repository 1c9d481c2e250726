// One audit record per Decrypt request, written to the environment's audit log group through the
// CloudWatch Logs API before the answer is returned. Not through stdout: Lambda sends everything a
// function prints to its one log group (Lambda developer guide, "Configuring advanced logging controls":
// a function has one log group), and delivery is asynchronous, so a record could be lost while the value
// is still shown. Here a value is shown only after its record is stored: the write fails closed on
// every answer but a full success (below), and the request is then refused. The role may only
// CreateLogStream and PutLogEvents on that group; retention and deletion stay with Terraform
// (stacks/policies/function-policies.ts).
// API: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutLogEvents.html
import { randomUUID } from 'node:crypto';
import { CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand, type PutLogEventsResponse } from '@aws-sdk/client-cloudwatch-logs';
import type { ErrorCode } from '../../contract/decrypt-answer';
import type { SecureField } from '../../contract/encryption-context';
import { signalUntil } from './deadline';
import { nameOf } from './service-errors';

/** What an audit record holds: never a plaintext, a ciphertext or a masked value. */
export interface AuditRecord {
  type: 'secure-input-decrypt';
  time: string;
  /**
   * Lambda's request id of this invocation (context.awsRequestId): also in the function's REPORT line and
   * in CloudTrail's Invoke data event of the call (`requestID`), which names the IAM caller.
   */
  requestId: string | null;
  environment: string | null;
  /** The alias or version the function was invoked through (from context.invokedFunctionArn); null: the function itself. */
  qualifier: string | null;
  contactId: string | null;
  /** Where the ciphertext came from: the contact's attributes, or pasted by the operator. */
  source: 'contact' | 'ciphertext' | null;
  fields: SecureField[];
  reason: string | null;
  display: 'masked' | 'revealed';
  /** `ok` only when the answer is about to be returned; `timed-out` when the request ran out of its budget. */
  outcome: 'ok' | 'timed-out' | ErrorCode;
  /** The refusal's class (an SDK error name or a fixed label), never an error message. */
  errorClass?: string;
  /** The caller as Lambda gives it: a Cognito identity for mobile-SDK calls only; null for IAM callers (see CloudTrail). */
  caller: { cognitoIdentityId: string; cognitoIdentityPoolId: string } | null;
}

export interface AuditWriter {
  /** Stores the record by `endsAt`, or throws AuditWriteError. */
  write(record: AuditRecord, endsAt: number): Promise<void>;
}

export class AuditWriteError extends Error {
  override name = 'AuditWriteError';
  constructor(readonly errorClass: string) {
    super('the audit record could not be written');
  }
}

/**
 * Why a PutLogEvents answer is not a full success, or undefined when it is. The service answers 200 and
 * leaves events out when they are too new, too old or expired (RejectedLogEventsInfo: the indices
 * tooNewLogEventStartIndex, tooOldLogEventEndIndex, expiredLogEventEndIndex; API reference, PutLogEvents:
 * "rejected while processing remaining valid events"), and names a rejected entity in rejectedEntityInfo
 * ("the events may still be accepted"). Any of them, even an empty one, is a failure here.
 */
function putRejection(answer: PutLogEventsResponse): string | undefined {
  const events = answer.rejectedLogEventsInfo;
  if (events) {
    if (events.tooNewLogEventStartIndex !== undefined) return 'rejected-too-new';
    if (events.tooOldLogEventEndIndex !== undefined) return 'rejected-too-old';
    if (events.expiredLogEventEndIndex !== undefined) return 'rejected-expired';
    return 'rejected';
  }
  if (answer.rejectedEntityInfo) return 'rejected-entity';
  return undefined;
}

/**
 * Writes into one stream per container, made on first use. A stream that has gone (deleted by someone:
 * PutLogEvents answers ResourceNotFoundException) is replaced once, in the same request; if that fails too
 * the request is refused, and the next request starts with a new stream again.
 */
export function cloudWatchAuditWriter(logGroupName: string, client = new CloudWatchLogsClient({ maxAttempts: 2, requestHandler: { connectionTimeout: 1000 } })): AuditWriter {
  let stream: Promise<string> | undefined;
  const openStream = async (endsAt: number) => {
    const name = `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/${randomUUID()}`;
    await client.send(new CreateLogStreamCommand({ logGroupName, logStreamName: name }), { abortSignal: signalUntil(endsAt) });
    return name;
  };
  const currentStream = (endsAt: number): Promise<string> => {
    stream ??= openStream(endsAt);
    return stream.catch((err) => {
      stream = undefined; // try a new stream next time
      throw err;
    });
  };
  const put = async (record: AuditRecord, endsAt: number) => {
    const logStreamName = await currentStream(endsAt);
    const answer = await client.send(
      new PutLogEventsCommand({ logGroupName, logStreamName, logEvents: [{ timestamp: Date.parse(record.time), message: JSON.stringify(record) }] }),
      { abortSignal: signalUntil(endsAt) },
    ).catch((err) => {
      if (nameOf(err) === 'ResourceNotFoundException') stream = undefined;
      throw err;
    });
    const rejected = putRejection(answer);
    if (rejected) throw new AuditWriteError(`logs/${rejected}`);
  };
  return {
    async write(record, endsAt) {
      try {
        try {
          await put(record, endsAt);
        } catch (err) {
          if (nameOf(err) !== 'ResourceNotFoundException') throw err;
          await put(record, endsAt); // the stream was deleted: a new one, once
        }
      } catch (err) {
        throw err instanceof AuditWriteError ? err : new AuditWriteError(`logs/${nameOf(err)}`);
      }
    },
  };
}
