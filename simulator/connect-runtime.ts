// One contact through a contact flow: the flow's actions run in order from StartAction, each through
// its model (connect-actions.ts), taking the branch Connect takes. Flow logs are written for blocks that
// run while logging is on; bot blocks talk to the Lex runtime model with the contact id as session id.
import { randomUUID } from 'node:crypto';
import type { ContactFlow, FlowAction } from '../flows/flow-language';
import { Caller, type CallerTurn } from './caller-script';
import { ACTION_MODELS, branchOn, promptOf, type ContactState, type Step } from './connect-actions';
import { collectDtmf, type InputSettings, type LexInput } from './input';
import type { LexReply, LexRuntime } from './lex-runtime';
import { describeTurn, Transcript } from './transcript';

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

export interface ContactOptions {
  flow: ContactFlow;
  flowName: string;
  /** Lex runtimes by the alias ARN a flow names. */
  bots: Map<string, LexRuntime>;
  caller: Caller;
  instanceFlowLogs: boolean;
  clock: { now(): number; advance(ms: number): void };
}

const MAX_STEPS = 500;
const MAX_INPUTS_PER_BOT_BLOCK = 20;

/** The Lex results a flow can read after a bot block ($.Lex.*). */
interface LexResults {
  IntentName: string;
  Slots: Record<string, string>;
  SessionAttributes: Record<string, string>;
}

export class CallState implements ContactState {
  readonly contactId = randomUUID();
  attributes: Record<string, string> = {};
  flowLogging: boolean;
  // Whatever the instance, the queue or an earlier flow set is not in the stack: a contact enters this
  // flow with recording and analytics possibly on, so the simulator starts them on (the worst case).
  recording = true;
  analytics = true;
  queue?: string;
  lex: LexResults = { IntentName: '', Slots: {}, SessionAttributes: {} };
  readonly transcript = new Transcript();
  readonly recorded: string[] = [];
  private pendingLog?: Omit<FlowLogEntry, 'ContactId' | 'ContactFlowName' | 'ContactFlowModuleType' | 'Identifier' | 'Timestamp'>;

