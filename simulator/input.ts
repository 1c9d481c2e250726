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

/**
 * Lex V2's defaults where neither a slot's prompt attempt nor a session attribute sets a value (Connect
 * admin guide, "Get customer input", configurable fields; Lex V2 developer guide, "Configuring timeouts
 * for capturing user input").
 */
export const DEFAULT_INPUT: InputSettings = {
  allowAudio: true, allowDtmf: true, startTimeoutMs: 3000,
  dtmf: { endCharacter: '#', deletionCharacter: '*', maxLength: 1024, endTimeoutMs: 5000 },
};

/**
 * `x-amz-lex:<type>:<behavior>:<intent>:<slot>` session attributes over `base`: the most specific key
 * wins (intent and slot, then the intent with `*`, then `*:*`).
 */
export function withSessionAttributes(base: InputSettings, attributes: Record<string, string>, intent = '*', slot = '*'): InputSettings {
  const lookUp = (name: string) => [`${name}:${intent}:${slot}`, `${name}:${intent}:*`, `${name}:*:*`].map((k) => attributes[k]).find((v) => v !== undefined);
  const num = (name: string, d: number) => {
    const v = lookUp(name);
    return v !== undefined && /^[0-9]{1,7}$/.test(v) ? Number(v) : d;
  };
  const char = (name: string, d: string) => {
    const v = lookUp(name);
    return v !== undefined && /^[0-9A-D#*]$/.test(v) ? v : d;
  };
  return {
    ...base,
    startTimeoutMs: num('x-amz-lex:audio:start-timeout-ms', base.startTimeoutMs),
    dtmf: {
      endCharacter: char('x-amz-lex:dtmf:end-character', base.dtmf.endCharacter),
      deletionCharacter: char('x-amz-lex:dtmf:deletion-character', base.dtmf.deletionCharacter),
      maxLength: Math.min(1024, num('x-amz-lex:dtmf:max-length', base.dtmf.maxLength)),
      endTimeoutMs: num('x-amz-lex:dtmf:end-timeout-ms', base.dtmf.endTimeoutMs),
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
