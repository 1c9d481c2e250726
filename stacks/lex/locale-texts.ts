import type { EnvironmentConfig } from '../../environments';
import { languageOf, type PromptLocale } from '../../contract/prompts';

/** A Lex locale the environment schema admits; contract/prompts.ts has a prompt for each (a test keeps the lists equal). */
export type LexLocaleId = EnvironmentConfig['lex']['locales'][number] & PromptLocale;

// A neural Polly voice of each locale: a locale added to the config speaks its own language, never
// English with a foreign voice.
const VOICES: Record<PromptLocale, string> = {
  en_US: 'Joanna', en_GB: 'Amy', en_AU: 'Olivia', es_US: 'Lupe', es_ES: 'Lucia', fr_CA: 'Gabrielle', de_DE: 'Vicki',
};

// The capture slot serves every field, so its own prompt names none. Lex plays it only if it elicits the
// slot without a message from the code hook, which the hook never does (it always says which field).
const SLOT_PROMPTS: Record<ReturnType<typeof languageOf>, string> = {
  en: 'Please say or key in the number, then press pound.',
  es: 'Por favor, diga o marque el número y pulse la tecla numeral.',
  fr: 'Veuillez dire ou composer le numéro, puis appuyez sur le carré.',
  de: 'Bitte sagen oder tippen Sie die Nummer ein und drücken Sie dann die Rautetaste.',
};

export const voiceOf = (locale: PromptLocale): string => VOICES[locale];

export const slotPrompt = (locale: PromptLocale): string => SLOT_PROMPTS[languageOf(locale)];
