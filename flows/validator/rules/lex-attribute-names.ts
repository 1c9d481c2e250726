import { problem, type FlowRule } from '../rule';

// Project policy: every `x-amz-lex:` key a bot block sends is spelled as the Lex V2 developer guide
// spells it ("Configuring timeouts for capturing user input",
// https://docs.aws.amazon.com/lexv2/latest/dg/session-attribs-speech.html; c2hans/aws-docs@63cf41d661d66ec83c0b669091773802db5b9e31):
// `x-amz-lex:<audio|dtmf|text>:<behavior>:<intent|*>:<slot|*>[.<subslot|*>]`, and
// `x-amz-lex:<allow-interrupt|allow-audio-input|allow-dtmf-input>:<intent|*>:<slot|*>`. Connect publishes
// misspelt keys without complaint (real flows send `*.*` and four-part keys) and Lex then ignores them, so
// this is ours to check. Lex Classic names (`barge-in-enabled`, `max-speech-duration-ms`) are refused too.
// Values: keypad characters `^[A-D0-9#*]$` (DTMFSpecification), max-length 1..1024, times positive
// integers, audio max-length at most 15,000 ms (the 2023 Connect guide: more "is routed down the Error
// branch"; the guide now says 55,000; the lower bound is kept), flags true or false.
const BEHAVIORS: Record<string, (value: string) => boolean> = {
  'audio:start-timeout-ms': positive,
  'audio:end-timeout-ms': positive,
  'audio:max-length-ms': (v) => positive(v) && Number(v) <= 15_000,
  'text:start-timeout-ms': positive,
  'dtmf:end-character': key,
  'dtmf:deletion-character': key,
  'dtmf:end-timeout-ms': positive,
  'dtmf:max-length': (v) => positive(v) && Number(v) <= 1024,
  'allow-interrupt': flag,
  'allow-audio-input': flag,
  'allow-dtmf-input': flag,
};
function positive(v: string) {
  return /^[1-9][0-9]{0,6}$/.test(v);
}
function key(v: string) {
  return /^[A-D0-9#*]$/.test(v);
}
function flag(v: string) {
  return /^(true|false)$/i.test(v);
}
const NAME = /^[A-Za-z0-9_]{1,100}$/;
const target = (intent: string, slot: string) => (intent === '*' || NAME.test(intent)) && slot.split('.').length <= 2 && slot.split('.').every((s) => s === '*' || NAME.test(s));

/** The problem with one session-attribute key and value, or undefined when it is not an x-amz-lex key or is well formed. */
export function lexAttributeProblem(name: string, value: string): string | undefined {
  if (!name.toLowerCase().startsWith('x-amz-lex:')) return undefined;
  const parts = name.slice('x-amz-lex:'.length).split(':');
  const behavior = parts.length === 4 ? `${parts[0]}:${parts[1]}` : parts.length === 3 ? parts[0]! : undefined;
  const check = behavior === undefined ? undefined : BEHAVIORS[behavior];
  if (!check || !target(parts.at(-2)!, parts.at(-1)!)) return `${name} is not a Lex V2 session attribute (x-amz-lex:<type>:<behavior>:<intent|*>:<slot|*>)`;
  return check(value) ? undefined : `${name} has a value Lex V2 does not take`;
}

export const lexAttributeNamesRule: FlowRule = {
  name: 'lex-attribute-names',
  check: (flow) => flow.Actions.filter((a) => a.Type === 'ConnectParticipantWithLexBot').flatMap((a) => {
    const attributes = a.Parameters?.LexSessionAttributes;
    if (typeof attributes !== 'object' || attributes === null) return [];
    return Object.entries(attributes as Record<string, unknown>).flatMap(([name, value]) => {
      const message = lexAttributeProblem(name, String(value));
      return message ? [problem('lex-attribute-names', a.Identifier, message)] : [];
    });
  }),
};
