import { blockSessionAttributes, CIPHERTEXT_PREFIX } from '../contract/capture-session';
import { CARD_NUMBER, STATUS, STATUS_ATTRIBUTE, ZIP_CODE, type SecureFieldSpec } from '../contract/secure-fields';
import { FLOW_VERSION, type ContactFlow, type FlowAction } from './flow-language';

export interface SecureInputFlowOptions {
  /** The Lex V2 bot alias; at synth a Terraform reference, treated as opaque text. */
  botAliasArn: string;
  /** When set, a failed capture is transferred to this queue instead of disconnected. */
  failureTransferQueueArn?: string;
}

export const FLOW_NAME = 'Secure_Lex_Input';

const THANKS = 'Thank you. Your details have been received securely.';
const SORRY = 'Sorry, we could not take your details this time. Please call again later.';
const NO_INPUT = 'Sorry, we did not receive your answer in time, so we could not take your details. Please call again later.';

const id = {
  recordingOff: 'recording-and-analytics-off',
  failed: 'logging-on-after-failure',
  apologize: 'apologize',
  timedOut: 'logging-on-after-timeout',
  noInput: 'apologize-no-input',
  done: 'logging-on-after-capture',
  thanks: 'thank-caller',
  disconnect: 'disconnect',
  setQueue: 'set-failure-queue',
  transfer: 'transfer-to-queue',
};

/**
 * One field: logging off, the bot block, then two checks before the ciphertext is stored. The block
 * resets the session attributes the hook reads and the flow checks (the Lex session, keyed by the
 * contact id, outlives the block) and starts the field's own intent with its start utterance. Only
 * `$.Lex.SessionAttributes` is read; the slots are never touched. docs/dialog.md has the contract.
 */
function captureField(spec: SecureFieldSpec, botAliasArn: string, next: string): FlowAction[] {
  const f = spec.field;
  const ciphertext = `$.Lex.SessionAttributes.${spec.sessionAttribute}`;
  return [
    { Identifier: `logging-off-before-${f}`, Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Disabled' }, Transitions: { NextAction: `capture-${f}` } },
    {
      Identifier: `capture-${f}`,
      Type: 'ConnectParticipantWithLexBot',
      // No Text: the bot speaks the slot's own (localized) prompt once its intent has started.
      Parameters: {
        LexV2Bot: { AliasArn: botAliasArn },
        LexSessionAttributes: blockSessionAttributes(spec),
        LexInitilizationData: { InitialMessage: spec.startUtterance },
      },
      Transitions: {
        Conditions: [{ NextAction: `check-${f}`, Condition: { Operator: 'Equals', Operands: [spec.intent] } }],
        Errors: [
          { ErrorType: 'InputTimeLimitExceeded', NextAction: id.timedOut },
          { ErrorType: 'NoMatchingCondition', NextAction: id.failed },
          { ErrorType: 'NoMatchingError', NextAction: id.failed },
        ],
      },
    },
    {
      Identifier: `check-${f}`,
      Type: 'Compare',
      Parameters: { ComparisonValue: `$.Lex.SessionAttributes.${STATUS_ATTRIBUTE}` },
      Transitions: {
        Conditions: [{ NextAction: `check-ciphertext-${f}`, Condition: { Operator: 'Equals', Operands: [STATUS.captured] } }],
        Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: id.failed }],
      },
    },
    {
      // Empty, reset or anything but an Encryption SDK message of this project's suite: nothing is stored.
      Identifier: `check-ciphertext-${f}`,
      Type: 'Compare',
      Parameters: { ComparisonValue: ciphertext },
      Transitions: {
        Conditions: [{ NextAction: `store-${f}`, Condition: { Operator: 'TextStartsWith', Operands: [CIPHERTEXT_PREFIX] } }],
        Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: id.failed }],
      },
    },
    {
      Identifier: `store-${f}`,
      Type: 'UpdateContactAttributes',
      Parameters: { Attributes: { [spec.contactAttribute]: ciphertext } },
      Transitions: { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: id.failed }] },
    },
  ];
}

/** The contact flow: recording and analytics off, then card number and ZIP, each captured with flow logging off. */
export function buildSecureInputFlow(options: SecureInputFlowOptions): ContactFlow {
  const failureEnd = options.failureTransferQueueArn ? id.setQueue : id.disconnect;
  const apologyThen = (identifier: string, text: string) => ({
    Identifier: identifier, Type: 'MessageParticipant', Parameters: { Text: text },
    Transitions: { NextAction: failureEnd, Errors: [{ ErrorType: 'NoMatchingError', NextAction: failureEnd }] },
  });
  const actions: FlowAction[] = [
    {
      // Before any bot block: no call recording (agent, customer, IVR/bot) for the rest of the contact. Voice
      // analytics "can only be set if RecordedParticipants contains both Agent and Customer", so none runs.
      // On a channel other than voice (ChannelMismatch) or any error, nothing is captured.
      Identifier: id.recordingOff,
      Type: 'UpdateContactRecordingAndAnalyticsBehavior',
      Parameters: { VoiceBehavior: { VoiceRecordingBehavior: { RecordedParticipants: [], IVRRecordingBehavior: 'Disabled' } } },
      Transitions: {
        NextAction: `logging-off-before-${CARD_NUMBER.field}`,
        Errors: [{ ErrorType: 'NoMatchingError', NextAction: id.apologize }, { ErrorType: 'ChannelMismatch', NextAction: id.apologize }],
      },
    },
    ...captureField(CARD_NUMBER, options.botAliasArn, `logging-off-before-${ZIP_CODE.field}`),
    ...captureField(ZIP_CODE, options.botAliasArn, id.done),
    { Identifier: id.done, Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Enabled' }, Transitions: { NextAction: id.thanks } },
    { Identifier: id.thanks, Type: 'MessageParticipant', Parameters: { Text: THANKS }, Transitions: { NextAction: id.disconnect, Errors: [{ ErrorType: 'NoMatchingError', NextAction: id.disconnect }] } },
    { Identifier: id.failed, Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Enabled' }, Transitions: { NextAction: id.apologize } },
    apologyThen(id.apologize, SORRY),
    { Identifier: id.timedOut, Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Enabled' }, Transitions: { NextAction: id.noInput } },
    apologyThen(id.noInput, NO_INPUT),
    ...(options.failureTransferQueueArn
      ? [
        { Identifier: id.setQueue, Type: 'UpdateContactTargetQueue', Parameters: { QueueId: options.failureTransferQueueArn }, Transitions: { NextAction: id.transfer, Errors: [{ ErrorType: 'NoMatchingError', NextAction: id.disconnect }] } },
        { Identifier: id.transfer, Type: 'TransferContactToQueue', Parameters: {}, Transitions: { Errors: [{ ErrorType: 'QueueAtCapacity', NextAction: id.disconnect }, { ErrorType: 'NoMatchingError', NextAction: id.disconnect }] } },
      ]
      : []),
    { Identifier: id.disconnect, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
  ];
  return { Version: FLOW_VERSION, StartAction: actions[0]!.Identifier, Actions: actions };
}
