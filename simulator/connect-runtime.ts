// One contact through a contact flow: the flow's actions run in order from StartAction, each through
// its model (connect-actions.ts), taking the branch Connect takes. Flow logs are written for blocks that
// run while logging is on; bot blocks talk to the Lex runtime model of the contact's language, in a Lex
// session of their own (never the contact id), as a voice call does (docs/simulator.md).
import { randomUUID } from 'node:crypto';
import type { ContactFlow, FlowAction } from '../flows/flow-language';
import { Caller, type CallerTurn } from './caller-script';
import { ACTION_MODELS, branchOn, next, promptOf, type ContactState, type Step } from './connect-actions';
import { collectDtmf, dtmfTranscript, type InputSettings, type LexInput } from './input';
import type { LexReply, LexRuntime } from './lex-runtime';
import { describeKeys, describeTurn, Transcript } from './transcript';

export interface FlowLogEntry {
  ContactId: string;
  ContactFlowName: string;
  ContactFlowModuleType: string;
  Identifier: string;
  Timestamp: string;
  Parameters?: unknown;
  Results?: unknown;
  ExternalResults?: unknown;
}

export interface ContactResult {
  contactId: string;
  path: string[];
  attributes: Record<string, string>;
  flowLogs: FlowLogEntry[];
  /** What a recording or real-time analytics would have kept of the caller (only while they were on). */
  recorded: string[];
  end: 'disconnected' | 'transferred' | 'unhandled-error' | 'loop';
  transcript: Transcript;
}

/**
 * What Lex does when its start timeout passes with no input: documented nowhere (docs/simulator.md), so a
 * run names its assumption. `error`: the bot block takes its error branch; `fallback`: Lex hands the turn to
 * FallbackIntent; `empty-turn`: Lex runs it as an empty input through the intent it was eliciting.
 */
export const SILENCE_OUTCOMES = ['error', 'fallback', 'empty-turn'] as const;
export type SilenceOutcome = (typeof SILENCE_OUTCOMES)[number];
/**
 * The default: the one real artifact that handles silence on a voice Lex block, AWS's
 * aws-samples/amazon-connect-rules-engine (RulesEngineNLUInput.json), routes the block's NoMatchingError
 * to "NOINPUT".
 */
export const DEFAULT_SILENCE: SilenceOutcome = 'error';

/**
 * Whether a module's blocks can read `$.Lex.SessionAttributes` after the module's own bot block. No AWS page
 * says, and no public module does it (AWS's contact-surveys module reads `$.Lex.IntentName` after its own
 * block): `readable` is the default the capture module relies on, `unreadable` models the other answer.
 */
export const LEX_IN_MODULE = ['readable', 'unreadable'] as const;
export type LexInModule = (typeof LEX_IN_MODULE)[number];
export const DEFAULT_LEX_IN_MODULE: LexInModule = 'readable';

export interface ContactOptions {
  flow: ContactFlow;
  flowName: string;
  /** The modules a flow can invoke, by every FlowModuleId that names them. */
  modules?: Map<string, { name: string; flow: ContactFlow }>;
  /** Default DEFAULT_LEX_IN_MODULE. */
  lexInModule?: LexInModule;
  /** Contact attributes the contact holds as it enters the flow (what an earlier flow set). */
  attributes?: Record<string, string>;
  /** Lex runtimes by the alias ARN a flow names, then by bot locale (`en_US`). */
  bots: Map<string, Map<string, LexRuntime>>;
  caller: Caller;
  instanceFlowLogs: boolean;
  clock: { now(): number; advance(ms: number): void };
  silence?: SilenceOutcome;
  /** The contact's language as it enters the flow; default en-US. */
  languageCode?: string;
}

const MAX_STEPS = 500;
/** "You can invoke modules within other modules, supporting up to five levels of nesting" (Flow modules). */
const MAX_MODULE_DEPTH = 5;
const MAX_INPUTS_PER_BOT_BLOCK = 20;
/** The contact is a phone call. */
const CHANNEL = 'VOICE';

