// A Lex V2 model-building stand-in on 127.0.0.1 for tests: the real @aws-sdk/client-lex-models-v2 talks
// HTTP to it (point AWS_ENDPOINT_URL_LEX_MODELS_V2 at `url`). It answers DeleteUtterances
// (DELETE /bots/{botId}/utterances/, 204 No Content, as in the Lex V2 API reference) and records each call;
// it can be told to deny (403 AccessDeniedException) or to fail for a bot it does not know (404).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LexModelsStandIn {
  url: string;
  mode: 'ok' | 'deny';
  /** Bot ids the stand-in knows; another id gets ResourceNotFoundException. */
  bots: Set<string>;
  /** Every DeleteUtterances call: the bot id and the query string (locale, session) it carried. */
  deleteCalls: { botId: string; query: string }[];
  close(): Promise<void>;
}

export async function startLexModelsStandIn(bots: string[]): Promise<LexModelsStandIn> {
  const state: LexModelsStandIn = { url: '', mode: 'ok', bots: new Set(bots), deleteCalls: [], close: async () => {} };
  const fail = (res: import('node:http').ServerResponse, status: number, type: string) => {
    res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type, 'x-amzn-requestid': 'stand-in' });
    res.end(JSON.stringify({ message: type }));
  };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const match = /^\/bots\/([^/]+)\/utterances\/?$/.exec(url.pathname);
      if (req.method !== 'DELETE' || !match) return fail(res, 404, 'UnknownOperationException');
      const botId = decodeURIComponent(match[1]!);
      state.deleteCalls.push({ botId, query: url.search });
      if (state.mode === 'deny') return fail(res, 403, 'AccessDeniedException');
      if (!state.bots.has(botId)) return fail(res, 404, 'ResourceNotFoundException');
      res.writeHead(204, { 'x-amzn-requestid': 'stand-in' });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return state;
}
