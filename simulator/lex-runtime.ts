// The Lex V2 runtime as Connect drives it: one session per session id (Connect's contact id) kept until
// the bot's idle TTL, intent classification, slot elicitation under the slot type's regex with the
// slot's retries and per-attempt input settings, dialog and fulfillment code hooks with the Lex V2
// event and response contract, FallbackIntent. docs/simulator.md cites the doc page for each behaviour.
import { randomUUID } from 'node:crypto';
import type { LexV2Event } from 'aws-lambda';
import { lexResponseProblems } from '../stand-ins/lex-events';
import { BotLocaleModel, type Classification } from './lex-bot';
import { DEFAULT_INPUT, withSessionAttributes, type InputSettings, type LexInput } from './input';
import type { InvokeResult } from './lambda-host';

type SlotValue = { shape: 'Scalar'; value: { originalValue: string; interpretedValue: string; resolvedValues: string[] } };
type Slots = Record<string, SlotValue | null>;

interface ActiveIntent {
  name: string;
  slots: Slots;
  state: string;
  confirmationState: 'None' | 'Confirmed' | 'Denied';
}

type Dialog =
  | { type: 'ElicitIntent' }
  | { type: 'ElicitSlot'; slot: string; attempt: number }
  | { type: 'ConfirmIntent' }
  | { type: 'Close' };

interface Session {
  id: string;
  attributes: Record<string, string>;
  intent?: ActiveIntent;
  dialog: Dialog;
  lastActiveMs: number;
}

/** What Lex answers Connect after one input. */
export interface LexReply {
  /** `waiting`: Lex prompts and waits for the caller; `closed`: the conversation is over; `error`: the request failed. */
  kind: 'waiting' | 'closed' | 'error';
  messages: string[];
  intent?: { name: string; state: string; slots: Slots };
  sessionAttributes: Record<string, string>;
  /** The runtime response's `sessionState.dialogAction`: what Lex does next. */
  dialogAction: { type: Dialog['type']; slotToElicit?: string };
  /** The runtime response's interpretations: the intents NLU considered, with the slots it recognised this turn. */
  interpretations: { intent: { name: string; slots: Slots }; nluConfidence: number }[];
  /** Settings for the caller's next input (the elicited slot's attempt, or Lex's defaults). */
  nextInput: InputSettings;
  error?: string;
}

export interface CodeHook {
  invoke(event: LexV2Event): Promise<InvokeResult>;
}

export interface LexRuntimeOptions {
  bot: BotLocaleModel;
  botIds: { id: string; name: string; aliasId: string; aliasName: string; version: string };
  codeHook?: CodeHook;
  /** The simulated clock, in ms. */
  now: () => number;
  onHookLogs?: (lines: string[]) => void;
}

const slotValue = (originalValue: string, interpretedValue: string): SlotValue => ({ shape: 'Scalar', value: { originalValue, interpretedValue, resolvedValues: [interpretedValue] } });
const MAX_HOOK_CALLS_PER_TURN = 4;

export class LexRuntime {
  private readonly sessions = new Map<string, Session>();
  turns = 0;
  hookCalls = 0;

  constructor(private readonly options: LexRuntimeOptions) {}

  private get bot() {
    return this.options.bot;
  }

  /** The session, or a new one when none exists or it sat idle past the bot's IdleSessionTTLInSeconds. */
  private session(id: string): Session {
    const now = this.options.now();
    const ttlMs = this.bot.bot.IdleSessionTTLInSeconds * 1000;
    let s = this.sessions.get(id);
    if (!s || now - s.lastActiveMs > ttlMs) {
      s = { id, attributes: {}, dialog: { type: 'ElicitIntent' }, lastActiveMs: now };
      this.sessions.set(id, s);
    }
    s.lastActiveMs = now;
    return s;
  }

  /** Connect's session attributes for this request: they override what the session holds. */
  applySessionAttributes(sessionId: string, attributes: Record<string, string>): void {
    const s = this.session(sessionId);
    s.attributes = { ...s.attributes, ...attributes };
  }

  /** What the next input of this session is collected under. */
  inputSettings(sessionId: string): InputSettings {
    const s = this.session(sessionId);
    if (s.dialog.type === 'ElicitSlot' && s.intent) {
      return withSessionAttributes(this.bot.attemptSettings(s.intent.name, s.dialog.slot, s.dialog.attempt), s.attributes, s.intent.name, s.dialog.slot);
    }
    return withSessionAttributes(DEFAULT_INPUT, s.attributes);
  }