/** The Lex results a flow can read after a bot block ($.Lex.*). */
interface LexResults {
  IntentName: string;
  Slots: Record<string, string>;
  SessionAttributes: Record<string, string>;
}
const noLexResults = (): LexResults => ({ IntentName: '', Slots: {}, SessionAttributes: {} });

export class CallState implements ContactState {
  readonly contactId = randomUUID();
  /**
   * The Lex session id Connect uses for this contact. No AWS page says it is the contact id, so the
   * simulator makes it something else: nothing may rely on it. It is kept for the whole contact, so what a
   * bot block leaves in the session is still there at the next one (the worse case for stale values).
   */
  readonly lexSessionId = `lex-${randomUUID()}`;
  attributes: Record<string, string>;
  flowLogging: boolean;
  // Whatever the instance, the queue or an earlier flow set is not in the stack: a contact enters this
  // flow with recording and analytics possibly on, so the simulator starts them on (the worst case).
  recording = true;
  analytics = true;
  queue?: string;
  languageCode: string;
  lex: LexResults = noLexResults();
  readonly transcript = new Transcript();
  readonly recorded: string[] = [];
  /** Keys pressed after an input ended: the start of the next input (the worst case; docs/simulator.md). */
  private pendingKeys = '';
  private pendingLog?: Omit<FlowLogEntry, 'ContactId' | 'ContactFlowName' | 'ContactFlowModuleType' | 'Identifier' | 'Timestamp'>;
  private readonly path: string[] = [];
  private readonly flowLogs: FlowLogEntry[] = [];
  private steps = 0;
  /** The modules the running block is in, outermost first (none: the flow itself). */
  private readonly modules: string[] = [];

  constructor(private readonly options: ContactOptions) {
    // With flow logs on for the instance, every block logs until a Set logging behavior block says otherwise.
    this.flowLogging = options.instanceFlowLogs;
    this.languageCode = options.languageCode ?? 'en-US';
    this.attributes = { ...options.attributes };
  }

  say(line: string): void {
    this.transcript.add(`    ${line}`);
  }

  play(text: string): void {
    if (text) this.transcript.add(`    system: "${text}"`);
    this.options.clock.advance(text.length * 60);
  }

  /** Details of the running block for its flow log entry (Parameters, Results, ExternalResults). */
  log(_action: FlowAction, details: typeof this.pendingLog): void {
    this.pendingLog = details;
  }

  /** A flow value: a JSONPath into the contact ($.Lex..., $.Attributes..., $.ContactId, ...) or static text. */
  resolve(value: string): string {
    if (!value.startsWith('$.')) return value;
    const [, ns, ...rest] = value.split('.');
    const key = rest.join('.');
    if (ns === 'ContactId' || ns === 'InitialContactId') return this.contactId;
    if (ns === 'LanguageCode') return this.languageCode;
    if (ns === 'Channel') return CHANNEL;
    if (ns === 'Attributes') return this.attributes[key] ?? '';
    if (ns === 'Lex') {
      const [part, ...name] = rest;
      const k = name.join('.');
      if (part === 'IntentName') return this.lex.IntentName;
      if (part === 'Slots') return this.lex.Slots[k] ?? '';
      // The one thing the capture module relies on that no AWS page or real module shows: --lex-in-module.
      if (part === 'SessionAttributes') return this.modules.length > 0 && this.options.lexInModule === 'unreadable' ? '' : this.lex.SessionAttributes[k] ?? '';
    }
    return '';
  }

