import { CARD_NUMBER, STATUS, STATUS_ATTRIBUTE, ZIP_CODE, type SecureFieldSpec } from '../functions/shared/secure-fields';
import { FLOW_VERSION, type ContactFlow, type FlowAction } from './flow-language';

export interface SecureInputFlowOptions {
  /** The Lex V2 bot alias; at synth a Terraform reference, treated as opaque text. */
  botAliasArn: string;
  /** When set, a failed capture is transferred to this queue instead of disconnected. */
  failureTransferQueueArn?: string;
}

export const FLOW_NAME = 'Secure_Lex_Input';

const PROMPTS: Record<SecureFieldSpec['field'], string> = {
  'card-number': 'Please say or key in your 16-digit card number, then press pound.',
  zip: 'Now please say or key in the 5-digit ZIP code of your billing address, then press pound.',
};
const THANKS = 'Thank you. Your details have been received securely.';
const SORRY = 'Sorry, we could not take your details this time. Please call again later.';

const id = {
  failed: 'logging-on-after-failure',
  apologize: 'apologize',
  done: 'logging-on-after-capture',
  thanks: 'thank-caller',
  disconnect: 'disconnect',
  setQueue: 'set-failure-queue',
  transfer: 'transfer-to-queue',
};

/**
 * One field: logging off, the bot, a check of the code hook's status, the ciphertext into a contact
 * attribute. Only `$.Lex.SessionAttributes` is read; the slots are never touched.
 */
function captureField(spec: SecureFieldSpec, botAliasArn: string, next: string): FlowAction[] {
  const f = spec.field;
  return [
    { Identifier: `logging-off-before-${f}`, Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Disabled' }, Transitions: { NextAction: `capture-${f}` } },
    {
      Identifier: `capture-${f}`,
      Type: 'ConnectParticipantWithLexBot',
      Parameters: { Text: PROMPTS[f], LexV2Bot: { AliasArn: botAliasArn } },
      Transitions: {
        Conditions: [{ NextAction: `check-${f}`, Condition: { Operator: 'Equals', Operands: [spec.intent] } }],
        Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: id.failed }, { ErrorType: 'NoMatchingError', NextAction: id.failed }],
      },
    },
    {
      Identifier: `check-${f}`,
      Type: 'Compare',
      Parameters: { ComparisonValue: `$.Lex.SessionAttributes.${STATUS_ATTRIBUTE}` },
      Transitions: {
        Conditions: [{ NextAction: `store-${f}`, Condition: { Operator: 'Equals', Operands: [STATUS.captured] } }],
        Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: id.failed }],
      },
    },
    {
      Identifier: `store-${f}`,
      Type: 'UpdateContactAttributes',
      Parameters: { Attributes: { [spec.contactAttribute]: `$.Lex.SessionAttributes.${spec.sessionAttribute}` } },
      Transitions: { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: id.failed }] },
    },
  ];
}

/** The contact flow: card number, then ZIP, each captured with flow logging off. */
export function buildSecureInputFlow(options: SecureInputFlowOptions): ContactFlow {
  const failureEnd = options.failureTransferQueueArn ? id.setQueue : id.disconnect;
  const actions: FlowAction[] = [
    ...captureField(CARD_NUMBER, options.botAliasArn, `logging-off-before-${ZIP_CODE.field}`),
    ...captureField(ZIP_CODE, options.botAliasArn, id.done),
    { Identifier: id.done, Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Enabled' }, Transitions: { NextAction: id.thanks } },
    { Identifier: id.thanks, Type: 'MessageParticipant', Parameters: { Text: THANKS }, Transitions: { NextAction: id.disconnect, Errors: [{ ErrorType: 'NoMatchingError', NextAction: id.disconnect }] } },
    { Identifier: id.failed, Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Enabled' }, Transitions: { NextAction: id.apologize } },
    { Identifier: id.apologize, Type: 'MessageParticipant', Parameters: { Text: SORRY }, Transitions: { NextAction: failureEnd, Errors: [{ ErrorType: 'NoMatchingError', NextAction: failureEnd }] } },
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
