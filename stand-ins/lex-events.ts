// Lex V2 code-hook events as Connect sends them, built from the shared contract.
import type { LexV2Event } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { blockSessionAttributes } from '../contract/capture-session';
import { CAPTURE, type SecureFieldSpec } from '../contract/secure-fields';

export interface EventOptions {
  value?: string | null;
  invocationSource?: LexV2Event['invocationSource'];
  inputMode?: LexV2Event['inputMode'];
  /** Default: what the flow's bot block for `spec` sends (blockSessionAttributes, with `contactId`). */
  sessionAttributes?: Record<string, string>;
  /** The contact the block names; default a fresh UUID. */
  contactId?: string;
  /** The Lex session id; default a fresh UUID, unrelated to the contact (nothing documents that they are equal). */
  sessionId?: string;
  /** The intent Lex ran; default the capture intent. Its slot (if any) is the capture slot. */
  intentName?: string;
  /** What Lex heard; default the value, or "" without one. */
  inputTranscript?: string;
  /** Request attributes; Connect sends keyed input as `x-amz-lex:dtmf-transcript` (Get customer input, tips). */
  requestAttributes?: Record<string, string>;
}

export function lexEvent(spec: SecureFieldSpec, options: EventOptions = {}): LexV2Event {
  const value = options.value === undefined ? null : options.value;
  const slot = value === null ? null : { shape: 'Scalar', value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } };
  const intent = { name: options.intentName ?? CAPTURE.intent, confirmationState: 'None', state: 'InProgress', slots: { [CAPTURE.slot]: slot } } as LexV2Event['sessionState']['intent'];
  const transcript = options.inputTranscript ?? value ?? '';
  return {
    messageVersion: '1.0',
    invocationSource: options.invocationSource ?? 'DialogCodeHook',
    inputMode: options.inputMode ?? 'DTMF',
    responseContentType: 'text/plain; charset=utf-8',
    sessionId: options.sessionId ?? randomUUID(),
    inputTranscript: transcript,
    bot: { id: 'BOTID12345', name: 'secure-input', aliasId: 'ALIASID123', aliasName: 'live', localeId: 'en_US', version: '1' },
    interpretations: [{ intent, nluConfidence: 1 }],
    proposedNextState: undefined as never,
    ...(options.requestAttributes ? { requestAttributes: options.requestAttributes } : {}),
    sessionState: { sessionAttributes: options.sessionAttributes ?? blockSessionAttributes(spec, options.contactId ?? randomUUID()), intent, originatingRequestId: randomUUID() },
    transcriptions: transcript === '' ? [] : [{ transcription: transcript, transcriptionConfidence: 0.9, resolvedContext: { intent: intent.name }, resolvedSlots: {} }] as never,
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
