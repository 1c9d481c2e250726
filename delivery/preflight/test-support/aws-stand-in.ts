// IAM, Lambda, Service Quotas and Connect (its instance list, and what an existing instance holds) on 127.0.0.1, for the preflight tests: the real SDK clients
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
  /** Applied quota values by code, or by `code@<resource ARN>` for a resource-level value asked with ContextId; a key missing here answers NoSuchResourceException. */
  appliedQuotas: Record<string, number>;
  defaultQuotas: Record<string, number>;
  connectInstances: { Id: string; Arn: string; InstanceAlias: string; InstanceStatus: string }[];
  /** What each instance (by id) holds: associated bots per Lex version, flow and module names. */
  instanceContents: Record<string, { bots: { V1: number; V2: number }; flows: string[]; modules: string[] }>;
  /** Claimed numbers: id, ARN and the instance (or traffic distribution group) they are claimed to. */
  phoneNumbers: { PhoneNumberId: string; PhoneNumberArn: string; TargetArn: string }[];
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
    appliedQuotas: {}, defaultQuotas: {}, connectInstances: [], instanceContents: {}, phoneNumbers: [], denied: new Set(), calls: [], close: async () => {},
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

  const serviceQuotas = (res: ServerResponse, target: string, body: { QuotaCode: string; ContextId?: string }) => {
    const operation = target.split('.')[1]!;
    state.calls.push(`servicequotas:${operation}`);
    const type = 'application/x-amz-json-1.1';
    if (state.denied.has(`servicequotas:${operation}`)) return json(res, 400, {}, 'AccessDeniedException', type);
    const key = operation === 'GetServiceQuota' && body.ContextId ? `${body.QuotaCode}@${body.ContextId}` : body.QuotaCode;
    const value = (operation === 'GetServiceQuota' ? state.appliedQuotas : state.defaultQuotas)[key];
    if (value === undefined) return json(res, 400, {}, 'NoSuchResourceException', type);
    return json(res, 200, { Quota: { ServiceCode: 'connect', QuotaCode: body.QuotaCode, Value: value } }, undefined, type);
  };

  const rest = (res: ServerResponse, method: string, url: URL, body: string) => {
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
    const connectCall = connect(res, method, url, body);
    if (connectCall) return connectCall;
    state.calls.push(`unknown:${method} ${url.pathname}`);
    return json(res, 404, {}, 'UnknownOperationException');
  };

  /** One page of one item, so the caller must follow the token. */
  const page = <T>(items: T[], token: string | null | undefined, key: string) => {
    const start = Number(token ?? 0);
    return { [key]: items.slice(start, start + 1), ...(start + 1 < items.length ? { NextToken: String(start + 1) } : {}) };
  };

  // Connect's calls: its instance list, and what an existing instance holds (REST paths from @aws-sdk/client-connect's schemas).
  const connect = (res: ServerResponse, method: string, url: URL, body: string): true | undefined => {
    const call = (name: string, answer: () => void) => {
      state.calls.push(`connect:${name}`);
      if (state.denied.has(`connect:${name}`)) json(res, 403, {}, 'AccessDeniedException');
      else answer();
      return true as const;
    };
    const missing = () => json(res, 404, {}, 'ResourceNotFoundException');
    const contents = (id: string) => state.instanceContents[decodeURIComponent(id)];
    let m: RegExpExecArray | null;
    if (method === 'GET' && url.pathname === '/instance') {
      return call('ListInstances', () => json(res, 200, page(state.connectInstances, url.searchParams.get('nextToken'), 'InstanceSummaryList')));
    }
    if (method === 'GET' && (m = /^\/instance\/([^/]+)$/.exec(url.pathname))) {
      const instance = state.connectInstances.find((i) => i.Id === decodeURIComponent(m![1]!));
      return call('DescribeInstance', () => (instance ? json(res, 200, { Instance: instance }) : missing()));
    }
    if (method === 'GET' && (m = /^\/instance\/([^/]+)\/bots$/.exec(url.pathname))) {
      const c = contents(m[1]!);
      const version = url.searchParams.get('lexVersion') as 'V1' | 'V2';
      const bots = Array.from({ length: c?.bots[version] ?? 0 }, (_, i) => (version === 'V2' ? { LexV2Bot: { AliasArn: `arn:aws:lex:us-east-1:0:bot-alias/B${i}/A${i}` } } : { LexBot: { Name: `bot${i}`, LexRegion: 'us-east-1' } }));
      return call('ListBots', () => (c ? json(res, 200, page(bots, url.searchParams.get('nextToken'), 'LexBots')) : missing()));
    }
    if (method === 'GET' && (m = /^\/contact-flows-summary\/([^/]+)$/.exec(url.pathname))) {
      const c = contents(m[1]!);
      return call('ListContactFlows', () => (c ? json(res, 200, page(c.flows.map((Name, i) => ({ Name, Id: `f${i}` })), url.searchParams.get('nextToken'), 'ContactFlowSummaryList')) : missing()));
    }
    if (method === 'GET' && (m = /^\/contact-flow-modules-summary\/([^/]+)$/.exec(url.pathname))) {
      const c = contents(m[1]!);
      return call('ListContactFlowModules', () => (c ? json(res, 200, page(c.modules.map((Name, i) => ({ Name, Id: `m${i}` })), url.searchParams.get('nextToken'), 'ContactFlowModulesSummaryList')) : missing()));
    }
    if (method === 'POST' && url.pathname === '/phone-number/list') {
      const request = JSON.parse(body || '{}') as { TargetArn?: string; NextToken?: string };
      const numbers = state.phoneNumbers.filter((n) => n.TargetArn === request.TargetArn);
      return call('ListPhoneNumbersV2', () => json(res, 200, page(numbers, request.NextToken, 'ListPhoneNumbersSummaryList')));
    }
    if (method === 'GET' && (m = /^\/phone-number\/([^/]+)$/.exec(url.pathname))) {
      const id = decodeURIComponent(m[1]!);
      const number = state.phoneNumbers.find((n) => n.PhoneNumberId === id || n.PhoneNumberArn === id);
      return call('DescribePhoneNumber', () => (number ? json(res, 200, { ClaimedPhoneNumberSummary: number }) : missing()));
    }
    return undefined;
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
      return rest(res, req.method ?? 'GET', url, body);
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
