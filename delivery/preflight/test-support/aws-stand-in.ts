// IAM, Lambda, Service Quotas and Connect on 127.0.0.1, for the preflight tests: the real SDK clients
// reach it through AWS_ENDPOINT_URL_<SERVICE>. Each service speaks its own protocol as the SDK expects it:
// IAM the query protocol with XML answers, Service Quotas JSON 1.1 (X-Amz-Target), Lambda and Connect
// REST-JSON. State is plain data the tests set; `calls` lists every operation in order.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { listenOnLoopback } from '../../../stand-ins/loopback';

export interface AwsStandIn {
  url: string;
  /** IAM roles and users by name, with their ARN (the path is in the ARN). */
  roles: Map<string, string>;
  users: Map<string, string>;
  lambda: { concurrentExecutions: number; unreserved: number; reserved: Record<string, number> };
  /** Applied quota values by code; a code missing here answers NoSuchResourceException. */
  appliedQuotas: Record<string, number>;
  defaultQuotas: Record<string, number>;
  connectInstances: { Id: string; Arn: string; InstanceAlias: string; InstanceStatus: string }[];
  /** Operations answered with AccessDenied. */
  denied: Set<string>;
  calls: string[];
  close(): Promise<void>;
}

const IAM_NS = 'https://iam.amazonaws.com/doc/2010-05-08/';
const xml = (res: ServerResponse, status: number, body: string) => {
  res.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-requestid': 'r' });
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
};
const json = (res: ServerResponse, status: number, body: object, errorType?: string, contentType = 'application/json') => {
  res.writeHead(status, { 'content-type': contentType, 'x-amzn-requestid': 'r', ...(errorType ? { 'x-amzn-errortype': errorType } : {}) });
  res.end(JSON.stringify(errorType ? { __type: errorType, message: 'stand-in error', ...body } : body));
};
const iamError = (res: ServerResponse, status: number, code: string) =>
  xml(res, status, `<ErrorResponse xmlns="${IAM_NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>User: arn:aws:iam::999988887777:user/someone is not allowed</Message></Error><RequestId>r</RequestId></ErrorResponse>`);

export async function startAwsStandIn(): Promise<AwsStandIn> {
  const state: AwsStandIn = {
    url: '', roles: new Map(), users: new Map(),
    lambda: { concurrentExecutions: 1000, unreserved: 1000, reserved: {} },
    appliedQuotas: {}, defaultQuotas: {}, connectInstances: [], denied: new Set(), calls: [], close: async () => {},
  };

  const iam = (res: ServerResponse, form: URLSearchParams) => {
    const action = form.get('Action')!;
    state.calls.push(`iam:${action}`);
    if (state.denied.has(`iam:${action}`)) return iamError(res, 403, 'AccessDenied');
    const kind = action === 'GetRole' ? 'Role' : 'User';
    const name = form.get(`${kind}Name`)!;
    const arn = (kind === 'Role' ? state.roles : state.users).get(name);
    if (!arn) return iamError(res, 404, 'NoSuchEntity');
    const path = arn.replace(/^.*?:(role|user)/, '').replace(/[^/]*$/, '');
    const extra = kind === 'Role' ? '<AssumeRolePolicyDocument>%7B%7D</AssumeRolePolicyDocument>' : '';
    return xml(res, 200, `<${action}Response xmlns="${IAM_NS}"><${action}Result><${kind}><Path>${path}</Path><${kind}Name>${name}</${kind}Name><${kind}Id>AIDAEXAMPLE</${kind}Id><Arn>${arn}</Arn><CreateDate>2026-01-01T00:00:00Z</CreateDate>${extra}</${kind}></${action}Result><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></${action}Response>`);
  };

  const serviceQuotas = (res: ServerResponse, target: string, body: { QuotaCode: string }) => {
    const operation = target.split('.')[1]!;
    state.calls.push(`servicequotas:${operation}`);
    const type = 'application/x-amz-json-1.1';
    if (state.denied.has(`servicequotas:${operation}`)) return json(res, 400, {}, 'AccessDeniedException', type);
    const value = (operation === 'GetServiceQuota' ? state.appliedQuotas : state.defaultQuotas)[body.QuotaCode];
    if (value === undefined) return json(res, 400, {}, 'NoSuchResourceException', type);
    return json(res, 200, { Quota: { ServiceCode: 'connect', QuotaCode: body.QuotaCode, Value: value } }, undefined, type);
  };

  const rest = (res: ServerResponse, method: string, url: URL) => {
    const concurrency = /^\/2019-09-30\/functions\/([^/]+)\/concurrency$/.exec(url.pathname);
    if (method === 'GET' && url.pathname === '/2016-08-19/account-settings') {
      state.calls.push('lambda:GetAccountSettings');
      if (state.denied.has('lambda:GetAccountSettings')) return json(res, 403, {}, 'AccessDeniedException');
      return json(res, 200, { AccountLimit: { ConcurrentExecutions: state.lambda.concurrentExecutions, UnreservedConcurrentExecutions: state.lambda.unreserved }, AccountUsage: { FunctionCount: 0 } });
    }
    if (method === 'GET' && concurrency) {
      state.calls.push('lambda:GetFunctionConcurrency');
      const reserved = state.lambda.reserved[decodeURIComponent(concurrency[1]!)];
      if (reserved === undefined) return json(res, 404, {}, 'ResourceNotFoundException');
      return json(res, 200, { ReservedConcurrentExecutions: reserved });
    }
    if (method === 'GET' && url.pathname === '/instance') {
      state.calls.push('connect:ListInstances');
      if (state.denied.has('connect:ListInstances')) return json(res, 403, {}, 'AccessDeniedException');
      // Pages of one, so the caller must follow NextToken.
      const start = Number(url.searchParams.get('nextToken') ?? 0);
      const page = state.connectInstances.slice(start, start + 1);
      const next = start + 1 < state.connectInstances.length ? { NextToken: String(start + 1) } : {};
      return json(res, 200, { InstanceSummaryList: page, ...next });
    }
    state.calls.push(`unknown:${method} ${url.pathname}`);
    return json(res, 404, {}, 'UnknownOperationException');
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const target = req.headers['x-amz-target'];
      const url = new URL(req.url ?? '/', 'http://stand-in');
      if (typeof target === 'string') return serviceQuotas(res, target, JSON.parse(body || '{}'));
      if (req.method === 'POST' && url.pathname === '/') return iam(res, new URLSearchParams(body));
      return rest(res, req.method ?? 'GET', url);
    });
  });
  Object.assign(state, await listenOnLoopback(server));
  return state;
}

/** Points every preflight client at the stand-in, with dummy credentials. */
export const standInEnvironment = (url: string): Record<string, string> => ({
  AWS_ENDPOINT_URL_IAM: url, AWS_ENDPOINT_URL_LAMBDA: url, AWS_ENDPOINT_URL_SERVICE_QUOTAS: url, AWS_ENDPOINT_URL_CONNECT: url,
  AWS_ACCESS_KEY_ID: 'preflight', AWS_SECRET_ACCESS_KEY: 'preflight',
});
