import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { environmentInputs } from '../environments';
import { describeFailure, runDecryptCli } from './decrypt-cli';

// A Lambda stand-in on 127.0.0.1: the real @aws-sdk/client-lambda reaches it through AWS_ENDPOINT_URL_LAMBDA.
type Answer = { status: number; body: unknown; headers?: Record<string, string> };
let server: Server;
let answer: Answer;
const requests: { path: string; body: any }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString() || 'null') });
      res.writeHead(answer.status, { 'content-type': 'application/json', 'x-amzn-requestid': 'r', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_LAMBDA: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    AWS_ACCESS_KEY_ID: 'operator', AWS_SECRET_ACCESS_KEY: 'operator',
  });
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
beforeEach(() => {
  requests.length = 0;
});

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runDecryptCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out, err };
}

describe('npm run decrypt', () => {
  it('invokes the environment\'s Decrypt function with the operator event and prints the value', async () => {
    answer = { status: 200, body: { Status: 'OK', Field: 'zip', Data: '02134' } };
    expect(await run('--env', 'stage', 'QUJD')).toEqual({ code: 0, out: ['zip: 02134'], err: [] });
    expect(requests).toEqual([{ path: '/2015-03-31/functions/secure-input-stage-decrypt/invocations', body: { Details: { Parameters: { encrypted: 'QUJD' } } } }]);
  });

  it.each([
    ['a refusal', { status: 200, body: { Status: 'ERROR', Message: 'ciphertext belongs to another environment' } }, /^decrypt refused: ciphertext belongs to another environment$/],
    ['a function error', { status: 200, body: { errorMessage: 'x' }, headers: { 'x-amz-function-error': 'Unhandled' } }, /^the decrypt function failed \(Unhandled\)/],
    ['access denied', { status: 403, body: { Type: 'User', message: 'no' }, headers: { 'x-amzn-errortype': 'AccessDeniedException' } }, /^access denied: your identity may not invoke secure-input-dev-decrypt$/],
    ['a missing function', { status: 404, body: { Type: 'User', Message: 'no' }, headers: { 'x-amzn-errortype': 'ResourceNotFoundException' } }, /^function secure-input-dev-decrypt not found in us-east-1/],
  ])('turns %s into one line and a non-zero exit', async (_name, reply, line) => {
    answer = reply as Answer;
    const { code, out, err } = await run('--env=dev', 'QUJD');
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toMatch(line);
    expect(err[0]).not.toContain('QUJD');
  });

  it.each([
    [[], /^missing --env/],
    [['--env', 'dev'], /^expected exactly one ciphertext/],
    [['--env', 'dev', 'a', 'b'], /^expected exactly one ciphertext/],
    [['--env', 'nosuch', 'QUJD'], new RegExp(`^unknown environment "nosuch": one of ${environmentInputs.map((e) => e.name).join(', ')}$`)],
  ])('refuses %j with usage help', async (argv, line) => {
    const { code, err } = await run(...argv);
    expect(code).toBe(2);
    expect(err).toEqual([expect.stringMatching(line)]);
    expect(requests).toEqual([]);
  });
});

describe('without AWS credentials', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    // Nothing the SDK's default chain could find: no keys, no profile files, no container or instance role.
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_ROLE_ARN',
      'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) delete process.env[name];
    Object.assign(process.env, { AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials', AWS_CONFIG_FILE: '/nonexistent/config', AWS_EC2_METADATA_DISABLED: 'true' });
  });
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  it('says so in one line, exits non-zero and sends nothing', async () => {
    const { code, out, err } = await run('--env', 'dev', 'QUJD');
    expect({ code, out, requests }).toEqual({ code: 1, out: [], requests: [] });
    expect(err).toEqual([expect.stringMatching(/^no AWS credentials found: /)]);
  });
});

it('tells other failures apart from missing credentials', () => {
  expect(describeFailure(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }), 'f', 'us-east-1')).toBe('could not invoke f: TimeoutError');
});
