import type { EnvironmentConfig } from '../../environments';
import { SECURE_FIELDS, type SecureFieldSpec } from '../../contract/secure-fields';
import { botNameStem } from './bot-names';
import type { LexBotDesiredState, LexBotLocale, LexIntent, PromptAttempt } from './lex-cfn-types';
import { fieldTexts, voiceOf, type LexLocaleId } from './locale-texts';

/**
 * Voice and keypad on every attempt: digits end with # (or a 5 s pause), * deletes them. Speech ends
 * after 2 s of silence rather than Lex's shorter default, since callers pause between groups of digits.
 */
function attempt(spec: SecureFieldSpec): PromptAttempt {
  return {
    AllowedInputTypes: { AllowAudioInput: true, AllowDTMFInput: true },
    AllowInterrupt: true,
    AudioAndDTMFInputSpecification: {
      StartTimeoutMs: 5000,
      DTMFSpecification: { DeletionCharacter: '*', EndCharacter: '#', EndTimeoutMs: 5000, MaxLength: spec.digits },
      AudioSpecification: { EndTimeoutMs: 2000, MaxLengthMs: 20_000 },
    },
  };
}

function intentFor(localeId: LexLocaleId, spec: SecureFieldSpec): LexIntent {
  const texts = fieldTexts(localeId, spec.field);
  return {
    Name: spec.intent,
    Description: `Captures the ${spec.field} field; the code hook encrypts it and empties the slot.`,
    // Only the flow's start message, never a slot: the intent starts with its slot empty, so the caller's
    // first answer is read while Lex elicits the slot, under its keypad settings (docs/dialog.md).
    SampleUtterances: [{ Utterance: spec.startUtterance }],
    DialogCodeHook: { Enabled: true },
    FulfillmentCodeHook: { Enabled: true },
    SlotPriorities: [{ Priority: 1, SlotName: spec.slot }],
    Slots: [{
      Name: spec.slot,
      SlotTypeName: spec.slotType,
      // Masks the value in conversation logs; logs are off anyway and the code hook returns the slot empty.
      ObfuscationSetting: { ObfuscationSettingType: 'DefaultObfuscation' },
      ValueElicitationSetting: {
        SlotConstraint: 'Required',
        PromptSpecification: {
          MessageGroupsList: [{ Message: { PlainTextMessage: { Value: texts.prompt(spec.digits) } } }],
          // The code hook counts and re-asks (ElicitSlot) itself, MAX_RETRIES times: a value the slot type
          // refuses goes straight to FallbackIntent, whose code hook re-asks, so there is one counter.
          MaxRetries: 0,
          AllowInterrupt: true,
          PromptAttemptsSpecification: { Initial: attempt(spec) },
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
    SlotTypes: SECURE_FIELDS.map((spec) => ({
      Name: spec.slotType,
      Description: `Exactly ${spec.digits} digits`,
      ParentSlotTypeSignature: 'AMAZON.AlphaNumeric',
      // AlphaNumeric keeps leading zeros (AMAZON.Number would drop them) and the regex admits exactly N digits.
      ValueSelectionSetting: { ResolutionStrategy: 'ORIGINAL_VALUE', RegexFilter: { Pattern: `[0-9]{${spec.digits}}` } },
    })),
    Intents: [
      ...SECURE_FIELDS.map((spec) => intentFor(localeId, spec)),
      // Its fulfillment code hook steers the dialog back to the expected field's slot, or ends it.
      { Name: 'FallbackIntent', Description: 'Input that is not the expected slot value', ParentIntentSignature: 'AMAZON.FallbackIntent', FulfillmentCodeHook: { Enabled: true } },
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