  /**
   * One input of the caller (or a client's text): the first turn is classified against the sample
   * utterances, later turns fill the slot being elicited. `requestAttributes` are what the client adds
   * (Connect: `x-amz-lex:dtmf-transcript` for keyed input); they reach the code hook unchanged.
   */
  async recognize(sessionId: string, input: Exclude<LexInput, { mode: 'none' }>, requestAttributes?: Record<string, string>): Promise<LexReply> {
    return this.turn(sessionId, { hookCalls: 0, input, interpretations: [], requestAttributes }, (s, turn) => {
      if (s.dialog.type === 'ElicitSlot' && s.intent) return this.elicited(s, s.dialog, turn);
      if (s.dialog.type === 'ConfirmIntent' && s.intent) return this.confirmed(s, turn);
      return this.classified(s, turn);
    });
  }

  /**
   * The start timeout passed with no input. What Lex V2 does then is documented nowhere (docs/simulator.md):
   * `fallback` hands the turn to FallbackIntent; `empty-turn` runs it as an empty input through whatever Lex
   * was doing: an empty slot value for the intent being elicited (its dialog code hook), or, before any
   * intent, an utterance that matches none (FallbackIntent). The third outcome, the block's error branch,
   * never reaches Lex (connect-runtime.ts).
   */
  async silence(sessionId: string, outcome: 'empty-turn' | 'fallback'): Promise<LexReply> {
    const input = { mode: 'Speech' as const, transcript: '' };
    return this.turn(sessionId, { hookCalls: 0, input, interpretations: [] }, (s, turn) => {
      const dialog = s.dialog;
      if (dialog.type !== 'ElicitSlot' || !s.intent) return this.classified(s, turn);
      if (outcome === 'fallback') return this.fallBack(s, turn);
      turn.interpretations = [{ intent: { name: s.intent.name, slots: { ...s.intent.slots, [dialog.slot]: null } }, nluConfidence: 1 }];
      return this.afterInput(s, turn, { type: 'ElicitSlot', slot: dialog.slot, attempt: dialog.attempt + 1 });
    });
  }

  private async turn(sessionId: string, turn: Turn, run: (s: Session, turn: Turn) => Promise<LexReply>): Promise<LexReply> {
    this.turns++;
    const s = this.session(sessionId);
    try {
      return await run(s, turn);
    } catch (err) {
      if (!(err instanceof LexRequestError)) throw err;
      s.dialog = { type: 'ElicitIntent' };
      return { ...this.reply(s, 'error', [], turn), error: err.message };
    }
  }

  private async classified(s: Session, turn: Turn): Promise<LexReply> {
    const candidates = this.bot.classify(turn.input.transcript);
    const top = candidates[0];
    if (!top) throw new LexRequestError('NoIntentMatched');
    turn.interpretations = candidates.map((c) => ({ intent: { name: c.intent, slots: this.filledSlots(c) }, nluConfidence: c.confidence }));
    s.intent = { name: top.intent, slots: this.filledSlots(top), state: 'InProgress', confirmationState: 'None' };
    return this.afterInput(s, turn, this.proposal(s));
  }

  private async elicited(s: Session, dialog: Extract<Dialog, { type: 'ElicitSlot' }>, turn: Turn): Promise<LexReply> {
    const intent = s.intent!;
    const resolved = this.bot.resolveSlot(intent.name, dialog.slot, turn.input.transcript);
    if (resolved) {
      intent.slots = { ...intent.slots, [dialog.slot]: slotValue(resolved.originalValue, resolved.interpretedValue) };
      turn.interpretations = [{ intent: { name: intent.name, slots: { ...intent.slots } }, nluConfidence: 1 }];
      return this.afterInput(s, turn, this.proposal(s));
    }
    turn.interpretations = [{ intent: { name: intent.name, slots: { ...intent.slots, [dialog.slot]: null } }, nluConfidence: 1 }];
    // No value the slot type accepts: Lex re-prompts with the next attempt until MaxRetries, then hands the
    // conversation to FallbackIntent (Lex V2 developer guide, AMAZON.FallbackIntent).
    if (dialog.attempt >= this.bot.maxRetries(intent.name, dialog.slot)) return this.fallBack(s, turn);
    return this.afterInput(s, turn, { type: 'ElicitSlot', slot: dialog.slot, attempt: dialog.attempt + 1 });
  }

  /** FallbackIntent takes over: its own code hooks if it enables them, else it is fulfilled as is. */
  private async fallBack(s: Session, turn: Turn): Promise<LexReply> {
    const fallback = this.bot.fallback;
    if (!fallback) {
      s.intent!.state = 'Failed';
      s.dialog = { type: 'Close' };
      return this.reply(s, 'closed', [], turn);
    }
    s.intent = { name: fallback.Name, slots: {}, state: 'InProgress', confirmationState: 'None' };
    return this.afterInput(s, turn, { type: 'Fulfil' });
  }

