import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { environmentInputs } from '../environments';
import { describeFailure, parseArgs, runDecryptCli } from './decrypt-cli';

// A Lambda stand-in on 127.0.0.1: the real @aws-sdk/client-lambda reaches it through AWS_ENDPOINT_URL_LAMBDA.
type Answer = { status: number; body: unknown; headers?: Record<string, string> };
let server: Server;
let answer: Answer;
const requests: { path: string; body: any }[] = [];
const CONTACT = '0b5c1e6e-7d2a-4c1b-9a8e-3f2d1c0b9a87';
const REASON = 'ticket OPS-42';

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      requests.push({ path: req.url ?? '', body: JSON.parse(Buffer.concat(chunks).toString() || 'null') });
      res.writeHead(answer.status, { 'content-type': 'application/json', 'x-amzn-requestid': 'req-7', ...answer.headers });
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
  it('asks the environment\'s Decrypt function for both fields of a contact, masked, and prints one line per field', async () => {
    answer = { status: 200, body: { Status: 'OK', ContactId: CONTACT, Fields: { 'card-number': '************1111', zip: '***34' } } };
    expect(await run('--env', 'stage', '--contact', CONTACT, '--reason', REASON)).toEqual({ code: 0, out: ['card-number: ************1111', 'zip: ***34'], err: [] });
    expect(requests).toEqual([{
      path: '/2015-03-31/functions/secure-input-stage-decrypt/invocations',
      body: { contactId: CONTACT, reason: REASON, fields: ['card-number', 'zip'], reveal: false },
    }]);
  });

  it('passes --field, --reveal and --ciphertext in the event contract', async () => {
    answer = { status: 200, body: { Status: 'OK', ContactId: CONTACT, Fields: { zip: '02134' } } };
    expect(await run('--env=dev', `--contact=${CONTACT}`, '--reason', REASON, '--field', 'zip', '--reveal')).toMatchObject({ code: 0, out: ['zip: 02134'] });
    expect(await run('--env=dev', '--contact', CONTACT, '--reason', REASON, '--field', 'zip', '--ciphertext', 'QUJD')).toMatchObject({ code: 0 });
    expect(requests.map((r) => r.body)).toEqual([
      { contactId: CONTACT, reason: REASON, fields: ['zip'], reveal: true },
      { contactId: CONTACT, reason: REASON, field: 'zip', encrypted: 'QUJD', reveal: false },
    ]);
  });

  it('never prints a control character, whatever the function answers', async () => {
    answer = { status: 200, body: { Status: 'OK', ContactId: CONTACT, Fields: { zip: '\u001b[2J021\u000734', 'evil\n': 'x' } } };
    const { code, out } = await run('--env', 'dev', '--contact', CONTACT, '--reason', REASON, '--field', 'zip');
    expect({ code, out }).toEqual({ code: 0, out: ['zip: ??2?021?34'] });
    answer = { status: 200, body: { Status: 'ERROR', Code: 'corrupt', Message: 'bad\r\u001b]0;x\u0007' } };
    const refused = await run('--env', 'dev', '--contact', CONTACT, '--reason', REASON);
    expect(refused.err[0]).not.toMatch(/\p{C}/u);
  });

  it('prints only printable ASCII: no line or paragraph separator (U+2028, U+2029), nothing outside a value\'s format', async () => {
    const hostile = 'a\u2028b\u2029c\u0085d\u00A0e\u202Ef\u200Bg\u{1F600}h';
    answer = { status: 200, body: { Status: 'OK', ContactId: CONTACT, Fields: { 'card-number': `****\u2028****\u2029****1111`, zip: '***34\u00A0' } } };
    const shown = await run('--env', 'dev', '--contact', CONTACT, '--reason', REASON);
    expect(shown).toEqual({ code: 0, out: ['card-number: ****?****?****1111', 'zip: ***34?'], err: [] });
    answer = { status: 200, body: { Status: 'ERROR', Code: `corrupt${hostile}`, Message: hostile } };
    const refused = await run('--env', 'dev', '--contact', CONTACT, '--reason', REASON);
    expect(refused.err).toEqual(['decrypt refused (corrupta?b?c?d?e?f?g?h): a?b?c?d?e?f?g?h (request id req-7)']);
    for (const line of [...shown.out, ...refused.err]) expect(line).toMatch(/^[\x20-\x7E]*$/);
  });

  it.each([
    ['a refusal', { status: 200, body: { Status: 'ERROR', Code: 'context-mismatch', Message: 'the ciphertext is not this contact\'s zip' } }, /^decrypt refused \(context-mismatch\): the ciphertext is not this contact's zip \(request id req-7\)$/],
    ['an answer without values', { status: 200, body: { Status: 'OK', Fields: {} } }, /^the decrypt function answered without values/],
    ['a function error', { status: 200, body: { errorMessage: 'x' }, headers: { 'x-amz-function-error': 'Unhandled' } }, /^the decrypt function failed \(Unhandled\)/],
    ['access denied', { status: 403, body: { Type: 'User', message: 'no' }, headers: { 'x-amzn-errortype': 'AccessDeniedException' } }, /^access denied: your identity may not invoke secure-input-dev-decrypt$/],
    ['a missing function', { status: 404, body: { Type: 'User', Message: 'no' }, headers: { 'x-amzn-errortype': 'ResourceNotFoundException' } }, /^function secure-input-dev-decrypt not found in us-east-1/],
  ])('turns %s into one line on stderr and exit 1', async (_name, reply, line) => {
    answer = reply as Answer;
    const { code, out, err } = await run('--env=dev', '--contact', CONTACT, '--reason', REASON, '--field', 'zip', '--ciphertext', 'QUJD');
    expect({ code, out }).toEqual({ code: 1, out: [] });
    expect(err).toEqual([expect.stringMatching(line)]);
    expect(err[0]).not.toContain('QUJD');
  });

  const base = ['--env', 'dev', '--contact', CONTACT, '--reason', REASON];
  it.each([
    [[], /^missing --env/],
    [['--env', 'dev', '--reason', REASON], /^missing --contact/],
    [['--env', 'dev', '--contact', CONTACT], /^--reason: a reason is required/],
    [['--env', 'dev', '--contact', CONTACT, '--reason', ''], /^--reason: a reason is required/],
    [['--env', 'dev', '--contact', CONTACT, '--reason', 'x'.repeat(201)], /^--reason: the reason must be at most 200 characters/],
    [['--env', 'dev', '--contact', CONTACT, '--reason', 'why\u0007'], /^--reason: the reason must hold printable characters on one line only/],
    [['--env', 'dev', '--contact', 'c-1', '--reason', REASON], /^--contact must be a Connect contact id/],
    [[...base, '--field', 'ssn'], /^--field must be one of card-number, zip$/],
    [[...base, '--ciphertext', 'QUJD'], /^--ciphertext needs --field/],
    [[...base, '--verbose'], /^unknown option --verbose\. usage/],
    [[...base, 'QUJD'], /^unexpected argument: every value goes after its flag/],
    [[...base, '--field'], /^--field needs a value/],
    [[...base, '--reveal', '--reveal'], /^--reveal given more than once/],
    [[...base, '--env', 'prod'], /^--env given more than once/],
    [[...base, '--reveal=yes'], /^--reveal takes no value/],
    [['--env', 'no-such-env', '--contact', CONTACT, '--reason', REASON], new RegExp(`^unknown environment "no-such-env": one of ${environmentInputs.map((e) => e.name).join(', ')}$`)],
  ])('refuses %j with exit 2 and sends nothing', async (argv, line) => {
    const { code, out, err } = await run(...argv);
    expect({ code, out }).toEqual({ code: 2, out: [] });
    expect(err).toEqual([expect.stringMatching(line)]);
    expect(err[0]).not.toContain('QUJD');
    expect(requests).toEqual([]);
  });

  const CARD = '5491893773337426';
  it.each([
    ['a card number with dots', CARD.match(/.{4}/g)!.join('.')],
    ['a card number with en dashes', CARD.match(/.{4}/g)!.join('\u2013')],
    ['a card number in Arabic-Indic digits', [...CARD].map((d) => String.fromCodePoint(0x0660 + Number(d))).join('')],
    ['a card number next to a ticket number', `ref 1 ${CARD}`],
    ['HANGUL FILLERs only', '\u3164\u3164\u3164'],
    ['combining marks only', '\u0301\u0302\u0303'],
    ['a line separator', 'OPS-1\u2028x'],
  ])('applies Decrypt\'s reason rule before sending: %s is refused with exit 2, nothing sent and not echoed', async (_name, reason) => {
    const { code, out, err } = await run('--env', 'dev', '--contact', CONTACT, '--reason', reason);
    expect({ code, out, requests }).toEqual({ code: 2, out: [], requests: [] });
    expect(err).toEqual([expect.stringMatching(/^--reason: the reason must /)]);
    expect(err[0]).not.toContain(reason);
    expect(err[0]).not.toContain(CARD.slice(0, 8));
  });

  it.each([['INC 2024-11-23 1234567'], ['case 12345678-90123']])('sends the legitimate reason %j', async (reason) => {
    answer = { status: 200, body: { Status: 'OK', ContactId: CONTACT, Fields: { zip: '***34' } } };
    expect(await run('--env', 'dev', '--contact', CONTACT, '--reason', reason, '--field', 'zip')).toMatchObject({ code: 0 });
    expect(requests.map((r) => r.body.reason)).toEqual([reason]);
  });

  it('prints --help on stdout with the exit codes, and exits 0', async () => {
    const { code, out, err } = await run('--help');
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(out.join('\n')).toMatch(/Exit codes: 0 decrypted, 1 refused or failed \(one line on stderr\), 2 usage error/);
    expect(parseArgs(['--help', '--env', 'dev'])).toEqual({ help: true });
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

  it('says so in one line, exits 1 and sends nothing', async () => {
    const { code, out, err } = await run('--env', 'dev', '--contact', CONTACT, '--reason', REASON);
    expect({ code, out, requests }).toEqual({ code: 1, out: [], requests: [] });
    expect(err).toEqual([expect.stringMatching(/^no AWS credentials found: /)]);
  });
});

it('tells other failures apart from missing credentials', () => {
  expect(describeFailure(Object.assign(new Error('socket hang up'), { name: 'TimeoutError' }), 'f', 'us-east-1')).toBe('could not invoke f: TimeoutError');
});
