// The Lex V2 `x-amz-lex:` session attributes that set keypad and audio behaviour, spelled as the Lex V2
// developer guide spells them ("Configuring timeouts for capturing user input",
// https://docs.aws.amazon.com/lexv2/latest/dg/session-attribs-speech.html):
// `x-amz-lex:<InputType>:<BehaviorName>:<IntentName>:<SlotName>`, and `x-amz-lex:allow-interrupt:<intent>:<slot>`.
// "You can also configure timeouts through session attributes when starting a conversation with a bot,
// and overwrite them in your Lambda function if necessary": the flow's bot block and the code hook both
// send the same values for the field being asked for.
import type { FieldInput, SecureFieldSpec } from './secure-fields';

export const LEX_INPUT_ATTRIBUTES = {
  dtmfEndCharacter: 'x-amz-lex:dtmf:end-character',
  dtmfDeletionCharacter: 'x-amz-lex:dtmf:deletion-character',
  dtmfMaxLength: 'x-amz-lex:dtmf:max-length',
  dtmfEndTimeoutMs: 'x-amz-lex:dtmf:end-timeout-ms',
  startTimeoutMs: 'x-amz-lex:audio:start-timeout-ms',
  audioEndTimeoutMs: 'x-amz-lex:audio:end-timeout-ms',
  audioMaxLengthMs: 'x-amz-lex:audio:max-length-ms',
  allowInterrupt: 'x-amz-lex:allow-interrupt',
} as const satisfies Record<keyof FieldInput, string>;

/**
 * `*:*`: every intent and slot. Before Lex has classified the first answer there is no intent or slot to
 * name, so only the wildcard can apply to that turn (undocumented either way; docs/dialog.md).
 */
export const ANY_INTENT_AND_SLOT = '*:*';

/** The field's input settings as `x-amz-lex:...:*:*` session attributes (string values, as Lex takes them). */
export function inputSessionAttributes(spec: Pick<SecureFieldSpec, 'input'>): Record<string, string> {
  return Object.fromEntries((Object.keys(LEX_INPUT_ATTRIBUTES) as (keyof FieldInput)[])
    .map((key) => [`${LEX_INPUT_ATTRIBUTES[key]}:${ANY_INTENT_AND_SLOT}`, String(spec.input[key])]));
}
