// The CloudFormation shapes of AWS::Lex::Bot, AWS::Lex::BotVersion and AWS::Lex::BotAlias that this
// project writes (a subset of the registry schemas), so the bot is built as typed data, never as
// hand-edited JSON. The provider validates the result against the full vendored schemas at plan.
import botSchema from '../cloud-control-schemas/AWS_Lex_Bot.json';
import botAliasSchema from '../cloud-control-schemas/AWS_Lex_BotAlias.json';
import botVersionSchema from '../cloud-control-schemas/AWS_Lex_BotVersion.json';
import { cloudControlType } from '../constructs/cloud-control';

export interface PlainTextMessageGroup {
  Message: { PlainTextMessage: { Value: string } };
}

export interface PromptAttempt {
  AllowedInputTypes: { AllowAudioInput: boolean; AllowDTMFInput: boolean };
  AllowInterrupt?: boolean;
  AudioAndDTMFInputSpecification?: {
    StartTimeoutMs: number;
    DTMFSpecification?: { DeletionCharacter: string; EndCharacter: string; EndTimeoutMs: number; MaxLength: number };
    AudioSpecification?: { EndTimeoutMs: number; MaxLengthMs: number };
  };
}

export interface PromptSpecification {
  MessageGroupsList: PlainTextMessageGroup[];
  MaxRetries: number;
  AllowInterrupt?: boolean;
  PromptAttemptsSpecification?: Record<string, PromptAttempt>;
}

export interface LexSlot {
  Name: string;
  SlotTypeName: string;
  ObfuscationSetting: { ObfuscationSettingType: 'None' | 'DefaultObfuscation' };
  ValueElicitationSetting: { SlotConstraint: 'Required' | 'Optional'; PromptSpecification: PromptSpecification };
}

export interface LexIntent {
  Name: string;
  Description?: string;
  ParentIntentSignature?: string;
  SampleUtterances?: { Utterance: string }[];
  DialogCodeHook?: { Enabled: boolean };
  FulfillmentCodeHook?: { Enabled: boolean };
  SlotPriorities?: { Priority: number; SlotName: string }[];
  Slots?: LexSlot[];
}

export interface LexSlotType {
  Name: string;
  Description?: string;
  ParentSlotTypeSignature: 'AMAZON.AlphaNumeric';
  ValueSelectionSetting: { ResolutionStrategy: 'ORIGINAL_VALUE' | 'TOP_RESOLUTION'; RegexFilter: { Pattern: string } };
}

export interface LexBotLocale {
  LocaleId: string;
  Description?: string;
  NluConfidenceThreshold: number;
  VoiceSettings?: { VoiceId: string; Engine?: 'standard' | 'neural' };
  SlotTypes: LexSlotType[];
  Intents: LexIntent[];
}

export interface LexBotDesiredState {
  Name: string;
  Description?: string;
  RoleArn: string;
  DataPrivacy: { ChildDirected: boolean };
  IdleSessionTTLInSeconds: number;
  AutoBuildBotLocales: boolean;
  BotLocales: LexBotLocale[];
}

export interface LexBotVersionDesiredState {
  BotId: string;
  Description?: string;
  BotVersionLocaleSpecification: { LocaleId: string; BotVersionLocaleDetails: { SourceBotVersion: string } }[];
}

export interface LexBotAliasDesiredState {
  BotId: string;
  BotAliasName: string;
  BotVersion: string;
  Description?: string;
  BotAliasLocaleSettings: {
    LocaleId: string;
    BotAliasLocaleSetting: { Enabled: boolean; CodeHookSpecification: { LambdaCodeHook: { LambdaArn: string; CodeHookInterfaceVersion: '1.0' } } };
  }[];
  SentimentAnalysisSettings?: { DetectSentiment: boolean };
  BotAliasTags?: { Key: string; Value: string }[];
}

export const LEX_BOT = cloudControlType<LexBotDesiredState, 'Id'>(botSchema, ['Id']);
export const LEX_BOT_VERSION = cloudControlType<LexBotVersionDesiredState, 'BotId' | 'BotVersion'>(botVersionSchema, ['BotId', 'BotVersion']);
export const LEX_BOT_ALIAS = cloudControlType<LexBotAliasDesiredState, 'BotAliasId' | 'BotId'>(botAliasSchema, ['BotAliasId', 'BotId']);
