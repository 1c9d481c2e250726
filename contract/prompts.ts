// What the caller hears when the flow asks for a field, per bot locale. The flow's bot block plays it
// (its `Text`); it tells the caller to end with the pound key, which the keypad settings honour
// (contract/secure-fields.ts, `dtmfEndCharacter`).
import type { SecureFieldSpec } from './secure-fields';

/** The Lex V2 locales this project has prompts for (environments/schema.ts admits exactly these). */
export const PROMPT_LOCALES = ['en_US', 'en_GB', 'en_AU', 'es_US', 'es_ES', 'fr_CA', 'de_DE'] as const;
export type PromptLocale = (typeof PROMPT_LOCALES)[number];

type Language = 'en' | 'es' | 'fr' | 'de';

export const languageOf = (locale: PromptLocale): Language => locale.slice(0, 2) as Language;

/**
 * Connect's contact language for a Lex locale: `en_US` -> `en-US` ("Use the standard java.util.Locale",
 * Connect admin guide, system attribute Language, `$.LanguageCode`).
 */
export const languageCode = (locale: PromptLocale): string => locale.replace('_', '-');

const FIELD_PROMPTS: Record<Language, Record<SecureFieldSpec['field'], (digits: number) => string>> = {
  en: {
    'card-number': (n) => `Please say or key in your ${n}-digit card number, then press pound.`,
    zip: (n) => `Please say or key in your ${n}-digit ZIP code, then press pound.`,
  },
  es: {
    'card-number': (n) => `Por favor, diga o marque su número de tarjeta de ${n} dígitos y pulse la tecla numeral.`,
    zip: (n) => `Por favor, diga o marque su código postal de ${n} dígitos y pulse la tecla numeral.`,
  },
  fr: {
    'card-number': (n) => `Veuillez dire ou composer votre numéro de carte à ${n} chiffres, puis appuyez sur le carré.`,
    zip: (n) => `Veuillez dire ou composer votre code ZIP à ${n} chiffres, puis appuyez sur le carré.`,
  },
  de: {
    'card-number': (n) => `Bitte sagen oder tippen Sie Ihre ${n}-stellige Kartennummer ein und drücken Sie dann die Rautetaste.`,
    zip: (n) => `Bitte sagen oder tippen Sie Ihre ${n}-stellige Postleitzahl ein und drücken Sie dann die Rautetaste.`,
  },
};

/** The prompt of the flow's bot block for `spec`, in the locale's language. */
export const fieldPrompt = (locale: PromptLocale, spec: Pick<SecureFieldSpec, 'field' | 'digits'>): string =>
  FIELD_PROMPTS[languageOf(locale)][spec.field](spec.digits);
