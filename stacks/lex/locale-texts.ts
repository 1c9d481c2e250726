import type { EnvironmentConfig } from '../../environments';
import type { SecureFieldSpec } from '../../contract/secure-fields';

/** A Lex locale the environment schema admits. */
export type LexLocaleId = EnvironmentConfig['lex']['locales'][number];

/** What the bot says for one field, in one language: the slot's prompt. */
export interface FieldTexts {
  prompt: (digits: number) => string;
}

type Language = 'en' | 'es' | 'fr' | 'de';

// A neural Polly voice of each locale, and the language of its prompts: a locale
// added to the config speaks its own language, never English with a foreign voice.
const LOCALES: Record<LexLocaleId, { voice: string; language: Language }> = {
  en_US: { voice: 'Joanna', language: 'en' }, en_GB: { voice: 'Amy', language: 'en' }, en_AU: { voice: 'Olivia', language: 'en' },
  es_US: { voice: 'Lupe', language: 'es' }, es_ES: { voice: 'Lucia', language: 'es' },
  fr_CA: { voice: 'Gabrielle', language: 'fr' }, de_DE: { voice: 'Vicki', language: 'de' },
};

const TEXTS: Record<Language, Record<SecureFieldSpec['field'], FieldTexts>> = {
  en: {
    'card-number': { prompt: (n) => `Please say or key in your ${n}-digit card number, then press pound.` },
    zip: { prompt: (n) => `Please say or key in your ${n}-digit ZIP code, then press pound.` },
  },
  es: {
    'card-number': { prompt: (n) => `Por favor, diga o marque su número de tarjeta de ${n} dígitos y pulse la tecla numeral.` },
    zip: { prompt: (n) => `Por favor, diga o marque su código postal de ${n} dígitos y pulse la tecla numeral.` },
  },
  fr: {
    'card-number': { prompt: (n) => `Veuillez dire ou composer votre numéro de carte à ${n} chiffres, puis appuyez sur le carré.` },
    zip: { prompt: (n) => `Veuillez dire ou composer votre code ZIP à ${n} chiffres, puis appuyez sur le carré.` },
  },
  de: {
    'card-number': { prompt: (n) => `Bitte sagen oder tippen Sie Ihre ${n}-stellige Kartennummer ein und drücken Sie dann die Rautetaste.` },
    zip: { prompt: (n) => `Bitte sagen oder tippen Sie Ihre ${n}-stellige Postleitzahl ein und drücken Sie dann die Rautetaste.` },
  },
};

export const voiceOf = (locale: LexLocaleId): string => LOCALES[locale].voice;

export const fieldTexts = (locale: LexLocaleId, field: SecureFieldSpec['field']): FieldTexts => TEXTS[LOCALES[locale].language][field];
