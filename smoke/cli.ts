// npm run smoke -- --env <env> [--local] [--alias-arn <arn>] [--card visa|mastercard]: one capture per
// secure field through the bot, then Decrypt; docs/operations.md, "Smoke test". Exit 0 when every check
// passed, 1 with one line when one failed or AWS could not be reached, 2 for bad arguments.
import { environmentInputs, loadEnvironments } from '../environments';
import { runSmoke } from './smoke-run';
import { SmokeFailure, type SmokeTarget } from './smoke-target';
import { TEST_CARD_NUMBERS, smokeValues } from './test-values';
import { liveEnvironment, liveTarget, type LiveEnvironment } from './live-target';

export const USAGE = 'usage: npm run smoke -- --env <environment> [--local] [--alias-arn <arn>] [--card visa|mastercard]';

export interface SmokeCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Options {
  env: string;
  local: boolean;
  aliasArn?: string;
  card: keyof typeof TEST_CARD_NUMBERS;
}

export function parseSmokeArgs(argv: readonly string[]): Options | { error: string } {
  const o: Partial<Options> = { local: false, card: 'visa' };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--env') o.env = argv[++i];
    else if (a === '--local') o.local = true;
    else if (a === '--alias-arn') o.aliasArn = argv[++i];
    else if (a === '--card') {
      const card = argv[++i];
      if (card !== 'visa' && card !== 'mastercard') return { error: `--card must be visa or mastercard. ${USAGE}` };
      o.card = card;
    } else return { error: `unknown argument "${a.slice(0, 40).replace(/[^\w=.:/-]/g, '?')}". ${USAGE}` };
  }
  if (!o.env) return { error: `missing --env. ${USAGE}` };
  if (o.local && o.aliasArn) return { error: `--alias-arn is for the live alias, not --local. ${USAGE}` };
  return o as Options;
}

/** One line for a failure; never a value (SmokeFailure messages never carry one, SDK errors are named only). */
export function describeSmokeFailure(err: unknown): string {
  if (err instanceof SmokeFailure) return `smoke test failed: ${err.message}`;
  const name = (err as { name?: string })?.name ?? '';
  const message = (err as Error)?.message ?? '';
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) return 'smoke test failed: no AWS credentials found (sign in, or run it from the deploy workflow as the smoke role)';
  if (name === 'AccessDeniedException') return 'smoke test failed: access denied (the smoke role may only call RecognizeText on this alias and invoke Decrypt)';
  if (name === 'ResourceNotFoundException') return 'smoke test failed: the bot alias or the Decrypt function was not found: is this environment deployed?';
  return `smoke test failed: ${name || 'unknown error'}`;
}

export interface SmokeCliDeps {
  /**
   * --local's target. Injected (scripts/smoke.ts) so that the CI tool built from smoke/ci-entry.ts holds the
   * live mode only, never the simulator, the synthesizer or the function bundler.
   */
  local?: (envName: string) => Promise<SmokeTarget>;
  /**
   * The environment by name; default: the validated configs, without the bot's name pattern (so the
   * alias must be named). `npm run smoke` passes smoke/stack-environment.ts, which reads the pattern from
   * the synthesized stack; the CI tool reads ci/ci-facts.json.
   */
  environment?: (name: string) => LiveEnvironment | undefined;
  /** The environments to name when one is unknown. */
  knownEnvironments?: () => string[];
}

function configuredEnvironment(name: string): LiveEnvironment | undefined {
  const env = loadEnvironments(environmentInputs).find((e) => e.name === name);
  return env && liveEnvironment(env);
}

export async function runSmokeCli(argv: readonly string[], io: SmokeCliIo, deps: SmokeCliDeps = {}): Promise<number> {
  const parsed = parseSmokeArgs(argv);
  if ('error' in parsed) {
    io.err(parsed.error);
    return 2;
  }
  const env = (deps.environment ?? configuredEnvironment)(parsed.env);
  if (!env) {
    const known = deps.knownEnvironments?.() ?? (deps.environment ? undefined : environmentInputs.map((e) => e.name));
    io.err(`unknown environment "${parsed.env}"${known ? `: one of ${known.join(', ')}` : ''}`);
    return 2;
  }
  let target: SmokeTarget | undefined;
  try {
    if (parsed.local && !deps.local) {
      io.err('--local is not available in this build: run npm run smoke -- --local from a checkout');
      return 2;
    }
    target = parsed.local ? await deps.local!(env.name) : await liveTarget(env, parsed.aliasArn);
    io.out(`smoke test against ${target.description}`);
    await runSmoke(target, smokeValues(parsed.card), io);
    io.out('smoke test passed');
    return 0;
  } catch (err) {
    io.err(describeSmokeFailure(err));
    return 1;
  } finally {
    await target?.close();
  }
}
