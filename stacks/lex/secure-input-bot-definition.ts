import type { EnvironmentConfig } from '../../environments';
import { CAPTURE, FALLBACK_INTENT, SECURE_FIELDS, type FieldInput } from '../../contract/secure-fields';
import { botNameStem } from './bot-names';
import type { LexBotDesiredState, LexBotLocale, LexIntent, PromptAttempt } from './lex-cfn-types';
import { slotPrompt, voiceOf, type LexLocaleId } from './locale-texts';

/**
 * The slot serves every field, so its attempt settings are the envelope of the fields' own: the longest
 * waits and lengths, the shared end and deletion keys. The field's exact values reach Lex as `x-amz-lex:`
 * session attributes from the flow's block and from every re-ask of the code hook; which of the two
 * sources Lex honours first is not documented, and the envelope only ever waits longer (docs/dialog.md).
 */
export function envelopeInput(): FieldInput {
  const inputs = SECURE_FIELDS.map((s) => s.input);
  const same = <K extends keyof FieldInput>(key: K): FieldInput[K] => {
    const values = new Set(inputs.map((i) => i[key]));
    if (values.size !== 1) throw new Error(`every field must share ${key}: the capture slot has one value`);
    return inputs[0]![key];
  };
  const max = (key: 'dtmfMaxLength' | 'dtmfEndTimeoutMs' | 'startTimeoutMs' | 'audioEndTimeoutMs' | 'audioMaxLengthMs') => Math.max(...inputs.map((i) => i[key]));
  return {
    dtmfEndCharacter: same('dtmfEndCharacter'), dtmfDeletionCharacter: same('dtmfDeletionCharacter'), allowInterrupt: same('allowInterrupt'),
    dtmfMaxLength: max('dtmfMaxLength'), dtmfEndTimeoutMs: max('dtmfEndTimeoutMs'), startTimeoutMs: max('startTimeoutMs'),
    audioEndTimeoutMs: max('audioEndTimeoutMs'), audioMaxLengthMs: max('audioMaxLengthMs'),
  };
}

function attempt(input: FieldInput): PromptAttempt {
  return {
    AllowedInputTypes: { AllowAudioInput: true, AllowDTMFInput: true },
    AllowInterrupt: input.allowInterrupt,
    AudioAndDTMFInputSpecification: {
      StartTimeoutMs: input.startTimeoutMs,
      DTMFSpecification: { DeletionCharacter: input.dtmfDeletionCharacter, EndCharacter: input.dtmfEndCharacter, EndTimeoutMs: input.dtmfEndTimeoutMs, MaxLength: input.dtmfMaxLength },
      AudioSpecification: { EndTimeoutMs: input.audioEndTimeoutMs, MaxLengthMs: input.audioMaxLengthMs },
    },
  };
}

function captureIntent(localeId: LexLocaleId): LexIntent {
  const input = envelopeInput();
  return {
    Name: CAPTURE.intent,
    Description: 'Captures the field the flow names in secure_input_field; the code hook validates, encrypts and empties the slot.',
    // The bare slot only: the caller's first answer after the flow's prompt is classified here and fills
    // the slot in the same turn (as the original sample's {authNumber} intent did). No other intent has
    // utterances, so nothing competes for a digit string.
    SampleUtterances: [{ Utterance: `{${CAPTURE.slot}}` }],
    DialogCodeHook: { Enabled: true },
    FulfillmentCodeHook: { Enabled: true },
    SlotPriorities: [{ Priority: 1, SlotName: CAPTURE.slot }],
    Slots: [{
      Name: CAPTURE.slot,
      SlotTypeName: CAPTURE.slotType,
      // Masks the value in conversation logs; logs are off anyway and the code hook returns the slot empty.
      ObfuscationSetting: { ObfuscationSettingType: 'DefaultObfuscation' },
      ValueElicitationSetting: {
        SlotConstraint: 'Required',
        PromptSpecification: {
          MessageGroupsList: [{ Message: { PlainTextMessage: { Value: slotPrompt(localeId) } } }],
          // The code hook counts and re-asks (ElicitSlot, with the field's x-amz-lex values) itself,
          // MAX_RETRIES times: a value the slot type refuses goes straight to FallbackIntent, whose code
          // hook re-asks, so there is one counter.
          MaxRetries: 0,
          AllowInterrupt: input.allowInterrupt,
          PromptAttemptsSpecification: { Initial: attempt(input) },
        },
      },
    }],
  };
}

function locale(localeId: LexLocaleId): LexBotLocale {
  return {
    LocaleId: localeId,
    NluConfidenceThreshold: 0.4,
    VoiceSettings: { VoiceId: voiceOf(localeId), Engine: 'neural' },
    SlotTypes: [{
      Name: CAPTURE.slotType,
      Description: `1 to ${CAPTURE.maxDigits} digits: anything a caller can key; the code hook checks each field's exact length`,
      ParentSlotTypeSignature: 'AMAZON.AlphaNumeric',
      // AlphaNumeric keeps leading zeros (AMAZON.Number would drop them); the bounded regex admits digits
      // only, so words and noise go to FallbackIntent, and every digit string reaches the code hook, which
      // tells the caller what was wrong with it.
      ValueSelectionSetting: { ResolutionStrategy: 'ORIGINAL_VALUE', RegexFilter: { Pattern: `[0-9]{1,${CAPTURE.maxDigits}}` } },
    }],
    Intents: [
      captureIntent(localeId),
      // Its fulfillment code hook counts a failed attempt and steers back to the capture slot, or ends it.
      { Name: FALLBACK_INTENT, Description: 'Input that is not a digit string', ParentIntentSignature: 'AMAZON.FallbackIntent', FulfillmentCodeHook: { Enabled: true } },
    ],
  };
}

/** The whole bot, built once: the stack deploys it and the tests read it. */
export function buildSecureInputBotDefinition(env: EnvironmentConfig, roleArn: string): LexBotDesiredState {
  return {
    Name: botNameStem(env),
    Description: 'Captures a card number and a ZIP code; values are encrypted by the code hook',
    RoleArn: roleArn,
    DataPrivacy: { ChildDirected: false },
    IdleSessionTTLInSeconds: env.lex.idleSessionTtlInSeconds,
    AutoBuildBotLocales: true,
    BotLocales: env.lex.locales.map(locale),
  };
}