  /** ConnectParticipantWithLexBot on a voice contact: the block's prompt, then Lex turns until Lex is done. */
  async runBot(action: FlowAction): Promise<Step> {
    const p = action.Parameters as { LexV2Bot: { AliasArn: string }; LexSessionAttributes?: Record<string, string> };
    this.lex = noLexResults();
    const locales = this.options.bots.get(p.LexV2Bot.AliasArn);
    if (!locales) {
      this.say('the bot alias is not one this instance is associated with');
      return { error: 'NoMatchingError' };
    }
    // "your language attribute in Amazon Connect must match the language model used to build your Lex bot"
    // ... "the Get customer input block results in an error" (Connect admin guide 2023, Set voice).
    const lex = locales.get(this.languageCode.replace('-', '_'));
    if (!lex) {
      this.say(`the contact's language ${this.languageCode} is none of the bot's locales`);
      return { error: 'NoMatchingError' };
    }
    const session = this.lexSessionId;
    if (p.LexSessionAttributes) {
      lex.applySessionAttributes(session, Object.fromEntries(Object.entries(p.LexSessionAttributes).map(([k, v]) => [k, this.resolve(v)])));
    }
    // "Lex initialization experience is only supported for Chat channel today. The Voice channel is not supported."
    if ('LexInitializationData' in action.Parameters || 'LexInitilizationData' in action.Parameters) this.say('LexInitializationData is chat only: nothing is sent to the bot on a voice call');
    let prompts = [this.resolve(promptOf(action))];
    let reply: LexReply | undefined;
    for (let inputs = 0; ; inputs++) {
      if (inputs >= MAX_INPUTS_PER_BOT_BLOCK) return { error: 'NoMatchingError' };
      // Before the first answer nothing is classified, so only `*:*` session attributes apply (input.ts).
      const settings = reply?.nextInput ?? lex.inputSettings(session);
      const heard = this.listen(prompts, settings);
      if (heard.mode === 'none') {
        this.options.clock.advance(settings.startTimeoutMs);
        const outcome = this.options.silence ?? DEFAULT_SILENCE;
        this.say(`no input within ${settings.startTimeoutMs} ms (Lex's start timeout; assumed outcome: ${outcome})`);
        if (outcome === 'error') {
          this.log(action, { Parameters: action.Parameters, Results: 'Error' });
          return { error: 'NoMatchingError' };
        }
        reply = await lex.silence(session, outcome);
      } else {
        const requestAttributes = { 'x-amz-lex:channels:platform': 'Connect', ...(heard.mode === 'DTMF' ? { 'x-amz-lex:dtmf-transcript': dtmfTranscript(heard) } : {}) };
        reply = await lex.recognize(session, heard, requestAttributes);
      }
      if (reply.kind !== 'waiting') break;
      prompts = reply.messages;
    }
    for (const m of reply.messages) this.play(m);
    if (reply.kind === 'error') {
      this.say(`Lex answered with an error (${reply.error})`);
      this.log(action, { Parameters: action.Parameters, Results: 'Error' });
      return { error: 'NoMatchingError' };
    }
    // $.Lex.Slots: the slots Lex recognised in the last turn (the top interpretation), whatever the code hook returned.
    const top = reply.interpretations[0]?.intent.slots ?? {};
    this.lex = {
      IntentName: reply.intent?.name ?? '',
      Slots: Object.fromEntries(Object.entries(top).filter(([, v]) => v).map(([k, v]) => [k, v!.value.interpretedValue])),
      SessionAttributes: reply.sessionAttributes,
    };
    this.say(`bot closed: intent ${this.lex.IntentName} (${reply.intent?.state})`);
    this.log(action, { Parameters: action.Parameters, Results: this.lex.IntentName, ExternalResults: { ...this.lex } });
    // "Error: If the block is run but results in an error for DTMF, or an intent is not fulfilled in Amazon
    // Lex bot" (Get customer input, Flow block branches). $.Lex stays readable there (assumed).
    if (reply.intent?.state !== 'Fulfilled') return { error: 'NoMatchingError' };
    return branchOn(action, this.lex.IntentName);
  }

