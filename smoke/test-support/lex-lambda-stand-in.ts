// Lex V2 (models and runtime) and Lambda on 127.0.0.1, for the smoke test's live mode: the real SDK clients
// speak their REST-JSON protocols to it (AWS_ENDPOINT_URL_LEX_MODELS_V2, _LEX_RUNTIME_V2, _LAMBDA). It
// answers ListBots, ListBotAliases, RecognizeText and Invoke from a backend (a SmokeTarget, e.g. the call
// simulator), and can be told to change answers. The Lex runtime client speaks HTTP/2 (it also streams),
// so the runtime has its own cleartext HTTP/2 server at `runtimeUrl`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttp2Server, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo } from 'node:net';
import type { DecryptRequest, LexAnswer, SmokeTarget } from '../smoke-target';

export interface LexLambdaStandIn {
  url: string;
  runtimeUrl: string;
  bots: { botId: string; botName: string }[];
  aliases: { botAliasId: string; botAliasName: string }[];
  /** Rewrites each RecognizeText answer before it is sent. */
  alterAnswer?: (answer: LexAnswer) => LexAnswer;
  requests: string[];
  /** The session id and session attributes of each RecognizeText, in order. */
  recognized: { sessionId: string; sessionAttributes?: Record<string, string> }[];
  /** The function and qualifier (`?Qualifier=`, or none) of every Invoke, as `name` or `name:qualifier`. */
  invoked: string[];
  close(): Promise<void>;
}

const RECOGNIZE = /^\/bots\/([^/]+)\/botAliases\/([^/]+)\/botLocales\/([^/]+)\/sessions\/([^/]+)\/text$/;

export async function startLexLambdaStandIn(backend: Pick<SmokeTarget, 'recognizeText' | 'invokeDecrypt'>): Promise<LexLambdaStandIn> {
  const state: LexLambdaStandIn = { url: '', runtimeUrl: '', bots: [], aliases: [], requests: [], recognized: [], invoked: [], close: async () => {} };
  const handle = (req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse) => {
    const chunks: Buffer[] = [];
    (req as IncomingMessage).on('data', (c: Buffer) => chunks.push(c));
    (req as IncomingMessage).on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
      const path = decodeURIComponent((req.url ?? '').split('?')[0]!);
      const json = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        (res as ServerResponse).writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      try {
        let m: RegExpExecArray | null;
        if (path === '/bots/' || path === '/bots') {
          state.requests.push('ListBots');
          // BotFilter (Lex V2 API reference): operator CO (contains), EQ or NE on the name.
          const { values: [wanted] = [], operator = 'EQ' } = body.filters?.[0] ?? {};
          const matches = (name: string) => (operator === 'CO' ? name.includes(wanted) : operator === 'NE' ? name !== wanted : name === wanted);
          return json(200, { botSummaries: state.bots.filter((b) => wanted === undefined || matches(b.botName)).map((b) => ({ ...b, botStatus: 'Available' })) });
        }
        if ((m = /^\/bots\/([^/]+)\/botaliases\/?$/i.exec(path))) {
          state.requests.push('ListBotAliases');
          return json(200, { botId: m[1], botAliasSummaries: state.bots.some((b) => b.botId === m![1]) ? state.aliases : [] });
        }
        if ((m = RECOGNIZE.exec(path))) {
          state.requests.push('RecognizeText');
          state.recognized.push({ sessionId: m[4]!, sessionAttributes: body.sessionState?.sessionAttributes });
          const known = state.bots.some((b) => b.botId === m![1]) && state.aliases.some((a) => a.botAliasId === m![2]);
          if (!known) return json(404, { message: 'bot alias not found' }, { 'x-amzn-errortype': 'ResourceNotFoundException' });
          const answer = await backend.recognizeText(m[4]!, body.text, body.sessionState?.sessionAttributes);
          return json(200, { sessionId: m[4], ...(state.alterAnswer ? state.alterAnswer(answer) : answer) });
        }
        if ((m = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/.exec(path))) {
          state.requests.push('Invoke');
          const qualifier = new URL(req.url ?? '', 'http://stand-in').searchParams.get('Qualifier');
          state.invoked.push(qualifier ? `${m[1]}:${qualifier}` : m[1]!);
          return json(200, await backend.invokeDecrypt(body as DecryptRequest), { 'x-amz-executed-version': '$LATEST' });
        }
        json(404, { message: `unsupported ${req.method} ${path}` }, { 'x-amzn-errortype': 'UnknownOperationException' });
      } catch (err) {
        json(500, { message: (err as Error).message }, { 'x-amzn-errortype': 'InternalServerException' });
      }
    });
  };
  const server = createServer(handle);
  const runtime = createHttp2Server(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => runtime.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.runtimeUrl = `http://127.0.0.1:${(runtime.address() as AddressInfo).port}`;
  state.close = async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await new Promise<void>((resolve) => runtime.close(() => resolve()));
  };
  return state;
}
