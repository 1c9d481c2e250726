// The environment variable the stack sets on the deleter and its handler reads: one name for both sides.
export const DELETER_ENV = {
  /** The Lex V2 bot id whose stored utterances the deleter removes. */
  botId: 'BOT_ID',
} as const;

/** Lex V2 bot ids are exactly 10 letters or digits (DeleteUtterances, URI parameter botId). */
export const BOT_ID_PATTERN = /^[0-9a-zA-Z]{10}$/;
