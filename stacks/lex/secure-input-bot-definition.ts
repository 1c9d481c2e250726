import type { EnvironmentConfig } from '../../environments';
import { MAX_RETRIES, SECURE_FIELDS, type SecureFieldSpec } from '../../functions/shared/secure-fields';
import { resourceName } from '../naming';
import type { LexBotDesiredState, LexBotLocale, LexIntent, PromptAttempt } from './lex-cfn-types';

// A neural voice per supported locale; the prompts are English (add translations with a locale).
const VOICES: Record<string, string> = {
  en_US: 'Joanna', en_GB: 'Amy', en_AU: 'Olivia', es_US: 'Lupe', es_ES: 'Lucia', fr_CA: 'Gabrielle', de_DE: 'Vicki',
};

const SPOKEN: Record<SecureFieldSpec['field'], { name: string; utterances: string[] }> = {
  'card-number': { name: 'card number', utterances: ['my card number is {slot}', 'card number {slot}', 'it is {slot}'] },
  zip: { name: 'ZIP code', utterances: ['my zip code is {slot}', 'zip code {slot}', 'zip {slot}'] },
};

/** Voice and keypad on every attempt: digits end with #, * deletes, a pause of 5 s ends keying. */
function attempt(spec: SecureFieldSpec): PromptAttempt {
  return {
    AllowedInputTypes: { AllowAudioInput: true, AllowDTMFInput: true },
    AllowInterrupt: true,
    AudioAndDTMFInputSpecification: {
      StartTimeoutMs: 5000,
      DTMFSpecification: { DeletionCharacter: '*', EndCharacter: '#', EndTimeoutMs: 5000, MaxLength: spec.digits },
      AudioSpecification: { EndTimeoutMs: 1500, MaxLengthMs: 20_000 },
    },
  };
}

function intentFor(spec: SecureFieldSpec): LexIntent {
  const spoken = SPOKEN[spec.field];
  const attempts = Object.fromEntries(['Initial', ...Array.from({ length: MAX_RETRIES }, (_, i) => `Retry${i + 1}`)].map((k) => [k, attempt(spec)]));
  return {
    Name: spec.intent,
    Description: `Captures the ${spoken.name}; the code hook encrypts it and empties the slot.`,
    SampleUtterances: [`{${spec.slot}}`, ...spoken.utterances.map((u) => u.replace('{slot}', `{${spec.slot}}`))].map((Utterance) => ({ Utterance })),
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
          MessageGroupsList: [{ Message: { PlainTextMessage: { Value: `Please say or key in your ${spec.digits}-digit ${spoken.name}, then press pound.` } } }],
          MaxRetries: MAX_RETRIES,
          AllowInterrupt: true,
          PromptAttemptsSpecification: attempts,
        },
      },
    }],
  };
}

function locale(localeId: string): LexBotLocale {
  return {
    LocaleId: localeId,
    NluConfidenceThreshold: 0.4,
    VoiceSettings: { VoiceId: VOICES[localeId] ?? 'Joanna', Engine: 'neural' },
    SlotTypes: SECURE_FIELDS.map((spec) => ({
      Name: spec.slotType,
      Description: `Exactly ${spec.digits} digits`,
      ParentSlotTypeSignature: 'AMAZON.AlphaNumeric',
      // AlphaNumeric keeps leading zeros (AMAZON.Number would drop them) and the regex admits exactly N digits.
      ValueSelectionSetting: { ResolutionStrategy: 'ORIGINAL_VALUE', RegexFilter: { Pattern: `[0-9]{${spec.digits}}` } },
    })),
    Intents: [...SECURE_FIELDS.map(intentFor), { Name: 'FallbackIntent', Description: 'Required by Lex', ParentIntentSignature: 'AMAZON.FallbackIntent' }],
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