  private async confirmed(s: Session, turn: Turn): Promise<LexReply> {
    const yes = /^(yes|yeah|yep|sure|ok(ay)?|1)\b/i.test(turn.input.transcript.trim());
    s.intent!.confirmationState = yes ? 'Confirmed' : 'Denied';
    if (!yes) {
      s.intent!.state = 'Failed';
      s.dialog = { type: 'Close' };
      return this.reply(s, 'closed', [], turn);
    }
    return this.fulfil(s, turn);
  }

  private filledSlots(c: Classification): Slots {
    const intent = this.bot.intent(c.intent);
    const slots: Slots = Object.fromEntries((intent?.Slots ?? []).map((slot) => [slot.Name, null]));
    for (const [name, span] of Object.entries(c.slots)) {
      const v = this.bot.resolveSlot(c.intent, name, span);
      if (v) slots[name] = slotValue(v.originalValue, v.interpretedValue);
    }
    return slots;
  }

  /** What Lex would do next on its own: elicit the first empty required slot, else fulfil. */
  private proposal(s: Session): Proposal {
    const slot = this.bot.nextRequiredSlot(s.intent!.name, s.intent!.slots);
    return slot ? { type: 'ElicitSlot', slot, attempt: 0 } : { type: 'Fulfil' };
  }

  /** After an input was read: the dialog code hook if the intent enables it, else Lex's own next step. */
  private async afterInput(s: Session, turn: Turn, proposed: Proposal): Promise<LexReply> {
    if (!this.bot.hooks(s.intent!.name).dialog) return this.follow(s, turn, proposed);
    const response = await this.callHook(s, turn, 'DialogCodeHook', proposed);
    return this.applyResponse(s, turn, response, proposed);
  }

  private async follow(s: Session, turn: Turn, proposed: Proposal): Promise<LexReply> {
    if (proposed.type === 'Fulfil') return this.fulfil(s, turn);
    s.dialog = { type: 'ElicitSlot', slot: proposed.slot, attempt: proposed.attempt };
    s.intent!.state = 'InProgress';
    const prompt = this.bot.slotPrompt(s.intent!.name, proposed.slot);
    return this.reply(s, 'waiting', prompt ? [prompt] : [], turn);
  }

  private async fulfil(s: Session, turn: Turn): Promise<LexReply> {
    s.intent!.state = 'ReadyForFulfillment';
    if (!this.bot.hooks(s.intent!.name).fulfillment) {
      s.intent!.state = 'Fulfilled';
      s.dialog = { type: 'Close' };
      return this.reply(s, 'closed', [], turn);
    }
    const response = await this.callHook(s, turn, 'FulfillmentCodeHook');
    return this.applyResponse(s, turn, response, { type: 'Close' });
  }

  private async callHook(s: Session, turn: Turn, source: LexV2Event['invocationSource'], proposed?: Proposal): Promise<HookResponse> {
    const hook = this.options.codeHook;
    if (!hook) throw new LexRequestError('DependencyFailedException: no code hook on the alias');
    if (++turn.hookCalls > MAX_HOOK_CALLS_PER_TURN) throw new LexRequestError('LoopDetected');
    this.hookCalls++;
    const result = await hook.invoke(this.event(s, turn, source, proposed));
    this.options.onHookLogs?.(result.logs);
    if (!result.ok) throw new LexRequestError(`DependencyFailedException: the code hook failed (${result.error})`);
    if (lexResponseProblems(result.payload).length > 0) throw new LexRequestError('DependencyFailedException: invalid code hook response');
    return result.payload as HookResponse;
  }

  /** The Lex V2 code hook event (LexV2Event in @types/aws-lambda; Lex V2 developer guide, "Input event format"). */
  private event(s: Session, turn: Turn, source: LexV2Event['invocationSource'], proposed?: Proposal): LexV2Event {
    const { input } = turn;
    const intent = { name: s.intent!.name, slots: s.intent!.slots, state: source === 'FulfillmentCodeHook' ? 'ReadyForFulfillment' : 'InProgress', confirmationState: s.intent!.confirmationState };
    const ids = this.options.botIds;
    return {
      messageVersion: '1.0',
      invocationSource: source,
      inputMode: input.mode,
      responseContentType: 'text/plain; charset=utf-8',
      sessionId: s.id,
      inputTranscript: input.transcript,
      requestAttributes: { ...(turn.requestAttributes ?? {}) },
      bot: { id: ids.id, name: ids.name, aliasId: ids.aliasId, aliasName: ids.aliasName, localeId: this.bot.locale.LocaleId, version: ids.version },
      interpretations: turn.interpretations.map((i) => ({ interpretationSource: 'Lex', intent: { ...i.intent, state: 'InProgress', confirmationState: 'None' }, nluConfidence: i.nluConfidence })) as never,
      ...(proposed && proposed.type === 'ElicitSlot'
        ? { proposedNextState: { dialogAction: { type: 'ElicitSlot', slotToElicit: proposed.slot }, intent, prompt: { attempt: attemptName(proposed.attempt) } } as never }
        : {}),
      sessionState: { sessionAttributes: { ...s.attributes }, activeContexts: [], intent, originatingRequestId: randomUUID() } as never,
      transcriptions: input.mode === 'Speech'
        ? [{ transcription: input.transcript, transcriptionConfidence: 0.9, resolvedContext: { intent: s.intent!.name }, resolvedSlots: {} }] as never
        : [],
    } as unknown as LexV2Event;
  }

