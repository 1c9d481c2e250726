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
  /** Whether the caller may speak or key over the prompt that precedes this input. */
  allowInterrupt: boolean;
  dtmf: DtmfSettings;
}

/**
 * Lex V2's defaults where neither a slot's prompt attempt nor a session attribute sets a value: the
 * Connect admin guide's "Get customer input" (start silence 3000 ms; `#` ends, `*` clears, 5000 ms
 * between keys, 1,024 keys) and the Lex V2 guide's allow-interrupt "Default: True"
 * (https://docs.aws.amazon.com/lexv2/latest/dg/session-attribs-speech.html, which gives 4000 ms for the
 * start timeout: the shorter of the two is kept, the worse case for a slow caller).
 */
export const DEFAULT_INPUT: InputSettings = {
  allowAudio: true, allowDtmf: true, startTimeoutMs: 3000, allowInterrupt: true,
  dtmf: { endCharacter: '#', deletionCharacter: '*', maxLength: 1024, endTimeoutMs: 5000 },
};

/**
 * `x-amz-lex:<type>:<behavior>:<intent>:<slot>` session attributes over `base`: the most specific key
 * wins (intent and slot, then the intent with `*`, then `*:*`): "Any intent- or slot-specific settings take
 * precedence over default settings" (Lex V2 guide). Keys spelled otherwise are ignored, as Lex ignores
 * names it does not define. Before an intent is classified only `*:*` can apply.
 */
export function withSessionAttributes(base: InputSettings, attributes: Record<string, string>, intent = '*', slot = '*'): InputSettings {
  const lookUp = (name: string) => [`${name}:${intent}:${slot}`, `${name}:${intent}:*`, `${name}:*:${slot}`, `${name}:*:*`].map((k) => attributes[k]).find((v) => v !== undefined);
  const num = (name: string, d: number) => {
    const v = lookUp(name);
    return v !== undefined && /^[0-9]{1,7}$/.test(v) ? Number(v) : d;
  };
  const char = (name: string, d: string) => {
    const v = lookUp(name);
    return v !== undefined && /^[0-9A-D#*]$/.test(v) ? v : d;
  };
  const flag = (name: string, d: boolean) => {
    const v = lookUp(name)?.toLowerCase();
    return v === 'true' ? true : v === 'false' ? false : d;
  };
  return {
    ...base,
    startTimeoutMs: num('x-amz-lex:audio:start-timeout-ms', base.startTimeoutMs),
    allowInterrupt: flag('x-amz-lex:allow-interrupt', base.allowInterrupt),
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

export interface CollectedDtmf {
  input: Extract<LexInput, { mode: 'DTMF' }>;
  /** Keys pressed after the input ended; the simulator carries them into the next input (the worst case). */
  rest: string;
}

/**
 * Keypad presses as Lex collects them: input ends at the end character, at the deletion character (which
 * also clears what was keyed: "clears the accumulated DTMF digits and immediately ends the input"), at
 * max length, or after the end timeout (DTMFSpecification; Lex V2 guide). What happens to keys pressed
 * after that is not documented: they are handed back.
 */
export function collectDtmf(keys: string, dtmf: DtmfSettings): CollectedDtmf {
  let digits = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const rest = keys.slice(i + 1);
    if (key === dtmf.deletionCharacter) return { input: { mode: 'DTMF', transcript: '', ended: 'deleted' }, rest };
    if (key === dtmf.endCharacter) return { input: { mode: 'DTMF', transcript: digits, ended: 'end-character' }, rest };
    digits += key;
    if (digits.length >= dtmf.maxLength) return { input: { mode: 'DTMF', transcript: digits, ended: 'max-length' }, rest };
  }
  return { input: { mode: 'DTMF', transcript: digits, ended: 'timeout' }, rest: '' };
}

/**
 * The request attribute Connect adds to keyed input: "The attribute name is x-amz-lex:dtmf-transcript"
 * with "123[END]" -> "123", "[END]" -> "[END]", "123[DEL]" -> "[DEL]" (Get customer input, tips,
 * https://docs.aws.amazon.com/connect/latest/adminguide/get-customer-input.html). It holds the digits.
 */
export function dtmfTranscript(input: Extract<LexInput, { mode: 'DTMF' }>): string {
  if (input.ended === 'deleted') return '[DEL]';
  return input.transcript === '' ? '[END]' : input.transcript;
}
