// Malformed and hostile Lex V2 events: each must get a valid Lex V2 response, and none may throw.
import { blockSessionAttributes, CONTACT_ID_ATTRIBUTE } from '../../contract/capture-session';
import { ATTEMPTS_ATTRIBUTE, CAPTURE, CARD_NUMBER, FIELD_ATTRIBUTE, STATUS, STATUS_ATTRIBUTE, ZIP_CODE, type SecureFieldSpec } from '../../contract/secure-fields';
import { lexEvent } from '../../stand-ins/lex-events';

const big = '9'.repeat(100 * 1024);
const CONTACT = 'c0ffee00-0000-4000-8000-00000000abcd';
const withSlot = (spec: SecureFieldSpec, slot: unknown) => {
  const e: any = lexEvent(spec, { value: '0' });
  e.sessionState.intent.slots = { [CAPTURE.slot]: slot };
  return e;
};
const withValue = (spec: SecureFieldSpec, value: unknown) => withSlot(spec, { shape: 'Scalar', value: { originalValue: value, interpretedValue: value } });
/** The flow's attributes for the card block, the slot already asked for, with `extra` on top. */
const cardBlock = (extra: Record<string, unknown>): Record<string, unknown> => ({ ...blockSessionAttributes(CARD_NUMBER, CONTACT), [STATUS_ATTRIBUTE]: STATUS.eliciting, ...extra });
const patched = (patch: (e: any) => void, spec: SecureFieldSpec = CARD_NUMBER) => {
  const e: any = lexEvent(spec, { value: '4111111111111111' });
  patch(e);
  return e;
};