  constructor(private readonly options: ContactOptions) {
    // With flow logs on for the instance, every block logs until a Set logging behavior block says otherwise.
    this.flowLogging = options.instanceFlowLogs;
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

  /** A flow value: a JSONPath into the contact ($.Lex..., $.Attributes..., $.ContactId) or static text. */
  resolve(value: string): string {
    if (!value.startsWith('$.')) return value;
    const [, ns, ...rest] = value.split('.');
    const key = rest.join('.');
    if (ns === 'ContactId') return this.contactId;
    if (ns === 'Attributes') return this.attributes[key] ?? '';
    if (ns === 'Lex') {
      const [part, ...name] = rest;
      const k = name.join('.');
      if (part === 'IntentName') return this.lex.IntentName;
      if (part === 'Slots') return this.lex.Slots[k] ?? '';
      if (part === 'SessionAttributes') return this.lex.SessionAttributes[k] ?? '';
    }
    return '';
  }

  /** ConnectParticipantWithLexBot: the prompt, then Lex turns until the conversation closes. */
  async runBot(action: FlowAction): Promise<Step> {
    const p = action.Parameters as { LexV2Bot: { AliasArn: string }; LexSessionAttributes?: Record<string, string>; LexInitilizationData?: { InitialMessage?: string }; LexInitializationData?: { InitialMessage?: string } };
    const lex = this.options.bots.get(p.LexV2Bot.AliasArn);
    this.lex = { IntentName: '', Slots: {}, SessionAttributes: {} };
    if (!lex) {
      this.say('the bot alias is not one this instance is associated with');
      return { error: 'NoMatchingError' };
    }
    if (p.LexSessionAttributes) {
      lex.applySessionAttributes(this.contactId, Object.fromEntries(Object.entries(p.LexSessionAttributes).map(([k, v]) => [k, this.resolve(v)])));
    }
    this.play(this.resolve(promptOf(action)));
    // The API reference spells it LexInitilizationData; the other spelling is accepted too.
    const initial = (p.LexInitilizationData ?? p.LexInitializationData)?.InitialMessage;
    let reply: LexReply | undefined;
    if (initial) {
      this.say('Connect sends the initial message to the bot');
      reply = await lex.recognize(this.contactId, { mode: 'Text', transcript: this.resolve(initial) });
    }
    for (let inputs = 0; ; inputs++) {
      if (reply && reply.kind !== 'waiting') break;
      if (inputs >= MAX_INPUTS_PER_BOT_BLOCK) return { error: 'NoMatchingError' };
      for (const m of reply?.messages ?? []) this.play(m);
      const settings = reply?.nextInput ?? lex.inputSettings(this.contactId);
      const turn = this.options.caller.answer();
      const heard = hear(turn, settings);
      this.say(describeTurn(turn, heard));
      if (this.recording || this.analytics) this.recorded.push('silence' in turn ? '' : 'say' in turn ? turn.say : turn.keys);
      this.options.clock.advance(heard.mode === 'none' ? settings.startTimeoutMs : inputDuration(turn, heard, settings));
      if (heard.mode === 'none') {
        this.say(`no input within ${settings.startTimeoutMs} ms`);
        this.log(action, { Parameters: action.Parameters, Results: 'InputTimeLimitExceeded' });
        return { error: 'InputTimeLimitExceeded' };
      }
      reply = await lex.recognize(this.contactId, heard);
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
    return branchOn(action, this.lex.IntentName);
  }

  /** Runs the flow to its end. */
  async run(): Promise<ContactResult> {
    const { flow } = this.options;
    const byId = new Map(flow.Actions.map((a) => [a.Identifier, a]));
    const path: string[] = [];
    const flowLogs: FlowLogEntry[] = [];
    let id: string | undefined = flow.StartAction;
    let end: ContactResult['end'] = 'loop';
    for (let steps = 0; id && steps < MAX_STEPS; steps++) {
      const action = byId.get(id);
      if (!action) {
        this.transcript.add(`[${id}] does not exist: the call ends`);
        end = 'unhandled-error';
        break;
      }
      path.push(id);
      this.transcript.add(`[${id}] ${action.Type}`);
      const model = ACTION_MODELS[action.Type];
      if (!model) throw new Error(`action type ${action.Type} is not modelled by the simulator`);
      const logging = this.flowLogging;
      this.pendingLog = undefined;
      const step = await model(action, this);
      if (logging && this.options.instanceFlowLogs) {
        flowLogs.push({
          ContactId: this.contactId, ContactFlowName: this.options.flowName, ContactFlowModuleType: action.Type, Identifier: id,
          Timestamp: new Date(this.options.clock.now()).toISOString(), ...(this.pendingLog ?? { Parameters: action.Parameters }),
        });
      }
      if ('end' in step) {
        end = step.end;
        id = undefined;
      } else if ('error' in step) {
        const branch = (action.Transitions.Errors ?? []).find((e) => e.ErrorType === step.error);
        this.say(`-> ${step.error}${branch ? '' : ' (no branch for it: the call ends)'}`);
        if (!branch) end = 'unhandled-error';
        id = branch?.NextAction;
      } else {
        if (step.branch !== 'next') this.say(`-> ${step.branch}`);
        id = step.next;
      }
    }
    return { contactId: this.contactId, path, attributes: { ...this.attributes }, flowLogs, recorded: [...this.recorded], end, transcript: this.transcript };
  }
}

function hear(turn: CallerTurn, settings: InputSettings): LexInput {
  if ('silence' in turn) return { mode: 'none' };
  if ('keys' in turn) return settings.allowDtmf ? collectDtmf(turn.keys, settings.dtmf) : { mode: 'none' };
  return settings.allowAudio ? { mode: 'Speech', transcript: turn.say } : { mode: 'none' };
}

/** Simulated time a turn takes: about 300 ms a key or 400 ms a word, plus the end timeout when it applies. */
function inputDuration(turn: CallerTurn, heard: LexInput, settings: InputSettings): number {
  if ('keys' in turn) return turn.keys.length * 300 + (heard.mode === 'DTMF' && heard.ended === 'timeout' ? settings.dtmf.endTimeoutMs : 0);
  if ('say' in turn) return turn.say.split(/\s+/).length * 400 + 2000;
  return 0;
}
