// The capture as a flow module: what any inbound flow invokes with InvokeFlowModule (docs/dialog.md, "The
// module"). Recording and analytics off, the contact's language matched to a bot locale, every field
// captured with flow logging off (capture-actions.ts, the same capture the project has always run), then
// the answer in `secure_input_result`, the caller's logging behaviour back, and the Return block. Nothing
// here speaks to the caller outside the bot blocks, queues, transfers or disconnects: that is the caller's.
import { CALLER_LOGGING, CALLER_LOGGING_ATTRIBUTE, RESULT, RESULT_ATTRIBUTE, type CaptureResult } from '../contract/capture-module';
import { languageCode, type PromptLocale } from '../contract/prompts';
import { captureActions, captureEntry } from './capture-actions';
import { compare, CURRENT_CONTACT, FLOW_VERSION, type ContactFlow, type FlowAction } from './flow-language';

export interface CaptureModuleOptions {
  /** The Lex V2 bot alias; at synth a Terraform reference, treated as opaque text. */
  botAliasArn: string;
  /** The bot's locales (the environment's `lex.locales`); the first is the language a contact is set to when it speaks none of them. */
  locales: readonly PromptLocale[];
}

export const MODULE_NAME = 'Secure_Lex_Input_Capture';

/**
 * The module's own inputs, outputs and branches, as every real module's content holds them
 * (flows/validator/rules/module-settings.ts): none of its own (data crosses as contact attributes), and the
 * two branches of the Invoke module block, "Success and Error" (Connect admin guide, Invoke module).
 */
export const MODULE_SETTINGS = {
  InputParameters: [],
  OutputParameters: [],
  Transitions: [
    { DisplayName: 'Success', ReferenceName: 'Success', Description: '' },
    { DisplayName: 'Error', ReferenceName: 'Error', Description: '' },
  ],
};

const id = {
  resetResult: 'result-failed-until-answered',
  recordingOff: 'recording-and-analytics-off',
  selectLanguage: 'select-language',
  setLanguage: 'set-default-language',
  captured: 'result-captured',
  failed: 'result-failed',
  noInput: 'result-no-input',
  callerLogging: 'check-caller-logging',
  loggingOn: 'logging-on-for-caller',
  return: 'return-to-caller',
};

const setResult = (identifier: string, result: CaptureResult, next: string): FlowAction => ({
  Identifier: identifier,
  Type: 'UpdateContactAttributes',
  // On the contact itself, as the capture's stores are: "accessible by other areas of Connect Customer, such as
  // other flows, modules" (admin guide, Set contact attributes), so it outlives the Return.
  Parameters: { Attributes: { [RESULT_ATTRIBUTE]: result }, TargetContact: CURRENT_CONTACT },
  // Either way to the same place: when the write fails the attribute still says `failed` (set first).
  Transitions: { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: next }] },
});

/**
 * The contact's language must match a bot locale ("your language attribute in Amazon Connect must match the
 * language model used to build your Lex bot", Connect admin guide 2023, Set voice): a contact in one of the
 * bot's languages is asked in it, any other is set to the first locale's language. That change stays on the
 * contact after the module returns: UpdateContactData's LanguageCode is not documented as dynamic, so the
 * module cannot put the caller's language back.
 */
function languageSelection(locales: readonly PromptLocale[], onError: string): FlowAction[] {
  const [first] = locales;
  if (!first) throw new Error('the capture needs at least one bot locale');
  return [
    compare(id.selectLanguage, '$.LanguageCode', locales.map((l) => [languageCode(l), captureEntry(l)]), id.setLanguage),
    {
      // UpdateContactData: "TargetContact: [Required]" (flow language reference); its error means the bot would
      // not understand the contact: no capture.
      Identifier: id.setLanguage,
      Type: 'UpdateContactData',
      Parameters: { LanguageCode: languageCode(first), TargetContact: CURRENT_CONTACT },
      Transitions: { NextAction: captureEntry(first), Errors: [{ ErrorType: 'NoMatchingError', NextAction: onError }] },
    },
  ];
}

/** The capture module's content: one inbound flow invokes it, and anything it sets on the contact stays after Return. */
export function buildCaptureModule(options: CaptureModuleOptions): ContactFlow {
  const ends = { captured: id.captured, failed: id.failed, noInput: id.noInput, error: id.failed };
  const actions: FlowAction[] = [
    // First the answer a path that can set no other gives: a caller never reads an earlier invocation's `captured`.
    setResult(id.resetResult, RESULT.failed, id.recordingOff),
    {
      // Before any bot block: no call recording (agent, customer, IVR/bot) for the rest of the contact. Voice
      // analytics "can only be set if RecordedParticipants contains both Agent and Customer", so none runs.
      // Not restored on return: no attribute tells what the caller had (docs/dialog.md, "The module").
      Identifier: id.recordingOff,
      Type: 'UpdateContactRecordingAndAnalyticsBehavior',
      Parameters: { VoiceBehavior: { VoiceRecordingBehavior: { RecordedParticipants: [], IVRRecordingBehavior: 'Disabled' } } },
      Transitions: {
        NextAction: id.selectLanguage,
        Errors: [{ ErrorType: 'NoMatchingError', NextAction: id.return }, { ErrorType: 'ChannelMismatch', NextAction: id.return }],
      },
    },
    ...languageSelection(options.locales, id.return),
    ...options.locales.flatMap((locale) => captureActions({ botAliasArn: options.botAliasArn, locale, ends })),
    setResult(id.captured, RESULT.captured, id.callerLogging),
    setResult(id.failed, RESULT.failed, id.callerLogging),
    setResult(id.noInput, RESULT.noInput, id.callerLogging),
    // Flow logging is off since the last bot block. UpdateFlowLoggingBehavior takes no dynamic value
    // ("Dynamic values are not supported"), so the caller's behaviour, which Connect does not expose, comes in
    // a contact attribute and picks one of two static blocks: Disabled leaves it off, anything else turns it on.
    compare(id.callerLogging, `$.Attributes.${CALLER_LOGGING_ATTRIBUTE}`, [[CALLER_LOGGING.disabled, id.return]], id.loggingOn),
    { Identifier: id.loggingOn, Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: CALLER_LOGGING.enabled }, Transitions: { NextAction: id.return } },
    // The Return block: "Ends the current module execution without disconnecting the contact."
    { Identifier: id.return, Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} },
  ];
  return { Version: FLOW_VERSION, StartAction: actions[0]!.Identifier, Actions: actions, Settings: MODULE_SETTINGS };
}
