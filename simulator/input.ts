// What the caller's turn becomes by the time Lex reads it: keypad presses collected under the DTMF
// settings in force (end character, deletion character, max length), speech as its transcript.
export interface DtmfSettings {
  endCharacter: string;
  deletionCharacter: string;
  maxLength: number;
  endTimeoutMs: number;
}

export interface InputSettings {
  allowAudio: boolean;
  allowDtmf: boolean;
  startTimeoutMs: number;
  dtmf: DtmfSettings;
}

/** Lex V2 defaults while no slot's settings apply (Lex V2 developer guide, "Configuring timeouts for capturing user input"). */
export const DEFAULT_INPUT: InputSettings = {
  allowAudio: true, allowDtmf: true, startTimeoutMs: 4000,
  dtmf: { endCharacter: '#', deletionCharacter: '*', maxLength: 1024, endTimeoutMs: 5000 },
};

/** Session attributes that override the defaults for intent elicitation (same guide). */
export function inputFromSessionAttributes(attributes: Record<string, string>): InputSettings {
  const num = (k: string, d: number) => (/^[0-9]{1,7}$/.test(attributes[k] ?? '') ? Number(attributes[k]) : d);
  const char = (k: string, d: string) => (/^[0-9A-D#*]$/.test(attributes[k] ?? '') ? attributes[k]! : d);
  const d = DEFAULT_INPUT;
  return {
    ...d,
    startTimeoutMs: num('x-amz-lex:audio:start-timeout-ms', d.startTimeoutMs),
    dtmf: {
      endCharacter: char('x-amz-lex:dtmf:end-character', d.dtmf.endCharacter),
      deletionCharacter: char('x-amz-lex:dtmf:deletion-character', d.dtmf.deletionCharacter),
      maxLength: num('x-amz-lex:dtmf:max-length', d.dtmf.maxLength),
      endTimeoutMs: num('x-amz-lex:dtmf:end-timeout-ms', d.dtmf.endTimeoutMs),
    },
  };
}

export type LexInput =
  | { mode: 'Speech' | 'Text'; transcript: string }
  | { mode: 'DTMF'; transcript: string; ended: 'end-character' | 'max-length' | 'timeout' | 'deleted' }
  | { mode: 'none' };

/**
 * Keypad presses as Lex collects them: input ends at the end character, at the deletion character
 * (which also clears what was keyed), at max length, or after the end timeout; later presses are lost.
 */
export function collectDtmf(keys: string, dtmf: DtmfSettings): LexInput {
  let digits = '';
  for (const key of keys) {
    if (key === dtmf.deletionCharacter) return { mode: 'DTMF', transcript: '', ended: 'deleted' };
    if (key === dtmf.endCharacter) return { mode: 'DTMF', transcript: digits, ended: 'end-character' };
    digits += key;
    if (digits.length >= dtmf.maxLength) return { mode: 'DTMF', transcript: digits, ended: 'max-length' };
  }
  return { mode: 'DTMF', transcript: digits, ended: 'timeout' };
}
