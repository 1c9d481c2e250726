// A CloudWatch Logs stand-in on 127.0.0.1 for tests: the real @aws-sdk/client-cloudwatch-logs talks
// HTTP to it (point AWS_ENDPOINT_URL_CLOUDWATCH_LOGS at `url`). It speaks the JSON protocol for
// CreateLogStream and PutLogEvents on the groups it holds, and can be told to deny.
import { randomBytes } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback';

export interface LogsStandIn {
  url: string;
  /** Group name → stream name → messages. */
  groups: Map<string, Map<string, string[]>>;
  mode: 'ok' | 'deny';
  /** Every message written to a group, in order. */
  messages(group: string): string[];
  close(): Promise<void>;
}

export async function startLogsStandIn(groupNames: string[]): Promise<LogsStandIn> {
  const state: LogsStandIn = {
    url: '', groups: new Map(groupNames.map((g) => [g, new Map()])), mode: 'ok',
    messages: (group) => [...(state.groups.get(group)?.values() ?? [])].flat(),
    close: async () => {},
  };
  const reply = (res: ServerResponse, status: number, body: object, type?: string) => {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': randomBytes(8).toString('hex') });
    res.end(JSON.stringify(type ? { __type: type, message: 'stand-in says no' } : body));
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace('Logs_20140328.', '');
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      if (state.mode === 'deny') return reply(res, 400, {}, 'AccessDeniedException');
      const group = state.groups.get(body.logGroupName);
      if (!group) return reply(res, 400, {}, 'ResourceNotFoundException');
      if (operation === 'CreateLogStream') {
        if (group.has(body.logStreamName)) return reply(res, 400, {}, 'ResourceAlreadyExistsException');
        group.set(body.logStreamName, []);
        return reply(res, 200, {});
      }
      if (operation === 'PutLogEvents') {
        const stream = group.get(body.logStreamName);
        if (!stream) return reply(res, 400, {}, 'ResourceNotFoundException');
        stream.push(...(body.logEvents as { message: string }[]).map((e) => e.message));
        return reply(res, 200, {});
      }
      reply(res, 400, {}, 'UnsupportedOperationException');
    });
  });
  Object.assign(state, await listenOnLoopback(server));
  return state;
}