export const HOSTILE_LEX_EVENTS: [string, unknown][] = [
  ['undefined', undefined], ['null', null], ['a number', 42], ['a string', '4111111111111111'], ['an array', [1, 2]],
  ['true', true], ['an empty object', {}], ['a function-like string', '() => {}'],
  ['sessionState null', patched((e) => { e.sessionState = null; })],
  ['sessionState a string', patched((e) => { e.sessionState = 'x'; })],
  ['intent missing', patched((e) => { delete e.sessionState.intent; })],
  ['intent null', patched((e) => { e.sessionState.intent = null; })],
  ['intent name missing', patched((e) => { delete e.sessionState.intent.name; })],
  ['intent name a number', patched((e) => { e.sessionState.intent.name = 7; })],
  ['intent name 100 KB', patched((e) => { e.sessionState.intent.name = big; })],
  ['unknown intent', patched((e) => { e.sessionState.intent.name = 'OrderPizza'; })],
  ['fallback intent', patched((e) => { e.sessionState.intent.name = 'FallbackIntent'; })],
  ['intent name injection', patched((e) => { e.sessionState.intent.name = "CaptureDigits'; DROP TABLE--"; })],
  ['the old card intent', patched((e) => { e.sessionState.intent.name = 'CaptureCardNumber'; })],
  ['intent name prototype', patched((e) => { e.sessionState.intent.name = '__proto__'; })],
  ['slots null', patched((e) => { e.sessionState.intent.slots = null; })],
  ['slots an array', patched((e) => { e.sessionState.intent.slots = ['4111111111111111']; })],
  ['slots a string', patched((e) => { e.sessionState.intent.slots = '4111111111111111'; })],
  ['slot null (card)', withSlot(CARD_NUMBER, null)],
  ['slot null (zip)', withSlot(ZIP_CODE, null)],
  ['slot a string', withSlot(CARD_NUMBER, '4111111111111111')],
  ['slot without value', withSlot(CARD_NUMBER, { shape: 'Scalar' })],
  ['slot value null', withSlot(CARD_NUMBER, { shape: 'Scalar', value: null })],
  ['slot value a number', withValue(CARD_NUMBER, 4111111111111111)],
  ['slot value an object', withValue(CARD_NUMBER, { digits: '4111111111111111' })],
  ['slot value an array', withValue(ZIP_CODE, ['0', '2', '1', '3', '4'])],
  ['slot value boolean', withValue(ZIP_CODE, true)],
  ['slot value 100 KB of digits', withValue(CARD_NUMBER, big)],
  ['slot value 100 KB of spaces', withValue(ZIP_CODE, ' '.repeat(100 * 1024))],
  ['slot value empty', withValue(CARD_NUMBER, '')],
  ['Arabic-Indic digits', withValue(ZIP_CODE, '٠٢١٣٤')],
  ['fullwidth digits', withValue(ZIP_CODE, '０２１３４')],
  ['Devanagari digits', withValue(CARD_NUMBER, '४१११११११११११११११')],
  ['superscript digits', withValue(ZIP_CODE, '⁰²¹³⁴')],
  ['digits as words', withValue(ZIP_CODE, 'zero two one three four')],
  ['a negative number', withValue(ZIP_CODE, '-2134')],
  ['an exponent', withValue(CARD_NUMBER, '4.111111111111111e15')],
  ['a null byte', withValue(ZIP_CODE, '0213\u00004')],
  ['newlines', withValue(ZIP_CODE, '02\n134')],
  ['SQL injection', withValue(CARD_NUMBER, "4111' OR '1'='1")],
  ['script injection', withValue(ZIP_CODE, '<script>alert(1)</script>')],
  ['template injection', withValue(ZIP_CODE, '${jndi:ldap://x/a}')],
  ['SSML injection', withValue(ZIP_CODE, '<speak>02134</speak>')],
  ['right-to-left override', withValue(ZIP_CODE, '\u202e43120')],
  ['a lone surrogate', withValue(ZIP_CODE, '0213\ud800')],
  ['card digits with a letter', withValue(CARD_NUMBER, '4111 1111 1111 111O')],
  ['Luhn failure', withValue(CARD_NUMBER, '4111111111111112')],
  ['card digits in the zip intent', withValue(ZIP_CODE, '4111111111111111')],
  ['zip digits in the card intent', withValue(CARD_NUMBER, '02134')],
  ['sessionId missing', patched((e) => { delete e.sessionId; })],
  ['sessionId 100 KB', patched((e) => { e.sessionId = big; })],
  ['sessionId with injection', patched((e) => { e.sessionId = 'x"}; rm -rf /'; })],
  ['session attributes a string', patched((e) => { e.sessionState.sessionAttributes = 'x'; })],
  ['attempts not a number', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [ATTEMPTS_ATTRIBUTE]: 'many' }); })],
  ['attempts huge', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [ATTEMPTS_ATTRIBUTE]: '99999999999999999999' }); })],
  ['attempts negative', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [ATTEMPTS_ATTRIBUTE]: '-5' }); })],
  ['attempts past the limit', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [ATTEMPTS_ATTRIBUTE]: '3' }); })],
  ['attempts a fraction', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [ATTEMPTS_ATTRIBUTE]: '1.5' }); })],
  ['attempts a number, not a string', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [ATTEMPTS_ATTRIBUTE]: 1 }); })],
  ['attempts missing', patched((e) => { const { [ATTEMPTS_ATTRIBUTE]: _gone, ...rest } = cardBlock({}); e.sessionState.sessionAttributes = rest; })],
  ['carried ciphertext hostile', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [ZIP_CODE.sessionAttribute]: '<script>' }); })],
  ['plaintext in the other field\'s ciphertext attribute', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [ZIP_CODE.sessionAttribute]: '90210' }); })],
  ['plaintext in this field\'s ciphertext attribute', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [CARD_NUMBER.sessionAttribute]: '4111111111111111' }); })],
  ['a status of captured planted', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [STATUS_ATTRIBUTE]: STATUS.captured, [CARD_NUMBER.sessionAttribute]: 'AgR4AAAA' }); }, ZIP_CODE)],
  ['expected field missing', patched((e) => { const { [FIELD_ATTRIBUTE]: _gone, ...rest } = cardBlock({}); e.sessionState.sessionAttributes = rest; })],
  ['expected field unknown', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [FIELD_ATTRIBUTE]: 'cvv' }); })],
  ['expected field a prototype key', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [FIELD_ATTRIBUTE]: '__proto__' }); })],
  ['expected field an object', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [FIELD_ATTRIBUTE]: { field: 'card-number' } }); })],
  ['expected ZIP, 16 digits given', patched((e) => { e.sessionState.sessionAttributes = { ...blockSessionAttributes(ZIP_CODE, CONTACT), [STATUS_ATTRIBUTE]: STATUS.eliciting }; })],
  ['expected card, 5 digits given', withValue(ZIP_CODE, '02134')],
  ['expected card, FallbackIntent with a card slot', patched((e) => { e.sessionState.intent.name = 'FallbackIntent'; e.sessionState.sessionAttributes = cardBlock({}); })],
  ['foreign session attributes', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ note: '4111111111111111', 'x-amz-lex:x': '1' }); })],
  ['contact id missing', patched((e) => { const { [CONTACT_ID_ATTRIBUTE]: _gone, ...rest } = cardBlock({}); e.sessionState.sessionAttributes = rest; })],
  ['contact id not a UUID', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [CONTACT_ID_ATTRIBUTE]: '4111111111111111' }); })],
  ['contact id an object', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [CONTACT_ID_ATTRIBUTE]: { id: CONTACT } }); })],
  ['contact id the unresolved JSONPath', patched((e) => { e.sessionState.sessionAttributes = cardBlock({ [CONTACT_ID_ATTRIBUTE]: '$.InitialContactId' }); })],
  ['keyed digits in the request attribute x-amz-lex:dtmf-transcript', patched((e) => { e.requestAttributes = { 'x-amz-lex:dtmf-transcript': '4111111111111111', 'x-amz-lex:channels:platform': 'Connect' }; })],
  ['another card in the request attribute, none in the slot', patched((e) => { e.sessionState.intent.slots = { [CAPTURE.slot]: null }; e.requestAttributes = { 'x-amz-lex:dtmf-transcript': '5555555555554444' }; })],
  ['request attributes a string', patched((e) => { e.requestAttributes = '4111111111111111'; })],
  ['request attributes 100 KB', patched((e) => { e.requestAttributes = { 'x-amz-lex:dtmf-transcript': big }; })],
  ['inputTranscript a number', patched((e) => { e.inputTranscript = 4111111111111111; })],
  ['inputTranscript 100 KB of spaces', patched((e) => { e.inputTranscript = ' '.repeat(100 * 1024); e.sessionState.intent.slots = { [CAPTURE.slot]: null }; })],
  ['invocationSource unknown', patched((e) => { e.invocationSource = 'Nope'; })],
  ['inputMode unknown', patched((e) => { e.inputMode = 'Telepathy'; })],
  ['prototype pollution attempt', JSON.parse(`{"__proto__":{"polluted":true},"sessionState":{"intent":{"name":"${CAPTURE.intent}","slots":{"${CAPTURE.slot}":{"value":{"interpretedValue":"02134"}}}}}}`)],
];
