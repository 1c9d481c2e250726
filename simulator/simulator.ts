// A simulated deployment: the KMS stand-in, one warm container of the code hook, the Lex runtime of the
// alias the Connect instance is associated with, and the flow. `play` runs one call from a caller script.
import { SECURE_FIELDS } from '../contract/secure-fields';
import { startKmsStandIn, type KmsStandIn, type StandInMode } from '../stand-ins/kms-stand-in';
import { Caller, type CallerScript } from './caller-script';
import { ACTION_MODELS } from './connect-actions';
import { CallState, type FlowLogEntry, type SilenceOutcome } from './connect-runtime';
import { DeploymentError, type Deployment } from './deployment';
import { startContainer, type LambdaContainer } from './lambda-host';
import { BotLocaleModel } from './lex-bot';
import { LexRuntime } from './lex-runtime';

export interface CallResult {
  path: string[];
  contactAttributes: Record<string, string>;
  outcome: 'captured' | 'failed';
  lexTurns: number;
  kmsCalls: number;
  flowLogs: FlowLogEntry[];
  lambdaLogs: string[];
  /** Not in --json: the readable transcript, how the call ended, and what a recording would have kept. */
  transcript: string;
  end: string;
  recorded: string[];
  /** The contact's id, which the ciphertexts' encryption context names. */
  contactId: string;
}

export interface Simulator {
  readonly deployment: Deployment;
  readonly kms: KmsStandIn;
  /** The alias's Lex runtime, for drivers that speak to the bot directly (the smoke test's --local). */
  readonly lex: LexRuntime;
  play(script: CallerScript, options?: CallOptions): Promise<CallResult>;
  close(): Promise<void>;
}

export interface SimulatorOptions {
  /** The stand-in's mode for every call (tests may change `kms.mode` between calls). */
  kmsMode?: StandInMode;
  /** What Lex does when the caller says nothing (connect-runtime.ts); default DEFAULT_SILENCE. */
  silence?: SilenceOutcome;
}

export interface CallOptions {
  silence?: SilenceOutcome;
  /** The contact's language as it reaches the flow (default en-US). */
  languageCode?: string;
}

// Stand-in ids for what Terraform would know only after apply.
const BOT_IDS = { id: 'SIMBOT0001', aliasId: 'SIMALIAS01', version: '1' };
const TERRAFORM_REFERENCE = /\$\{[^}]+\}/;

/** The function's variables with Terraform references resolved to this simulation's resources. */
function resolveVariables(variables: Record<string, string>, kms: KmsStandIn): Record<string, string> {
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => {
    if (/^\$\{aws_kms_key\.[^.}]+\.arn\}$/.test(value)) return [name, kms.keyArn];
    if (TERRAFORM_REFERENCE.test(value)) throw new DeploymentError(`the code hook's variable ${name} refers to ${value}, which the simulator cannot stand in for`);
    return [name, value];
  }));
}

export async function startSimulator(deployment: Deployment, options: SimulatorOptions = {}): Promise<Simulator> {
  const unmodelled = [...new Set(deployment.flow.Actions.map((a) => a.Type))].filter((type) => !ACTION_MODELS[type]);
  if (unmodelled.length) throw new DeploymentError(`the flow uses action type(s) the simulator does not model: ${unmodelled.join(', ')}`);
  const kms = await startKmsStandIn();
  kms.mode = options.kmsMode ?? 'ok';
  kms.requiredContext = deployment.requiredContext;
  let container: LambdaContainer | undefined;
  try {
    if (deployment.codeHook) {
      container = startContainer(deployment.codeHook, resolveVariables(deployment.codeHook.variables, kms), {
        AWS_REGION: deployment.env.region, AWS_DEFAULT_REGION: deployment.env.region,
        AWS_ENDPOINT_URL_KMS: kms.url, AWS_ACCESS_KEY_ID: 'simulated', AWS_SECRET_ACCESS_KEY: 'simulated',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      });
    }
  } catch (err) {
    await kms.close();
    throw err;
  }
  if (deployment.bot.BotLocales.length === 0) {
    container?.dispose();
    await kms.close();
    throw new DeploymentError('the bot has no locale');
  }
  let clockMs = Date.UTC(2026, 0, 1);
  const clock = { now: () => clockMs, advance: (ms: number) => void (clockMs += ms) };
  let lambdaLogs: string[] = [];
  // One runtime per bot locale: a bot block talks to the locale of the contact's language.
  const runtimes = new Map(deployment.bot.BotLocales.map((locale) => [locale.LocaleId, new LexRuntime({
    bot: new BotLocaleModel(deployment.bot, locale),
    botIds: { ...BOT_IDS, name: deployment.bot.Name, aliasName: deployment.aliasName },
    codeHook: container,
    now: clock.now,
    onHookLogs: (lines) => lambdaLogs.push(...lines),
  })]));
  const lex = runtimes.get(deployment.env.lex.locales[0]!) ?? [...runtimes.values()][0]!;
  const bots = new Map([[deployment.aliasArn, runtimes]]);
  const turns = () => [...runtimes.values()].reduce((n, r) => n + r.turns, 0);

  return {
    deployment,
    kms,
    lex,
    async play(script, callOptions = {}) {
      lambdaLogs = [];
      const turnsBefore = turns();
      const kmsBefore = kms.calls.GenerateDataKey + kms.calls.Decrypt;
      const call = new CallState({
        flow: deployment.flow, flowName: deployment.flowName, bots, caller: new Caller(script), instanceFlowLogs: deployment.instanceFlowLogs, clock,
        silence: callOptions.silence ?? options.silence, languageCode: callOptions.languageCode,
      });
      const result = await call.run();
      const captured = SECURE_FIELDS.every((f) => (result.attributes[f.contactAttribute] ?? '') !== '');
      return {
        path: result.path,
        contactAttributes: result.attributes,
        outcome: captured ? 'captured' : 'failed',
        lexTurns: turns() - turnsBefore,
        kmsCalls: kms.calls.GenerateDataKey + kms.calls.Decrypt - kmsBefore,
        flowLogs: result.flowLogs,
        lambdaLogs,
        transcript: result.transcript.text(),
        end: result.end,
        recorded: result.recorded,
        contactId: result.contactId,
      };
    },
    async close() {
      container?.dispose();
      await kms.close();
    },
  };
}
