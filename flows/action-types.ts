// The action types this project's flows may use: their parameter shapes and the error branches
// each must handle (Connect's flow language reference). Anything else is refused by the validator.
import { isRecord } from './flow-language';

type ParameterCheck = (parameters: Record<string, unknown>) => string | undefined;

export interface ActionTypeSpec {
  /** Error types the action can raise; each needs a branch. */
  errors: string[];
  /** Whether the action branches on Conditions. */
  conditions: boolean;
  check: ParameterCheck;
}

const isString = (v: unknown) => typeof v === 'string' && v.length > 0;
const onlyKeys = (p: Record<string, unknown>, allowed: string[]) => {
  const extra = Object.keys(p).filter((k) => !allowed.includes(k));
  return extra.length ? `unknown parameter(s) ${extra.join(', ')}` : undefined;
};
const onePrompt = (p: Record<string, unknown>) => {
  const given = ['Text', 'SSML', 'PromptId'].filter((k) => p[k] !== undefined);
  if (given.length > 1) return `only one of Text, SSML, PromptId (got ${given.join(', ')})`;
  return given.every((k) => isString(p[k])) ? undefined : 'prompt must be a non-empty string';
};
const stringMap = (v: unknown) => isRecord(v) && Object.values(v).every((x) => typeof x === 'string');

export const ACTION_TYPES: Record<string, ActionTypeSpec> = {
  UpdateFlowLoggingBehavior: {
    errors: [], conditions: false,
    check: (p) => onlyKeys(p, ['FlowLoggingBehavior'])
      ?? (['Enabled', 'Disabled'].includes(p.FlowLoggingBehavior as string) ? undefined : 'FlowLoggingBehavior must be Enabled or Disabled'),
  },
  // https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-connectparticipantwithlexbot.html,
  // as this project's voice flow uses it: a spoken prompt (Text or SSML), a Lex V2 alias, session
  // attributes; no LexInitializationData (chat only), no LexTimeoutSeconds (the chat timer) and so no
  // InputTimeLimitExceeded branch (flows/validator/rules/voice-bot-block.ts).
  ConnectParticipantWithLexBot: {
    errors: ['NoMatchingCondition', 'NoMatchingError'], conditions: true,
    check: (p) => onlyKeys(p, ['Text', 'SSML', 'LexV2Bot', 'LexSessionAttributes'])
      ?? onePrompt(p)
      ?? (isRecord(p.LexV2Bot) && isString(p.LexV2Bot.AliasArn) && Object.keys(p.LexV2Bot).length === 1 ? undefined : 'LexV2Bot must be { AliasArn }')
      ?? (p.LexSessionAttributes === undefined || stringMap(p.LexSessionAttributes) ? undefined : 'LexSessionAttributes must map strings to strings'),
  },
  // https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-updatecontactdata.html: here only
  // the contact's language; "TargetContact: [Required] ... "Current" or "Related" are the only valid values".
  UpdateContactData: {
    errors: ['NoMatchingError'], conditions: false,
    check: (p) => onlyKeys(p, ['LanguageCode', 'TargetContact'])
      ?? (isString(p.LanguageCode) ? undefined : 'LanguageCode must be a language such as en-US')
      ?? (['Current', 'Related'].includes(p.TargetContact as string) ? undefined : 'TargetContact must be Current or Related'),
  },
  // https://docs.aws.amazon.com/connect/latest/APIReference/contact-actions-updatecontactrecordingandanalyticsbehavior.html:
  // one channel behavior per action; NoMatchingError and ChannelMismatch "must always be defined".
  UpdateContactRecordingAndAnalyticsBehavior: {
    errors: ['NoMatchingError', 'ChannelMismatch'], conditions: false,
    check: (p) => onlyKeys(p, ['VoiceBehavior', 'ChatBehavior', 'ScreenRecordingBehavior'])
      ?? (isRecord(p.VoiceBehavior) !== isRecord(p.ChatBehavior) ? undefined : 'exactly one of VoiceBehavior, ChatBehavior'),
  },
  UpdateContactAttributes: {
    errors: ['NoMatchingError'], conditions: false,
    check: (p) => onlyKeys(p, ['Attributes', 'TargetContact'])
      ?? (stringMap(p.Attributes) && Object.keys(p.Attributes as object).length > 0 ? undefined : 'Attributes must map names to strings'),
  },
  Compare: {
    errors: ['NoMatchingCondition'], conditions: true,
    check: (p) => onlyKeys(p, ['ComparisonValue']) ?? (isString(p.ComparisonValue) ? undefined : 'ComparisonValue must be a string'),
  },
  MessageParticipant: {
    errors: ['NoMatchingError'], conditions: false,
    check: (p) => onlyKeys(p, ['Text', 'SSML', 'PromptId']) ?? (Object.keys(p).length === 1 ? onePrompt(p) : 'exactly one of Text, SSML, PromptId'),
  },
  UpdateContactTargetQueue: {
    errors: ['NoMatchingError'], conditions: false,
    check: (p) => onlyKeys(p, ['QueueId']) ?? (isString(p.QueueId) ? undefined : 'QueueId must be a queue ARN or id'),
  },
  TransferContactToQueue: {
    errors: ['QueueAtCapacity', 'NoMatchingError'], conditions: false,
    check: (p) => onlyKeys(p, []),
  },
  DisconnectParticipant: {
    errors: [], conditions: false,
    check: (p) => onlyKeys(p, []),
  },
  // https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions-invoke-flow-module.html:
  // "FlowModuleId": "The flow module ID or flow module ARN to be invoked"; "Results and conditions: None";
  // "Errors: NoMatchingError if no other Error matches". Every one of the 5 real ones issue 19 read has a
  // NextAction (the Success branch) and exactly that error; none is left in fixtures/real-flows since the
  // license review (fixtures/SOURCES.md, "Removed").
  InvokeFlowModule: {
    errors: ['NoMatchingError'], conditions: false,
    check: (p) => onlyKeys(p, ['FlowModuleId']) ?? (isString(p.FlowModuleId) ? undefined : 'FlowModuleId must be the module\'s id or ARN'),
  },
  // https://docs.aws.amazon.com/connect/latest/APIReference/endflowmoduleexecution.html (the Return block):
  // "Ends the current module execution without disconnecting the contact"; parameters `{ }`, "Errors: None".
  EndFlowModuleExecution: {
    errors: [], conditions: false,
    check: (p) => onlyKeys(p, []),
  },
};
