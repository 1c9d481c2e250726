// The Connect flow language's actions, one small model each (Amazon Connect API reference, "Flow
// language: actions"). Every action type the validator admits (flows/action-types.ts) must have one:
// a test keeps the two lists equal.
import type { FlowAction, FlowCondition } from '../flows/flow-language';

/** Where an action goes: a NextAction, a condition's target, an error branch, the end of the call, or back to the flow that invoked this module. */
export type Step =
  | { next: string; branch: string }
  | { error: string }
  | { end: 'disconnected' | 'transferred' | 'loop' }
  | { returned: true };

/**
 * What an action model reads and changes of the running contact. connect-runtime.ts's CallState is the
 * one implementation; the models name only this, so the runtime imports the models and not the reverse.
 */
export interface ContactState {
  attributes: Record<string, string>;
  flowLogging: boolean;
  recording: boolean;
  analytics: boolean;
  queue?: string;
  /** The contact's language ($.LanguageCode), e.g. en-US. */
  languageCode: string;
  say(line: string): void;
  play(text: string): void;
  /** Details of the running block for its flow log entry. */
  log(action: FlowAction, details: { Parameters?: unknown; Results?: unknown; ExternalResults?: unknown }): void;
  /** A flow value: a JSONPath into the contact or static text. */
  resolve(value: string): string;
  runBot(action: FlowAction): Promise<Step>;
  /** InvokeFlowModule: runs the module to its Return block; the Success branch after, or an error. */
  invokeModule(action: FlowAction): Promise<Step>;
}

export type ActionModel = (action: FlowAction, call: ContactState) => Promise<Step> | Step;

/** The action's NextAction as the step taken, or NoMatchingError when it has none. */
export const next = (action: FlowAction, branch = 'next'): Step =>
  action.Transitions.NextAction ? { next: action.Transitions.NextAction, branch } : { error: 'NoMatchingError' };

const MAX_ATTRIBUTE_BYTES = 32_768;

/** A condition of the flow language ("Actions in the Amazon Connect Flow Language", List of Operators). */
export function conditionHolds(condition: FlowCondition['Condition'], value: string): boolean {
  const number = (v: string) => (v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
  return condition.Operands.some((operand) => {
    const [a, b] = [number(value), number(operand)];
    switch (condition.Operator) {
      case 'Equals': return value === operand;
      case 'TextStartsWith': return value.startsWith(operand);
      case 'TextEndsWith': return value.endsWith(operand);
      case 'TextContains': return value.includes(operand);
      case 'NumberGreaterThan': return a !== undefined && b !== undefined && a > b;
      case 'NumberGreaterOrEqualTo': return a !== undefined && b !== undefined && a >= b;
      case 'NumberLessThan': return a !== undefined && b !== undefined && a < b;
      case 'NumberLessOrEqualTo': return a !== undefined && b !== undefined && a <= b;
      default: return false;
    }
  });
}

/** The first condition that holds, as the step Connect takes, or NoMatchingCondition. */
export function branchOn(action: FlowAction, value: string): Step {
  const hit = (action.Transitions.Conditions ?? []).find((c) => conditionHolds(c.Condition, value));
  return hit ? { next: hit.NextAction, branch: `${hit.Condition.Operator} ${hit.Condition.Operands[0]}` } : { error: 'NoMatchingCondition' };
}

const isRecord = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);

export const ACTION_MODELS: Record<string, ActionModel> = {
  // "Set logging behavior": lasts for the rest of the contact, or until changed.
  UpdateFlowLoggingBehavior(action, call) {
    call.flowLogging = action.Parameters.FlowLoggingBehavior === 'Enabled';
    call.say(`flow logging ${call.flowLogging ? 'on' : 'off'}`);
    return next(action);
  },
  ConnectParticipantWithLexBot: (action, call) => call.runBot(action),
  UpdateContactAttributes(action, call) {
    const values = Object.fromEntries(Object.entries(action.Parameters.Attributes as Record<string, string>).map(([k, v]) => [k, call.resolve(v)]));
    const merged = { ...call.attributes, ...values };
    if (Buffer.byteLength(JSON.stringify(merged)) > MAX_ATTRIBUTE_BYTES) return { error: 'NoMatchingError' };
    call.attributes = merged;
    call.log(action, { Parameters: { Attributes: values } });
    call.say(`contact attributes set: ${Object.entries(values).map(([k, v]) => `${k} (${v === '' ? 'empty' : `${v.length} chars`})`).join(', ')}`);
    return next(action);
  },
  Compare(action, call) {
    const value = call.resolve(action.Parameters.ComparisonValue as string);
    const step = branchOn(action, value);
    call.log(action, { Parameters: { ComparisonValue: value }, Results: 'next' in step ? step.branch : 'NoMatchingCondition' });
    return step;
  },
  // A voice contact: VoiceBehavior applies, ChatBehavior is a channel mismatch. IVR recording (the bot's
  // part of the call) and voice analytics are what would hear the caller during a bot block.
  UpdateContactRecordingAndAnalyticsBehavior(action, call) {
    const voice = action.Parameters.VoiceBehavior;
    if (!isRecord(voice)) return { error: 'ChannelMismatch' };
    const recording = voice.VoiceRecordingBehavior;
    if (isRecord(recording) && typeof recording.IVRRecordingBehavior === 'string') call.recording = recording.IVRRecordingBehavior === 'Enabled';
    if (isRecord(voice.VoiceAnalyticsBehavior)) call.analytics = voice.VoiceAnalyticsBehavior.Enabled === 'True';
    // Voice analytics "can only be set if RecordedParticipants contains both Agent and Customer".
    const participants = isRecord(recording) && Array.isArray(recording.RecordedParticipants) ? recording.RecordedParticipants : undefined;
    if (participants && !(participants.includes('Agent') && participants.includes('Customer'))) call.analytics = false;
    call.log(action, { Parameters: action.Parameters });
    call.say(`IVR recording ${call.recording ? 'on' : 'off'}, voice analytics ${call.analytics ? 'on' : 'off'}`);
    return next(action);
  },
  // "Sets a collection of connect defined attributes on specified contact": here the language, which picks
  // the bot locale of later bot blocks (UpdateContactData, flow language reference).
  UpdateContactData(action, call) {
    const language = action.Parameters.LanguageCode;
    if (typeof language === 'string') call.languageCode = call.resolve(language);
    call.log(action, { Parameters: action.Parameters });
    call.say(`contact language ${call.languageCode}`);
    return next(action);
  },
  MessageParticipant(action, call) {
    call.play(call.resolve(promptOf(action)));
    call.log(action, { Parameters: action.Parameters });
    return next(action);
  },
  UpdateContactTargetQueue(action, call) {
    call.queue = call.resolve(action.Parameters.QueueId as string);
    call.log(action, { Parameters: action.Parameters });
    return next(action);
  },
  TransferContactToQueue(_action, call) {
    if (!call.queue) return { error: 'NoMatchingError' };
    call.say('transferred to the queue');
    return { end: 'transferred' };
  },
  DisconnectParticipant(action, call) {
    call.log(action, {});
    return { end: 'disconnected' };
  },
  InvokeFlowModule: (action, call) => call.invokeModule(action),
  // The Return block: "Ends the current module execution without disconnecting the contact" (EndFlowModuleExecution).
  EndFlowModuleExecution(action, call) {
    call.log(action, {});
    return { returned: true };
  },
};

export const promptOf = (action: FlowAction): string =>
  String(action.Parameters.Text ?? action.Parameters.SSML ?? (action.Parameters.PromptId ? `<prompt ${action.Parameters.PromptId}>` : ''));
