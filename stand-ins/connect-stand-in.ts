// An Amazon Connect stand-in on 127.0.0.1 for tests: the real @aws-sdk/client-connect talks HTTP to it
// (point AWS_ENDPOINT_URL_CONNECT at `url`). It answers GetContactAttributes (REST JSON,
// GET /contact/attributes/{InstanceId}/{InitialContactId}, Connect API reference) for the contacts it
// holds, in one instance only, like a role allowed `<instance ARN>/contact/*`; other instances are denied.
//
//   const connect = await startConnectStandIn();   // connect.instanceId, connect.url
//   connect.contacts.set(contactId, { encrypted_cc: '...' }); connect.mode = 'throttle';
// 'stall' holds each request for `stallMs` before answering it as 'ok' would.
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { listenOnLoopback } from './loopback';

export type ConnectStandInMode = 'ok' | 'throttle' | 'deny' | 'down' | 'stall';

export interface ConnectStandIn {
  url: string;
  instanceId: string;
  /** Contact id → its attributes. */
  contacts: Map<string, Record<string, string>>;
  mode: ConnectStandInMode;
  /** How long 'stall' holds a request. */
  stallMs: number;
  /** Every request path, in order. */
  requests: string[];
  close(): Promise<void>;
}

const ERRORS: Record<Exclude<ConnectStandInMode, 'ok' | 'stall'>, [number, string]> = {
  throttle: [429, 'ThrottlingException'],
  deny: [403, 'AccessDeniedException'],
  down: [500, 'InternalServiceException'],
};

export async function startConnectStandIn(): Promise<ConnectStandIn> {
  const state: ConnectStandIn = { url: '', instanceId: randomUUID(), contacts: new Map(), mode: 'ok', stallMs: 10_000, requests: [], close: async () => {} };
  const reply = (res: ServerResponse, status: number, body: object, type?: string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': randomBytes(8).toString('hex'), ...(type ? { 'x-amzn-errortype': type } : {}) });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = (req.url ?? '').split('?')[0]!;
      state.requests.push(path);
      const match = /^\/contact\/attributes\/([^/]+)\/([^/]+)$/.exec(path);
      if (req.method !== 'GET' || !match) return reply(res, 404, { Message: 'unknown operation' }, 'UnknownOperationException');
      if (state.mode !== 'ok' && state.mode !== 'stall') {
        const [status, type] = ERRORS[state.mode];
        return reply(res, status, { Message: 'stand-in says no' }, type);
      }
      const answer = () => {
        const [, instanceId, contactId] = match.map(decodeURIComponent);
        if (instanceId !== state.instanceId) return reply(res, 403, { Message: 'not authorized for this instance' }, 'AccessDeniedException');
        const attributes = state.contacts.get(contactId!);
        if (!attributes) return reply(res, 404, { Message: 'contact not found' }, 'ResourceNotFoundException');
        reply(res, 200, { Attributes: attributes });
      };
      if (state.mode === 'stall') setTimeout(answer, state.stallMs).unref();
      else answer();
    });
  });
  Object.assign(state, await listenOnLoopback(server));
  return state;
}
