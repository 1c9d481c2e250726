// npm run simulate -- --env <env> --script <file.json> [--entry flow|module] [--json] [--kms ok|throttle|deny|stall]
//   [--silence error|fallback|empty-turn] [--lex-in-module readable|unreadable]
// Plays one call against the environment's synthesized flow, capture module and bot and the bundled code hook.
// Exit 0 when the call ran (captured or not); 2 for a bad script or environment, with one line.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseCallerScript, ScriptError } from './caller-script';
import { DEFAULT_LEX_IN_MODULE, DEFAULT_SILENCE, LEX_IN_MODULE, SILENCE_OUTCOMES, type LexInModule, type SilenceOutcome } from './connect-runtime';
import { DeploymentError, loadDeployment, type Deployment } from './deployment';
import { ENTRIES, startSimulator, type CallResult, type Entry } from './simulator';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `usage: npm run simulate -- --env <env> --script <file.json> [--entry ${ENTRIES.join('|')}] [--json] [--kms ok|throttle|deny|stall] [--silence ${SILENCE_OUTCOMES.join('|')}] [--lex-in-module ${LEX_IN_MODULE.join('|')}]`;
const KMS_MODES = ['ok', 'throttle', 'deny', 'stall'] as const;

/** The --json object: exactly these keys; the module's answer beside `outcome`. */
export function jsonReport(r: CallResult) {
  const { path, contactAttributes, outcome, secureInputResult, lexTurns, kmsCalls, flowLogs, lambdaLogs } = r;
  return { path, contactAttributes, outcome, secure_input_result: secureInputResult, lexTurns, kmsCalls, flowLogs, lambdaLogs };
}

export async function runSimulateCli(argv: string[], io: CliIo, load: (env: string) => Deployment = loadDeployment): Promise<number> {
  let args;
  try {
    args = parseArgs({ args: argv, strict: true, allowPositionals: false, options: {
      env: { type: 'string' }, script: { type: 'string' }, json: { type: 'boolean' }, kms: { type: 'string' }, silence: { type: 'string' },
      entry: { type: 'string' }, 'lex-in-module': { type: 'string' },
    } }).values;
  } catch (err) {
    io.err(`${(err as Error).message.split('\n')[0]} (${USAGE})`);
    return 2;
  }
  if (!args.env) return fail(io, `missing --env (${USAGE})`);
  if (!args.script) return fail(io, `missing --script (${USAGE})`);
  const kmsMode = (args.kms ?? 'ok') as (typeof KMS_MODES)[number];
  if (!KMS_MODES.includes(kmsMode)) return fail(io, `--kms must be one of ${KMS_MODES.join(', ')}`);
  const silence = (args.silence ?? DEFAULT_SILENCE) as SilenceOutcome;
  if (!SILENCE_OUTCOMES.includes(silence)) return fail(io, `--silence must be one of ${SILENCE_OUTCOMES.join(', ')}`);
  const entry = (args.entry ?? 'flow') as Entry;
  if (!ENTRIES.includes(entry)) return fail(io, `--entry must be one of ${ENTRIES.join(', ')}`);
  const lexInModule = (args['lex-in-module'] ?? DEFAULT_LEX_IN_MODULE) as LexInModule;
  if (!LEX_IN_MODULE.includes(lexInModule)) return fail(io, `--lex-in-module must be one of ${LEX_IN_MODULE.join(', ')}`);
  let text: string;
  try {
    text = readFileSync(args.script, 'utf8');
  } catch {
    return fail(io, `cannot read the script file ${args.script}`);
  }
  let deployment: Deployment;
  let script;
  try {
    script = parseCallerScript(text);
    deployment = load(args.env);
  } catch (err) {
    if (err instanceof ScriptError || err instanceof DeploymentError) return fail(io, err.message);
    if ((err as Error).name === 'EnvironmentConfigError') return fail(io, (err as Error).message.split('\n')[0]!);
    throw err;
  }
  let sim;
  try {
    sim = await startSimulator(deployment, { kmsMode, silence, lexInModule });
  } catch (err) {
    if (err instanceof DeploymentError) return fail(io, err.message);
    throw err;
  }
  try {
    const result = await sim.play(script, { entry });
    if (args.json) io.out(JSON.stringify(jsonReport(result)));
    else {
      const entered = entry === 'flow' ? `flow ${deployment.flowName} (invoking module ${deployment.module.name})` : `module ${deployment.module.name}, invoked by a minimal caller flow`;
      io.out(`Simulated call on ${deployment.env.name}: ${entered}, bot ${deployment.bot.Name} (alias ${deployment.aliasName}); silence assumed to end in: ${silence}; Lex session attributes in a module (undocumented): ${lexInModule}`);
      for (const line of result.transcript.split('\n')) io.out(line);
      io.out(`outcome: ${result.outcome} (call ${result.end}); secure_input_result: ${result.secureInputResult ?? '(not set)'}; ${result.lexTurns} Lex turns, ${result.kmsCalls} KMS calls, ${result.flowLogs.length} flow log entries, ${result.lambdaLogs.length} Lambda log lines`);
      io.out('contact attributes:');
      const entries = Object.entries(result.contactAttributes);
      if (entries.length === 0) io.out('  (none)');
      for (const [k, v] of entries) io.out(`  ${k} = ${v === '' ? '(empty)' : v}`);
    }
    return 0;
  } finally {
    await sim.close();
  }
}

function fail(io: CliIo, line: string): number {
  io.err(line);
  return 2;
}
