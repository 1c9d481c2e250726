// npm run --silent decrypt -- --env <env> --contact <contact-id> --reason "<why>" [--field <field>] [--reveal]
//                            [--ciphertext <base64>]
// An operator, signed in with their own AWS credentials, asks the deployed Decrypt function for one
// contact's values. See docs/operators-decrypt.md.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { parseArgs as parseNodeArgs } from 'node:util';
import { environmentInputs, loadEnvironments } from '../environments';
import type { DecryptAnswer } from '../contract/decrypt-answer';
import { MAX_REASON_LENGTH, MIN_VISIBLE_CHARACTERS, reasonProblem, validContactId } from '../contract/decrypt-request';
import { SECURE_FIELDS } from '../contract/secure-fields';
import { functionName } from '../stacks/naming';

const FIELDS = SECURE_FIELDS.map((s) => s.field);

export const USAGE = `usage: npm run --silent decrypt -- --env <environment> --contact <contact-id> --reason "<ticket or reason>" [--field ${FIELDS.join('|')}] [--reveal] [--ciphertext <base64>]`;
export const HELP = [
  USAGE,
  '',
  'Asks the environment\'s Decrypt function for the values captured on one contact, read from the contact\'s',
  'attributes in Amazon Connect, or for one ciphertext copied from elsewhere (--ciphertext, with --field).',
  'Each ciphertext must belong to that contact and field. Values are masked unless --reveal is given.',
  '',
  '  --env <name>          environment: ' + environmentInputs.map((e) => e.name).join(', '),
  '  --contact <id>        the Connect contact id (a UUID)',
  `  --reason <text>       why (a ticket number): 1-${MAX_REASON_LENGTH} printable characters on one line, at least ${MIN_VISIBLE_CHARACTERS} letters or`,
  '                        digits, no card number (any digits, any separators); kept in the audit log',
  `  --field <field>       only this field (${FIELDS.join(' or ')}); both by default`,
  '  --reveal              show the full values instead of the last digits',
  '  --ciphertext <base64> decrypt this ciphertext (needs --field) instead of the contact\'s attribute',
  '  --help                this text',
  '',
  'Prints one line per field ("<field>: <value>") on stdout and nothing else.',
  'Exit codes: 0 decrypted, 1 refused or failed (one line on stderr), 2 usage error.',
].join('\n');

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface CliRequest {
  env: string;
  payload: Record<string, unknown>;
}

type Parsed = CliRequest | { help: true } | { error: string };

const OPTIONS = {
  env: { type: 'string' }, contact: { type: 'string' }, reason: { type: 'string' }, field: { type: 'string' },
  ciphertext: { type: 'string' }, reveal: { type: 'boolean' }, help: { type: 'boolean' },
} as const;

/**
 * Printable ASCII only: anything else (control and format characters, U+2028 and U+2029, which some
 * terminals and log viewers take as line breaks, and every other non-ASCII character) becomes `?`.
 */
export const printable = (text: string): string => text.replace(/[^\x20-\x7E]/gu, '?');
/** A field value as Decrypt answers one: digits, and `*` where masked. Anything else becomes `?`. */
export const printableValue = (text: string): string => text.replace(/[^0-9*]/gu, '?');

// node:util's messages quote the offending argument, which may be a pasted ciphertext: say it without it.
function parseProblem(err: unknown, argv: readonly string[]): string {
  const code = (err as { code?: string }).code;
  const flag = argv.find((a) => /^--?[A-Za-z][\w-]{0,30}(=|$)/.test(a) && !(a.replace(/^--?/, '').split('=')[0]! in OPTIONS));
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return flag ? `unknown option ${flag.split('=')[0]}` : 'unknown option';
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return 'unexpected argument: every value goes after its flag (a ciphertext after --ciphertext)';
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const name = /'(--[a-z]+)/.exec((err as Error).message)?.[1];
    return `${name ?? 'an option'} ${name && OPTIONS[name.slice(2) as keyof typeof OPTIONS]?.type === 'boolean' ? 'takes no value' : 'needs a value'}`;
  }
  return 'could not read the arguments';
}

