// A CloudWatch Logs stand-in on 127.0.0.1 for tests: the real @aws-sdk/client-cloudwatch-logs talks
// HTTP to it (point AWS_ENDPOINT_URL_CLOUDWATCH_LOGS at `url`). It speaks the JSON protocol for
// CreateLogStream and PutLogEvents on the groups it holds, and can answer each way the API reference
// (PutLogEvents, CreateLogStream: https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/)
// allows a writer to see:
// - 'deny': AccessDeniedException;
// - 'reject-too-new' | 'reject-too-old' | 'reject-expired': 200 with rejectedLogEventsInfo naming the
//   event (tooNewLogEventStartIndex, tooOldLogEventEndIndex, expiredLogEventEndIndex), which is not stored;
// - 'reject-entity': 200 with rejectedEntityInfo; the event is stored ("the events may still be accepted");
// - 'streams-vanish': every PutLogEvents answers ResourceNotFoundException, as for a deleted stream;
//   `deleteStreams(group)` deletes the streams a group has now, once;
// - 'stall-create' | 'stall-put': that call is held for `stallMs`, then answered without storing anything
//   (the client has given up by then); 'slow-put' stores at once but answers after `stallMs`, as when a
//   stored event's answer is lost.
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback';

export type LogsStandInMode =
  | 'ok' | 'deny' | 'reject-too-new' | 'reject-too-old' | 'reject-expired' | 'reject-entity'
  | 'streams-vanish' | 'stall-create' | 'stall-put' | 'slow-put';

export interface LogsStandIn {
  url: string;
  /** Group name → stream name → messages. */
  groups: Map<string, Map<string, string[]>>;
  mode: LogsStandInMode;
  /** How long the stall modes hold a request. */
  stallMs: number;
  /** Every operation called, in order. */
  calls: string[];
  /** Every message written to a group, in order. */
  messages(group: string): string[];
  /** Deletes every stream the group has now, as someone with logs:DeleteLogStream would. */
  deleteStreams(group: string): void;
  close(): Promise<void>;
}

const REJECTED_EVENTS: Partial<Record<LogsStandInMode, object>> = {
  'reject-too-new': { tooNewLogEventStartIndex: 0 },
  'reject-too-old': { tooOldLogEventEndIndex: 1 },
  'reject-expired': { expiredLogEventEndIndex: 1 },
};

export async function startLogsStandIn(groupNames: string[]): Promise<LogsStandIn> {
  const state: LogsStandIn = {
    url: '', groups: new Map(groupNames.map((g) => [g, new Map()])), mode: 'ok', stallMs: 10_000, calls: [],
    messages: (group) => [...(state.groups.get(group)?.values() ?? [])].flat(),
    deleteStreams: (group) => state.groups.get(group)?.clear(),
    close: async () => {},
  };
  const reply = (res: ServerResponse, status: number, body: object, type?: string) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomBytes(8).toString('hex') });
    res.end(JSON.stringify(type ? { __type: type, message: 'stand-in says no' } : body));
  };
  const later = (answer: () => void) => setTimeout(answer, state.stallMs).unref();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace('Logs_20140328.', '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      state.calls.push(operation);
      if (state.mode === 'deny') return reply(res, 400, {}, 'AccessDeniedException');
      const group = state.groups.get(body.logGroupName);
      if (operation === 'CreateLogStream') {
        if (state.mode === 'stall-create') return later(() => reply(res, 200, {}));
        if (!group) return reply(res, 400, {}, 'ResourceNotFoundException');
        if (group.has(body.logStreamName)) return reply(res, 400, {}, 'ResourceAlreadyExistsException');
        group.set(body.logStreamName, []);
        return reply(res, 200, {});
      }
      if (operation === 'PutLogEvents') {
        if (state.mode === 'stall-put') return later(() => reply(res, 200, {}));
        const stream = group?.get(body.logStreamName);
        if (!stream || state.mode === 'streams-vanish') return reply(res, 400, {}, 'ResourceNotFoundException');
        const rejected = REJECTED_EVENTS[state.mode];
        if (rejected) return reply(res, 200, { rejectedLogEventsInfo: rejected });
        stream.push(...(body.logEvents as { message: string }[]).map((e) => e.message));
        if (state.mode === 'reject-entity') return reply(res, 200, { rejectedEntityInfo: { errorType: 'InvalidEntity' } });
        if (state.mode === 'slow-put') return later(() => reply(res, 200, {}));
        return reply(res, 200, {});
      }
      reply(res, 400, {}, 'UnsupportedOperationException');
    });
  });
  Object.assign(state, await listenOnLoopback(server));
  return state;
}
