// The Connect flow language's actions, one small model each (Amazon Connect API reference, "Flow
// language: actions"). Every action type the validator admits (flows/action-types.ts) must have one:
// a test keeps the two lists equal.
import type { FlowAction } from '../flows/flow-language';
import type { CallState } from './connect-runtime';

/** Where an action goes: a NextAction, a condition's target, an error branch, or the end of the call. */
export type Step =
  | { next: string; branch: string }
  | { error: string }
  | { end: 'disconnected' | 'transferred' };

export type ActionModel = (action: FlowAction, call: CallState) => Promise<Step> | Step;

const next = (action: FlowAction, branch = 'next'): Step =>
  action.Transitions.NextAction ? { next: action.Transitions.NextAction, branch } : { error: 'NoMatchingError' };

const MAX_ATTRIBUTE_BYTES = 32_768;

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
    const hit = (action.Transitions.Conditions ?? []).find((c) => c.Condition.Operator === 'Equals' && c.Condition.Operands.includes(value));
    call.log(action, { Parameters: { ComparisonValue: value }, Results: hit ? hit.Condition.Operands[0] : 'NoMatchingCondition' });
    return hit ? { next: hit.NextAction, branch: `= ${hit.Condition.Operands[0]}` } : { error: 'NoMatchingCondition' };
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
};

export const promptOf = (action: FlowAction): string =>
  String(action.Parameters.Text ?? action.Parameters.SSML ?? (action.Parameters.PromptId ? `<prompt ${action.Parameters.PromptId}>` : ''));
