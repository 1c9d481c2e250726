import type { EnvironmentConfig } from '../../environments';
import type { SecureFieldSpec } from '../../functions/shared/secure-fields';

/** A Lex locale the environment schema admits. */
export type LexLocaleId = EnvironmentConfig['lex']['locales'][number];

/** What the bot says and understands for one field, in one language. `{slot}` marks the slot. */
export interface FieldTexts {
  prompt: (digits: number) => string;
  utterances: string[];
}

type Language = 'en' | 'es' | 'fr' | 'de';

// A neural Polly voice of each locale, and the language of its prompts and sample utterances: a locale
// added to the config speaks and understands its own language, never English with a foreign voice.
const LOCALES: Record<LexLocaleId, { voice: string; language: Language }> = {
  en_US: { voice: 'Joanna', language: 'en' }, en_GB: { voice: 'Amy', language: 'en' }, en_AU: { voice: 'Olivia', language: 'en' },
  es_US: { voice: 'Lupe', language: 'es' }, es_ES: { voice: 'Lucia', language: 'es' },
  fr_CA: { voice: 'Gabrielle', language: 'fr' }, de_DE: { voice: 'Vicki', language: 'de' },
};

const TEXTS: Record<Language, Record<SecureFieldSpec['field'], FieldTexts>> = {
  en: {
    'card-number': { prompt: (n) => `Please say or key in your ${n}-digit card number, then press pound.`, utterances: ['my card number is {slot}', 'card number {slot}', 'it is {slot}'] },
    zip: { prompt: (n) => `Please say or key in your ${n}-digit ZIP code, then press pound.`, utterances: ['my zip code is {slot}', 'zip code {slot}', 'zip {slot}'] },
  },
  es: {
    'card-number': { prompt: (n) => `Por favor, diga o marque su número de tarjeta de ${n} dígitos y pulse la tecla numeral.`, utterances: ['mi número de tarjeta es {slot}', 'número de tarjeta {slot}', 'es {slot}'] },
    zip: { prompt: (n) => `Por favor, diga o marque su código postal de ${n} dígitos y pulse la tecla numeral.`, utterances: ['mi código postal es {slot}', 'código postal {slot}', 'código {slot}'] },
  },
  fr: {
    'card-number': { prompt: (n) => `Veuillez dire ou composer votre numéro de carte à ${n} chiffres, puis appuyez sur le carré.`, utterances: ['mon numéro de carte est {slot}', 'numéro de carte {slot}', "c'est {slot}"] },
    zip: { prompt: (n) => `Veuillez dire ou composer votre code ZIP à ${n} chiffres, puis appuyez sur le carré.`, utterances: ['mon code ZIP est {slot}', 'code ZIP {slot}', 'ZIP {slot}'] },
  },
  de: {
    'card-number': { prompt: (n) => `Bitte sagen oder tippen Sie Ihre ${n}-stellige Kartennummer ein und drücken Sie dann die Rautetaste.`, utterances: ['meine Kartennummer ist {slot}', 'Kartennummer {slot}', 'sie lautet {slot}'] },
    zip: { prompt: (n) => `Bitte sagen oder tippen Sie Ihre ${n}-stellige Postleitzahl ein und drücken Sie dann die Rautetaste.`, utterances: ['meine Postleitzahl ist {slot}', 'Postleitzahl {slot}', 'PLZ {slot}'] },
  },
};

export const voiceOf = (locale: LexLocaleId): string => LOCALES[locale].voice;

export const fieldTexts = (locale: LexLocaleId, field: SecureFieldSpec['field']): FieldTexts => TEXTS[LOCALES[locale].language][field];
