import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { environmentInputs, loadEnvironments } from '../environments';
import type { DecryptResult } from '../functions/decrypt/handler';
import { functionName } from '../stacks/naming';

export const USAGE = 'usage: npm run decrypt -- --env <environment> <ciphertext>';

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

type Parsed = { env: string; ciphertext: string } | { error: string };

export function parseArgs(argv: readonly string[]): Parsed {
  let env: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--env') env = argv[++i];
    else if (argv[i]!.startsWith('--env=')) env = argv[i]!.slice('--env='.length);
    else rest.push(argv[i]!);
  }
  if (!env) return { error: `missing --env. ${USAGE}` };
  if (rest.length !== 1) return { error: `expected exactly one ciphertext. ${USAGE}` };
  return { env, ciphertext: rest[0]! };
}

/** One clear line for each way an invocation can fail; never the ciphertext. */
export function describeFailure(err: unknown, fn: string, region: string): string {
  const name = (err as { name?: string })?.name ?? '';
  if (name === 'CredentialsProviderError' || /credential/i.test((err as Error)?.message ?? '')) {
    return 'no AWS credentials found: sign in with your operator identity (e.g. aws sso login) and try again';
  }
  if (name === 'AccessDeniedException') return `access denied: your identity may not invoke ${fn}`;
  if (name === 'ResourceNotFoundException') return `function ${fn} not found in ${region}: is this environment deployed?`;
  return `could not invoke ${fn}: ${name || 'unknown error'}`;
}

/** Invokes the environment's Decrypt function with the operator's own credentials; returns the exit code. */
export async function runDecryptCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(argv);
  if ('error' in parsed) {
    io.err(parsed.error);
    return 2;
  }
  const env = loadEnvironments(environmentInputs).find((e) => e.name === parsed.env);
  if (!env) {
    io.err(`unknown environment "${parsed.env}": one of ${environmentInputs.map((e) => e.name).join(', ')}`);
    return 2;
  }
  const fn = functionName(env, 'decrypt');
  try {
    const client = new LambdaClient({ region: env.region, maxAttempts: 2 });
    const result = await client.send(new InvokeCommand({
      FunctionName: fn,
      Payload: Buffer.from(JSON.stringify({ Details: { Parameters: { encrypted: parsed.ciphertext } } })),
    }));
    if (result.FunctionError) {
      io.err(`the decrypt function failed (${result.FunctionError}): see its log group`);
      return 1;
    }
    const answer = JSON.parse(Buffer.from(result.Payload ?? []).toString('utf8') || '{}') as Partial<DecryptResult>;
    if (answer.Status === 'OK') {
      io.out(`${answer.Field}: ${answer.Data}`);
      return 0;
    }
    io.err(`decrypt refused: ${'Message' in answer && typeof answer.Message === 'string' ? answer.Message : 'no reason given'}`);
    return 1;
  } catch (err) {
    io.err(describeFailure(err, fn, env.region));
    return 1;
  }
}
