// Lex V2 code-hook events as Connect sends them, built from the shared field specs.
import type { LexV2Event } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { blockSessionAttributes } from '../contract/capture-session';
import type { SecureFieldSpec } from '../contract/secure-fields';

export interface EventOptions {
  value?: string | null;
  invocationSource?: LexV2Event['invocationSource'];
  inputMode?: LexV2Event['inputMode'];
  /** Default: what the flow's bot block for `spec` sends (blockSessionAttributes). */
  sessionAttributes?: Record<string, string>;
  contactId?: string;
  /** The intent Lex classified; default the field's own intent. Its slot (if any) is `spec.slot`. */
  intentName?: string;
}

export function lexEvent(spec: SecureFieldSpec, options: EventOptions = {}): LexV2Event {
  const value = options.value === undefined ? null : options.value;
  const slot = value === null ? null : { shape: 'Scalar', value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } };
  const intent = { name: options.intentName ?? spec.intent, confirmationState: 'None', state: 'InProgress', slots: { [spec.slot]: slot } } as LexV2Event['sessionState']['intent'];
  return {
    messageVersion: '1.0',
    invocationSource: options.invocationSource ?? 'DialogCodeHook',
    inputMode: options.inputMode ?? 'DTMF',
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: options.contactId ?? randomUUID(),
    inputTranscript: value ?? '',
    bot: { id: 'BOTID12345', name: 'secure-input', aliasId: 'ALIASID123', aliasName: 'live', localeId: 'en_US', version: '1' },
    interpretations: [{ intent, nluConfidence: 1 }],
    proposedNextState: undefined as never,
    sessionState: { sessionAttributes: options.sessionAttributes ?? blockSessionAttributes(spec), intent, originatingRequestId: randomUUID() },
    transcriptions: value === null ? [] : [{ transcription: value, transcriptionConfidence: 0.9, resolvedContext: { intent: intent.name }, resolvedSlots: {} }] as never,
  };
}

const DIALOG_ACTIONS = ['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot'];
const INTENT_STATES = ['Failed', 'Fulfilled', 'InProgress', 'ReadyForFulfillment'];

/** The problems that make a response invalid for Lex V2 (empty list: valid). */
export function lexResponseProblems(response: any): string[] {
  const problems: string[] = [];
  const state = response?.sessionState;
  if (typeof state !== 'object' || state === null) return ['no sessionState'];
  const action = state.dialogAction;
  if (!DIALOG_ACTIONS.includes(action?.type)) problems.push('dialogAction.type is not a Lex V2 type');
  if (action?.type === 'ElicitSlot' && typeof action.slotToElicit !== 'string') problems.push('ElicitSlot without slotToElicit');
  if (['Close', 'Delegate', 'ElicitSlot', 'ConfirmIntent'].includes(action?.type)) {
    if (typeof state.intent?.name !== 'string' || state.intent.name === '') problems.push('intent.name missing');
    if (!INTENT_STATES.includes(state.intent?.state)) problems.push('intent.state is not a Lex V2 state');
  }
  for (const [k, v] of Object.entries(state.sessionAttributes ?? {})) {
    if (typeof v !== 'string') problems.push(`session attribute ${k} is not a string`);
  }
  for (const m of response.messages ?? []) {
    if (!['PlainText', 'SSML', 'CustomPayload'].includes(m.contentType) || typeof m.content !== 'string') problems.push('malformed message');
  }
  return problems;
}