  /** The code hook's answer applied as Lex V2 applies it (developer guide, "Response format"). */
  private async applyResponse(s: Session, turn: Turn, response: HookResponse, proposed: Proposal | { type: 'Close' }): Promise<LexReply> {
    const state = response.sessionState;
    if (state.sessionAttributes) s.attributes = { ...state.sessionAttributes };
    const name = state.intent?.name ?? s.intent!.name;
    if (!this.bot.intent(name)) throw new LexRequestError(`DependencyFailedException: the code hook named an intent the bot does not have`);
    const sameIntent = name === s.intent!.name;
    s.intent = {
      name,
      slots: state.intent?.slots ? (state.intent.slots as Slots) : sameIntent ? s.intent!.slots : {},
      state: state.intent?.state ?? 'InProgress',
      confirmationState: sameIntent ? s.intent!.confirmationState : 'None',
    };
    const messages = (response.messages ?? []).map((m) => m.content).filter((m): m is string => typeof m === 'string');
    const action = state.dialogAction;
    switch (action.type) {
      case 'Close':
        s.dialog = { type: 'Close' };
        return this.reply(s, 'closed', messages, turn);
      case 'ElicitSlot': {
        const slot = action.slotToElicit!;
        if (!this.bot.slot(name, slot)) throw new LexRequestError('DependencyFailedException: ElicitSlot names a slot the intent does not have');
        const attempt = proposed.type === 'ElicitSlot' && proposed.slot === slot && sameIntent ? proposed.attempt : 0;
        s.dialog = { type: 'ElicitSlot', slot, attempt };
        s.intent.state = 'InProgress';
        const prompt = this.bot.slotPrompt(name, slot);
        return this.reply(s, 'waiting', messages.length ? messages : prompt ? [prompt] : [], turn);
      }
      case 'Delegate': {
        // Lex takes its own next step with the slots the hook returned.
        if (proposed.type === 'Close') {
          s.intent.state = 'Fulfilled';
          s.dialog = { type: 'Close' };
          return this.reply(s, 'closed', messages, turn);
        }
        const next = this.proposal(s);
        const keep = proposed.type === 'ElicitSlot' && next.type === 'ElicitSlot' && next.slot === proposed.slot ? proposed : next;
        const reply = await this.follow(s, turn, keep);
        return { ...reply, messages: [...messages, ...reply.messages] };
      }
      case 'ElicitIntent':
        s.dialog = { type: 'ElicitIntent' };
        return this.reply(s, 'waiting', messages, turn);
      case 'ConfirmIntent':
        s.dialog = { type: 'ConfirmIntent' };
        return this.reply(s, 'waiting', messages, turn);
      default:
        throw new LexRequestError('DependencyFailedException: unknown dialog action');
    }
  }

  private reply(s: Session, kind: LexReply['kind'], messages: string[], turn: Turn): LexReply {
    return {
      kind,
      messages,
      intent: s.intent ? { name: s.intent.name, state: s.intent.state, slots: { ...s.intent.slots } } : undefined,
      sessionAttributes: { ...s.attributes },
      dialogAction: s.dialog.type === 'ElicitSlot' ? { type: s.dialog.type, slotToElicit: s.dialog.slot } : { type: s.dialog.type },
      interpretations: turn.interpretations,
      nextInput: kind === 'waiting' ? this.inputSettings(s.id) : DEFAULT_INPUT,
    };
  }
}

type Proposal = { type: 'ElicitSlot'; slot: string; attempt: number } | { type: 'Fulfil' };

interface Turn {
  hookCalls: number;
  requestAttributes?: Record<string, string>;
  input: Exclude<LexInput, { mode: 'none' }>;
  interpretations: LexReply['interpretations'];
}

interface HookResponse {
  sessionState: {
    sessionAttributes?: Record<string, string>;
    dialogAction: { type: string; slotToElicit?: string };
    intent?: { name?: string; state?: string; slots?: Record<string, unknown> };
  };
  messages?: { contentType: string; content?: string }[];
}

const attemptName = (attempt: number) => (attempt === 0 ? 'Initial' : `Retry${attempt}`);

class LexRequestError extends Error {}
