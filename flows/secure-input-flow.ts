import { languageCode, type PromptLocale } from '../contract/prompts';
import { captureActions, captureEntry } from './capture-actions';
import { FLOW_VERSION, type ContactFlow, type FlowAction } from './flow-language';

export interface SecureInputFlowOptions {
  /** The Lex V2 bot alias; at synth a Terraform reference, treated as opaque text. */
  botAliasArn: string;
  /** The bot's locales (the environment's `lex.locales`); the first is the default language. */
  locales: readonly PromptLocale[];
  /** When set, a failed capture is transferred to this queue instead of disconnected. */
  failureTransferQueueArn?: string;
}

export const FLOW_NAME = 'Secure_Lex_Input';

const THANKS = 'Thank you. Your details have been received securely.';
// Also what a caller hears when the bot block fails with no status to say why: silence that Lex ends with
// an error looks the same to the flow as a failed code hook, and this message is true of both.
const SORRY = 'Sorry, we could not take your details this time. Please call again later.';
const NO_INPUT = 'Sorry, we did not receive your answer in time, so we could not take your details. Please call again later.';

const id = {
  recordingOff: 'recording-and-analytics-off',
  selectLanguage: 'select-language',
  setLanguage: 'set-default-language',
  failed: 'logging-on-after-failure',
  apologize: 'apologize',
  noInput: 'logging-on-after-no-input',
  apologizeNoInput: 'apologize-no-input',
  done: 'logging-on-after-capture',
  thanks: 'thank-caller',
  disconnect: 'disconnect',
  setQueue: 'set-failure-queue',
  transfer: 'transfer-to-queue',
};

/**
 * The bot block speaks to the bot locale of the contact's language, which must match one of the bot's
 * ("your language attribute in Amazon Connect must match the language model used to build your Lex
 * bot", Connect admin guide 2023, Set voice). A contact already in one of the bot's languages is asked
 * in it; any other contact is set to the first locale's language first.
 */
function languageSelection(locales: readonly PromptLocale[]): FlowAction[] {
  const [first] = locales;
  if (!first) throw new Error('the flow needs at least one bot locale');
  return [
    {
      Identifier: id.selectLanguage,
      Type: 'Compare',
      Parameters: { ComparisonValue: '$.LanguageCode' },
      Transitions: {
        NextAction: id.setLanguage,
        Conditions: locales.map((l) => ({ NextAction: captureEntry(l), Condition: { Operator: 'Equals' as const, Operands: [languageCode(l)] } })),
        Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: id.setLanguage }],
      },
    },
    {
      // UpdateContactData: "TargetContact: [Required]" (flow language reference); the deployed exports
      // seen set LanguageCode alone. Its error means the bot would not understand the contact: no capture.
      Identifier: id.setLanguage,
      Type: 'UpdateContactData',
      Parameters: { LanguageCode: languageCode(first), TargetContact: 'Current' },
      Transitions: { NextAction: captureEntry(first), Errors: [{ ErrorType: 'NoMatchingError', NextAction: id.apologize }] },
    },
  ];
}

/** The contact flow: recording and analytics off, the contact's language, then card number and ZIP, each captured with flow logging off. */
export function buildSecureInputFlow(options: SecureInputFlowOptions): ContactFlow {
  const failureEnd = options.failureTransferQueueArn ? id.setQueue : id.disconnect;
  const apologyThen = (identifier: string, text: string) => ({
    Identifier: identifier, Type: 'MessageParticipant', Parameters: { Text: text },
    Transitions: { NextAction: failureEnd, Errors: [{ ErrorType: 'NoMatchingError', NextAction: failureEnd }] },
  });
  const ends = { captured: id.done, failed: id.failed, noInput: id.noInput, error: id.failed };
  const actions: FlowAction[] = [
    {
      // Before any bot block: no call recording (agent, customer, IVR/bot) for the rest of the contact. Voice
      // analytics "can only be set if RecordedParticipants contains both Agent and Customer", so none runs.
      // On a channel other than voice (ChannelMismatch) or any error, nothing is captured.
      Identifier: id.recordingOff,
      Type: 'UpdateContactRecordingAndAnalyticsBehavior',
      Parameters: { VoiceBehavior: { VoiceRecordingBehavior: { RecordedParticipants: [], IVRRecordingBehavior: 'Disabled' } } },
      Transitions: {
        NextAction: id.selectLanguage,
        Errors: [{ ErrorType: 'NoMatchingError', NextAction: id.apologize }, { ErrorType: 'ChannelMismatch', NextAction: id.apologize }],
      },
    },
    ...languageSelection(options.locales),
    ...options.locales.flatMap((locale) => captureActions({ botAliasArn: options.botAliasArn, locale, ends })),
    { Identifier: id.done, Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Enabled' }, Transitions: { NextAction: id.thanks } },
    { Identifier: id.thanks, Type: 'MessageParticipant', Parameters: { Text: THANKS }, Transitions: { NextAction: id.disconnect, Errors: [{ ErrorType: 'NoMatchingError', NextAction: id.disconnect }] } },
    { Identifier: id.failed, Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Enabled' }, Transitions: { NextAction: id.apologize } },
    apologyThen(id.apologize, SORRY),
    { Identifier: id.noInput, Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Enabled' }, Transitions: { NextAction: id.apologizeNoInput } },
    apologyThen(id.apologizeNoInput, NO_INPUT),
    ...(options.failureTransferQueueArn
      ? [
        { Identifier: id.setQueue, Type: 'UpdateContactTargetQueue', Parameters: { QueueId: options.failureTransferQueueArn }, Transitions: { NextAction: id.transfer, Errors: [{ ErrorType: 'NoMatchingError', NextAction: id.disconnect }] } },
        // Exported flows give TransferContactToQueue a NextAction too (the error target).
        { Identifier: id.transfer, Type: 'TransferContactToQueue', Parameters: {}, Transitions: { NextAction: id.disconnect, Errors: [{ ErrorType: 'QueueAtCapacity', NextAction: id.disconnect }, { ErrorType: 'NoMatchingError', NextAction: id.disconnect }] } },
      ]
      : []),
    { Identifier: id.disconnect, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
  ];
  return { Version: FLOW_VERSION, StartAction: actions[0]!.Identifier, Actions: actions };
}
