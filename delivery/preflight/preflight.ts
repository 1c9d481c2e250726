import { App } from 'cdktf';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadAllEnvironments, type EnvironmentConfig } from '../../environments';
import type { TerraformJson } from '../../stacks/policy-rules/rule';
import { SecureInputStack } from '../../stacks/secure-input-stack';
import { awsClients, checkConcurrency, checkConnect, checkExistingInstance, checkPrincipals, CredentialsProblem } from './aws-checks';
import { redact } from './redact';
import { stackNeeds } from './stack-needs';

export const USAGE = 'usage: npm run preflight -- --env <environment>';

export interface PreflightIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export function parsePreflightArgs(argv: readonly string[]): { env: string } | { error: string } {
  let env: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--env') env = argv[++i];
    else if (argv[i]!.startsWith('--env=')) env = argv[i]!.slice('--env='.length);
    else rest.push(argv[i]!);
  }
  if (!env) return { error: `missing --env. ${USAGE}` };
  if (rest.length > 0) return { error: `unexpected argument. ${USAGE}` };
  return { env };
}

/** The environment stack exactly as `npm run synth` writes it, synthesized into a temporary folder. */
export function synthesizeEnvironmentStack(env: EnvironmentConfig): TerraformJson {
  const outdir = mkdtempSync(path.join(tmpdir(), 'preflight-'));
  try {
    const app = new App({ outdir, stackTraces: false });
    new SecureInputStack(app, env);
    app.synth();
    return JSON.parse(readFileSync(path.join(outdir, 'stacks', env.name, 'cdk.tf.json'), 'utf8')) as TerraformJson;
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * Before an environment's first deploy (after its bootstrap stack): with the caller's credentials, checks
 * that every principal the stack names exists, that the account's quotas allow what it creates and, with an
 * existing Connect instance, that the instance and its numbers are there and have room. One
 * line per problem and exit 1; one line and exit 0 when all is well; exit 2 for bad usage.
 */
export async function runPreflight(argv: readonly string[], io: PreflightIo, environments: readonly EnvironmentConfig[] = loadAllEnvironments()): Promise<number> {
  const parsed = parsePreflightArgs(argv);
  if ('error' in parsed) {
    io.err(parsed.error);
    return 2;
  }
  const env = environments.find((e) => e.name === parsed.env);
  if (!env) {
    io.err(`unknown environment "${parsed.env}": one of ${environments.map((e) => e.name).join(', ')}`);
    return 2;
  }
  const say = (write: (line: string) => void, line: string) => write(redact(line, env.account));
  const needs = stackNeeds(synthesizeEnvironmentStack(env), env);
  const clients = awsClients(env.region);
  try {
    const results = [
      await checkPrincipals(clients.iam, needs.principals, env.account),
      await checkConcurrency(clients.lambda, needs, env.region),
      // An existing instance: that it exists, its per-instance quotas and its numbers, not the instance quota.
      needs.existingInstance ? await checkExistingInstance(clients, needs.existingInstance, needs) : await checkConnect(clients, needs, env.region),
    ];
    const problems = results.flatMap((r) => r.problems);
    for (const problem of problems) say(io.err, `preflight ${env.name}: ${problem}`);
    if (problems.length > 0) return 1;
    say(io.out, `preflight ${env.name}: ready to deploy to ${env.account} ${env.region}: ${results.map((r) => r.summary).join('; ')}`);
    return 0;
  } catch (err) {
    if (!(err instanceof CredentialsProblem)) throw err;
    say(io.err, `preflight ${env.name}: ${err.message}`);
    return 1;
  }
}