export function parseArgs(argv: readonly string[]): Parsed {
  let parsed: ReturnType<typeof parseNodeArgs<{ options: typeof OPTIONS; tokens: true; strict: true; allowPositionals: false; args: string[] }>>;
  try {
    parsed = parseNodeArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false, tokens: true });
  } catch (err) {
    return { error: `${parseProblem(err, argv)}. ${USAGE}` };
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name)) return { error: `--${token.name} given more than once. ${USAGE}` };
    seen.add(token.name);
  }
  const { values } = parsed;
  if (values.help) return { help: true };
  if (!values.env) return { error: `missing --env. ${USAGE}` };
  if (!values.contact) return { error: `missing --contact. ${USAGE}` };
  if (!validContactId(values.contact)) return { error: '--contact must be a Connect contact id (a UUID)' };
  const problem = reasonProblem(values.reason);
  if (problem) return { error: `--reason: ${problem}. ${USAGE}` };
  if (values.field !== undefined && !FIELDS.includes(values.field as never)) return { error: `--field must be one of ${FIELDS.join(', ')}` };
  const reveal = values.reveal ?? false;
  const common = { contactId: values.contact, reason: values.reason };
  if (values.ciphertext !== undefined) {
    if (values.field === undefined) return { error: `--ciphertext needs --field to say what it holds. ${USAGE}` };
    return { env: values.env, payload: { ...common, field: values.field, encrypted: values.ciphertext, reveal } };
  }
  return { env: values.env, payload: { ...common, fields: values.field ? [values.field] : FIELDS, reveal } };
}

/** One clear line for each way an invocation can fail; never the ciphertext. */
export function describeFailure(err: unknown, fn: string, region: string): string {
  const name = (err as { name?: string })?.name ?? '';
  if (name === 'CredentialsProviderError' || /credential/i.test((err as Error)?.message ?? '')) {
    return 'no AWS credentials found: sign in with your operator identity (e.g. aws sso login) and try again';
  }
  if (name === 'AccessDeniedException') return `access denied: your identity may not invoke ${fn}`;
  if (name === 'ResourceNotFoundException') return `function ${fn} not found in ${region}: is this environment deployed?`;
  return `could not invoke ${fn}: ${printable(name) || 'unknown error'}`;
}

/** Invokes the environment's Decrypt function with the operator's own credentials; returns the exit code. */
export async function runDecryptCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  if ('help' in parsed) {
    for (const line of HELP.split('\n')) io.out(line);
    return 0;
  }
  if ('error' in parsed) {
    io.err(parsed.error);
    return 2;
  }
  const env = loadEnvironments(environmentInputs).find((e) => e.name === parsed.env);
  if (!env) {
    io.err(`unknown environment "${printable(parsed.env)}": one of ${environmentInputs.map((e) => e.name).join(', ')}`);
    return 2;
  }
  const fn = functionName(env, 'decrypt');
  try {
    const client = new LambdaClient({ region: env.region, maxAttempts: 2 });
    const result = await client.send(new InvokeCommand({ FunctionName: fn, Payload: Buffer.from(JSON.stringify(parsed.payload)) }));
    if (result.FunctionError) {
      io.err(`the decrypt function failed (${printable(result.FunctionError)}): see its log group`);
      return 1;
    }
    let answer: Partial<DecryptAnswer> & { Fields?: unknown; Code?: unknown; Message?: unknown };
    try {
      answer = JSON.parse(Buffer.from(result.Payload ?? []).toString('utf8'));
    } catch {
      answer = {};
    }
    const requestId = result.$metadata.requestId ? ` (request id ${printable(result.$metadata.requestId)})` : '';
    if (answer?.Status === 'OK' && typeof answer.Fields === 'object' && answer.Fields !== null) {
      const fields = Object.entries(answer.Fields as Record<string, unknown>).filter(([f, v]) => FIELDS.includes(f as never) && typeof v === 'string');
      if (fields.length === 0) {
        io.err(`the decrypt function answered without values${requestId}`);
        return 1;
      }
      for (const [field, value] of fields) io.out(`${field}: ${printableValue(value as string)}`);
      return 0;
    }
    const code = typeof answer?.Code === 'string' ? printable(answer.Code) : 'error';
    const message = typeof answer?.Message === 'string' ? printable(answer.Message) : 'no reason given';
    io.err(`decrypt refused (${code}): ${message}${requestId}`);
    return 1;
  } catch (err) {
    io.err(describeFailure(err, fn, env.region));
    return 1;
  }
}