  /**
   * The prompts, then the caller's next input under `settings`. Keys left over from an earlier input come
   * first; a turn made during the prompt cuts the prompt short when it may be interrupted, and is lost
   * when it may not (assumed: "If you interrupt the prompt that is not interruptible, the prompt
   * continues to play", Lex V2 guide, interrupt-bot).
   */
  private listen(prompts: string[], settings: InputSettings): LexInput {
    if (this.pendingKeys && settings.allowDtmf) {
      const keys = this.pendingKeys;
      this.playPrompts(prompts);
      const { input, rest } = collectDtmf(keys, settings.dtmf);
      this.pendingKeys = rest;
      this.say(`keys pressed earlier are the next input: ${describeKeys(keys, input, rest)}`);
      this.options.clock.advance(input.ended === 'timeout' ? settings.dtmf.endTimeoutMs : 0);
      return input;
    }
    this.pendingKeys = '';
    let turn = this.options.caller.answer();
    const playing = () => prompts.some((m) => m !== '');
    while ('duringPrompt' in turn && turn.duringPrompt && playing() && !settings.allowInterrupt) {
      this.playPrompts(prompts);
      this.say(`${describeTurn(turn, { mode: 'none' })} during a prompt that cannot be interrupted: not heard`);
      this.keep(turn);
      prompts = [];
      turn = this.options.caller.answer();
    }
    const interrupted = 'duringPrompt' in turn && turn.duringPrompt === true && playing();
    this.playPrompts(prompts);
    const heard = hear(turn, settings);
    const input = heard.input;
    this.pendingKeys = heard.rest;
    this.say(`${describeTurn(turn, input, heard.rest)}${interrupted ? ' (during the prompt, which stops)' : ''}`);
    this.keep(turn);
    this.options.clock.advance(input.mode === 'none' ? 0 : inputDuration(turn, input, settings));
    return input;
  }

  private playPrompts(prompts: string[]): void {
    for (const m of prompts) this.play(m);
  }

  /** What a recording or real-time analytics would keep of the caller's turn while either is on. */
  private keep(turn: CallerTurn): void {
    if (this.recording || this.analytics) this.recorded.push('silence' in turn ? '' : 'say' in turn ? turn.say : turn.keys);
  }

  /** Runs the flow to its end. */
  async run(): Promise<ContactResult> {
    const outcome = await this.runFlow(this.options.flow, this.options.flowName);
    // EndFlowModuleExecution "is available only in flow modules": in a flow it ends nothing (assumed: the call ends).
    const end = 'returned' in outcome ? 'unhandled-error' : outcome.end;
    return { contactId: this.contactId, path: [...this.path], attributes: { ...this.attributes }, flowLogs: [...this.flowLogs], recorded: [...this.recorded], end, transcript: this.transcript };
  }

  /**
   * InvokeFlowModule: "Invokes a flow module" by "The flow module ID or flow module ARN" (static or a
   * JSONPath). The module runs on the same contact: it reads and sets the same contact attributes, and what
   * it sets stays after it returns ("accessible by other areas of Connect Customer, such as other flows,
   * modules", Set contact attributes). Its `$.Lex` is its own: "Modules do not allow overriding flow local
   * data of the invoking flow ... Amazon Lex attributes" (Flow modules, Limitations), so it starts with none
   * and the caller's comes back when it returns. The Return block continues the caller at NextAction (the
   * Success branch); an error inside the module with no branch of its own, an unknown module or more than
   * five levels of modules take the caller's NoMatchingError (the Error branch; assumed, docs/simulator.md).
   */
  async invokeModule(action: FlowAction): Promise<Step> {
    const requested = this.resolve(String(action.Parameters.FlowModuleId ?? ''));
    const module = this.options.modules?.get(requested);
    if (!module || this.modules.length >= MAX_MODULE_DEPTH) {
      this.say(module ? `more than ${MAX_MODULE_DEPTH} levels of modules` : 'no such module in this instance');
      this.log(action, { Parameters: action.Parameters, Results: 'Error' });
      return { error: 'NoMatchingError' };
    }
    this.say(`module ${module.name} runs`);
    const callerLex = this.lex;
    this.lex = noLexResults();
    this.modules.push(module.name);
    let outcome: Awaited<ReturnType<CallState['runFlow']>>;
    try {
      outcome = await this.runFlow(module.flow, module.name);
    } finally {
      this.modules.pop();
      this.lex = callerLex;
    }
    this.log(action, { Parameters: action.Parameters, Results: 'returned' in outcome ? 'Success' : 'Error' });
    if ('returned' in outcome) {
      this.say(`module ${module.name} returned`);
      return next(action);
    }
    if (outcome.end === 'unhandled-error') {
      this.say(`module ${module.name} failed with no branch for its error`);
      return { error: 'NoMatchingError' };
    }
    return { end: outcome.end };
  }

