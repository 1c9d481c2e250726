// Cloud Control API on 127.0.0.1 (JSON 1.0, X-Amz-Target CloudApiService.*), for a real `terraform apply`
// of aws_cloudcontrolapi_resource creates that fail: CreateResource answers IN_PROGRESS (with or without an
// Identifier), GetResourceRequestStatus answers FAILED with the handler error code given for the desired
// state's Name. The provider reaches it through its `endpoints { cloudcontrolapi = ... }` setting.
import { createServer } from 'node:http';
import { listenOnLoopback } from '../../../stand-ins/loopback';

export interface FailedCreate {
  /** The Identifier of the resource Cloud Control reports, in both events; undefined for none. */
  identifier?: string;
  errorCode: string;
  statusMessage: string;
}

/** `failures` by the Name in the create's desired state. */
export async function startCloudControlStandIn(failures: Record<string, FailedCreate>): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
    req.on('end', () => {
      const operation = String(req.headers['x-amz-target'] ?? '').replace(/^CloudApiService\./, '');
      const input = JSON.parse(body || '{}');
      const send = (status: number, payload: object) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(payload));
      };
      // The request token carries the name, so the status call knows which failure to report.
      const name = operation === 'CreateResource' ? String(JSON.parse(input.DesiredState).Name) : String(input.RequestToken);
      requests.push(`${operation} ${name}`);
      const failure = failures[name];
      if (!failure || !['CreateResource', 'GetResourceRequestStatus'].includes(operation)) return send(400, { __type: 'UnsupportedActionException', message: `${operation} is not modelled` });
      const event = (status: string, extra: object) => ({ ProgressEvent: { TypeName: 'AWS::Lex::Bot', RequestToken: name, Operation: 'CREATE', OperationStatus: status, EventTime: 1_800_000_000, ...(failure.identifier ? { Identifier: failure.identifier } : {}), ...extra } });
      send(200, operation === 'CreateResource' ? event('IN_PROGRESS', {}) : event('FAILED', { ErrorCode: failure.errorCode, StatusMessage: failure.statusMessage }));
    });
  });
  return { requests, ...(await listenOnLoopback(server)) };
}
