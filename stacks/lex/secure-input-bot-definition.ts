import type { EnvironmentConfig } from '../../environments';
import { MAX_RETRIES, SECURE_FIELDS, type SecureFieldSpec } from '../../functions/shared/secure-fields';
import { resourceName } from '../naming';
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
  const attempts = Object.fromEntries(['Initial', ...Array.from({ length: MAX_RETRIES }, (_, i) => `Retry${i + 1}`)].map((k) => [k, attempt(spec)]));
  return {
    Name: spec.intent,
    Description: `Captures the ${spec.field} field; the code hook encrypts it and empties the slot.`,
    // The bare slot first: a caller who just keys or says the digits starts the intent with its slot filled.
    SampleUtterances: [`{${spec.slot}}`, ...texts.utterances.map((u) => u.replace('{slot}', `{${spec.slot}}`))].map((Utterance) => ({ Utterance })),
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
          MaxRetries: MAX_RETRIES,
          AllowInterrupt: true,
          PromptAttemptsSpecification: attempts,
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
    Intents: [...SECURE_FIELDS.map((spec) => intentFor(localeId, spec)), { Name: 'FallbackIntent', Description: 'Required by Lex', ParentIntentSignature: 'AMAZON.FallbackIntent' }],
  };
}

/** The whole bot, built once: the stack deploys it and the tests read it. */
export function buildSecureInputBotDefinition(env: EnvironmentConfig, roleArn: string): LexBotDesiredState {
  return {
    Name: resourceName(env, 'secure-input'),
    Description: 'Captures a card number and a ZIP code; values are encrypted by the code hook',
    RoleArn: roleArn,
    DataPrivacy: { ChildDirected: false },
    IdleSessionTTLInSeconds: env.lex.idleSessionTtlInSeconds,
    AutoBuildBotLocales: true,
    BotLocales: env.lex.locales.map(locale),
  };
}