  /** Runs a flow or module from its StartAction until the call ends or, in a module, the Return block. */
  private async runFlow(flow: ContactFlow, flowName: string): Promise<{ end: ContactResult['end'] } | { returned: true }> {
    const byId = new Map(flow.Actions.map((a) => [a.Identifier, a]));
    // A module's actions show in the path and the transcript under the modules they run in: `module/action`.
    const prefix = this.modules.map((name) => `${name}/`).join('');
    let id: string | undefined = flow.StartAction;
    while (id) {
      if (this.steps++ >= MAX_STEPS) return { end: 'loop' };
      const action = byId.get(id);
      if (!action) {
        this.transcript.add(`[${prefix}${id}] does not exist: the call ends`);
        return { end: 'unhandled-error' };
      }
      this.path.push(`${prefix}${id}`);
      this.transcript.add(`[${prefix}${id}] ${action.Type}`);
      const model = ACTION_MODELS[action.Type];
      if (!model) throw new Error(`action type ${action.Type} is not modelled by the simulator`);
      const logging = this.flowLogging;
      this.pendingLog = undefined;
      const step = await model(action, this);
      if (logging && this.options.instanceFlowLogs) {
        this.flowLogs.push({
          ContactId: this.contactId, ContactFlowName: flowName, ContactFlowModuleType: action.Type, Identifier: id,
          Timestamp: new Date(this.options.clock.now()).toISOString(), ...(this.pendingLog ?? { Parameters: action.Parameters }),
        });
      }
      if ('returned' in step) return step;
      if ('end' in step) return { end: step.end };
      if ('error' in step) {
        const branch = (action.Transitions.Errors ?? []).find((e) => e.ErrorType === step.error);
        this.say(`-> ${step.error}${branch ? '' : ' (no branch for it: the call ends)'}`);
        if (!branch) return { end: 'unhandled-error' };
        id = branch.NextAction;
      } else {
        if (step.branch !== 'next') this.say(`-> ${step.branch}`);
        id = step.next;
      }
    }
    return { end: 'loop' };
  }
}

function hear(turn: CallerTurn, settings: InputSettings): { input: LexInput; rest: string } {
  if ('silence' in turn) return { input: { mode: 'none' }, rest: '' };
  if ('keys' in turn) return settings.allowDtmf ? collectDtmf(turn.keys, settings.dtmf) : { input: { mode: 'none' }, rest: '' };
  return { input: settings.allowAudio ? { mode: 'Speech', transcript: turn.say } : { mode: 'none' }, rest: '' };
}

/** Simulated time a turn takes: about 300 ms a key or 400 ms a word, plus the end timeout when it applies. */
function inputDuration(turn: CallerTurn, heard: LexInput, settings: InputSettings): number {
  if ('keys' in turn) return turn.keys.length * 300 + (heard.mode === 'DTMF' && heard.ended === 'timeout' ? settings.dtmf.endTimeoutMs : 0);
  if ('say' in turn) return turn.say.split(/\s+/).length * 400 + 2000;
  return 0;
}
