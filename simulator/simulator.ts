// A simulated deployment: the KMS stand-in, one warm container of the code hook, the Lex runtime of the
// alias the Connect instance is associated with, the flow and the capture module. `play` runs one call from
// a caller script, entering at the flow (the number's entry flow) or at the module as a caller flow would.
import { RESULT_ATTRIBUTE } from '../contract/capture-module';
import { SECURE_FIELDS } from '../contract/secure-fields';
import { FLOW_VERSION, type ContactFlow } from '../flows/flow-language';
import { startKmsStandIn, type KmsStandIn, type StandInMode } from '../stand-ins/kms-stand-in';
import { Caller, type CallerScript } from './caller-script';
import { ACTION_MODELS } from './connect-actions';
import { CallState, type FlowLogEntry, type LexInModule, type SilenceOutcome } from './connect-runtime';
import { DeploymentError, type Deployment } from './deployment';
import { startContainer, type LambdaContainer } from './lambda-host';
import { BotLocaleModel } from './lex-bot';
import { LexRuntime } from './lex-runtime';

export interface CallResult {
  path: string[];
  contactAttributes: Record<string, string>;
  outcome: 'captured' | 'failed';
  /** The module's answer, the contact attribute secure_input_result (null when nothing set it). */
  secureInputResult: string | null;
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
  /** Whether a module reads `$.Lex.SessionAttributes` after its own bot block (undocumented); default readable. */
  lexInModule?: LexInModule;
}

/** Where a call enters: the number's entry flow, or the capture module invoked by a minimal caller flow. */
export const ENTRIES = ['flow', 'module'] as const;
export type Entry = (typeof ENTRIES)[number];

export interface CallOptions {
  silence?: SilenceOutcome;
  /** The contact's language as it reaches the flow (default en-US). */
  languageCode?: string;
  /** Default flow. */
  entry?: Entry;
  lexInModule?: LexInModule;
  /** Contact attributes set before the call reaches the entry (e.g. by the team's flow before it invokes the module). */
  contactAttributes?: Record<string, string>;
}

/** The flow that stands for a team's inbound flow under `--entry module`: invoke the module, then end the call. */
export const MODULE_CALLER_NAME = 'simulated-caller';
export function moduleCaller(moduleId: string): ContactFlow {
  return {
    Version: FLOW_VERSION,
    StartAction: 'invoke-module',
    Actions: [
      { Identifier: 'invoke-module', Type: 'InvokeFlowModule', Parameters: { FlowModuleId: moduleId }, Transitions: { NextAction: 'end-call', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end-call' }] } },
      { Identifier: 'end-call', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
    ],
  };
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
  for (const [what, content] of [['flow', deployment.flow], ['module', deployment.module.content]] as const) {
    const unmodelled = [...new Set(content.Actions.map((a) => a.Type))].filter((type) => !ACTION_MODELS[type]);
    if (unmodelled.length) throw new DeploymentError(`the ${what} uses action type(s) the simulator does not model: ${unmodelled.join(', ')}`);
  }
  if (deployment.bot.BotLocales.length === 0) throw new DeploymentError('the bot has no locale');
  const kms = await startKmsStandIn();
  kms.mode = options.kmsMode ?? 'ok';
  kms.requiredContext = deployment.requiredContext;
  kms.allowedContextKeys = deployment.allowedContextKeys;
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
  const modules = new Map(deployment.module.ids.map((id) => [id, { name: deployment.module.name, flow: deployment.module.content }]));
  const turns = () => [...runtimes.values()].reduce((n, r) => n + r.turns, 0);

  return {
    deployment,
    kms,
    lex,
    async play(script, callOptions = {}) {
      lambdaLogs = [];
      const turnsBefore = turns();
      const kmsBefore = kms.calls.GenerateDataKey + kms.calls.Decrypt;
      const entry = callOptions.entry ?? 'flow';
      const call = new CallState({
        ...(entry === 'flow' ? { flow: deployment.flow, flowName: deployment.flowName } : { flow: moduleCaller(deployment.module.ids[0]!), flowName: MODULE_CALLER_NAME }),
        modules, bots, caller: new Caller(script), instanceFlowLogs: deployment.instanceFlowLogs, clock,
        silence: callOptions.silence ?? options.silence, languageCode: callOptions.languageCode,
        lexInModule: callOptions.lexInModule ?? options.lexInModule, attributes: callOptions.contactAttributes,
      });
      const result = await call.run();
      const captured = SECURE_FIELDS.every((f) => (result.attributes[f.contactAttribute] ?? '') !== '');
      return {
        path: result.path,
        contactAttributes: result.attributes,
        outcome: captured ? 'captured' : 'failed',
        secureInputResult: result.attributes[RESULT_ATTRIBUTE] ?? null,
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
