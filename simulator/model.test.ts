// The simulator's models on their own: the keypad, the classifier over the synthesized bot, the Lex
// runtime's retries, sessions and code hook contract (with a recording stand-in hook), and the flow
// model's coverage of every action type the validator admits. Sources, one per behaviour, in
// docs/simulator.md; the main ones: DTMFSpecification
// (https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DTMFSpecification.html), AMAZON.FallbackIntent
// (https://docs.aws.amazon.com/lexv2/latest/dg/built-in-intent-fallback.html), the Lambda input and response
// formats (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html, .../lambda-response-format.html),
// UpdateContactAttributes' 32,768-byte limit (https://docs.aws.amazon.com/connect/latest/APIReference/API_UpdateContactAttributes.html).
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_TYPES } from '../flows/action-types';
import { CAPTURE, FALLBACK_INTENT } from '../contract/secure-fields';
import { ACTION_MODELS, conditionHolds } from './connect-actions';
import { parseCallerScript, Caller } from './caller-script';
import { CallState, type SilenceOutcome } from './connect-runtime';
import { loadDeployment, type Deployment } from './deployment';
import { collectDtmf, DEFAULT_INPUT, dtmfTranscript, withSessionAttributes } from './input';
import type { InvokeResult } from './lambda-host';
import type { LexBotLocale } from '../stacks/lex/lex-cfn-types';
import { BotLocaleModel } from './lex-bot';
import { LexRuntime } from './lex-runtime';

let deployment: Deployment;
let bot: BotLocaleModel;
beforeAll(() => {
  deployment = loadDeployment('dev');
  bot = new BotLocaleModel(deployment.bot, deployment.bot.BotLocales[0]!);
}, 60_000);

it('models every action type the flow validator admits', () => {
  expect(Object.keys(ACTION_MODELS).sort()).toEqual(Object.keys(ACTION_TYPES).sort());
});

it.each([
  ['Equals', 'captured', 'captured', true], ['Equals', 'Captured', 'captured', false],
  ['TextStartsWith', 'AgR4abc', 'AgR4', true], ['TextStartsWith', '', 'AgR4', false],
  ['TextEndsWith', 'abc', 'bc', true], ['TextContains', 'abc', 'd', false],
  ['NumberGreaterThan', '3', '2', true], ['NumberGreaterThan', 'x', '2', false],
  ['NumberGreaterOrEqualTo', '2', '2', true], ['NumberLessThan', '1.5', '2', true],
  ['NumberLessOrEqualTo', '', '2', false],
] as const)('condition %s on "%s" with "%s": %s', (Operator, value, operand, holds) => {
  expect(conditionHolds({ Operator, Operands: [operand] }, value)).toBe(holds);
});

describe('keypad input (Lex V2 DTMFSpecification; keys after the end carried over, assumed)', () => {
  const dtmf = { endCharacter: '#', deletionCharacter: '*', maxLength: 5, endTimeoutMs: 5000 };
  it.each([
    // "The DTMF character that immediately ends input."
    ['021#9', { transcript: '021', ended: 'end-character' }, '9'],
    // "The maximum number of DTMF digits allowed in an utterance": what follows is not documented; carried.
    ['0213456#', { transcript: '02134', ended: 'max-length' }, '56#'],
    // "clears the accumulated DTMF digits and immediately ends the input"
    ['02*134#', { transcript: '', ended: 'deleted' }, '134#'],
    // "If the user does not press this character, the input ends after the end timeout."
    ['021', { transcript: '021', ended: 'timeout' }, ''],
  ])('%s', (keys, expected, rest) => {
    expect(collectDtmf(keys, dtmf)).toEqual({ input: { mode: 'DTMF', ...expected }, rest });
  });

  it('a "#" after a full-length value ends that input only when max-length leaves room for it', () => {
    expect(collectDtmf('02134#', { ...dtmf, maxLength: 6 })).toEqual({ input: { mode: 'DTMF', transcript: '02134', ended: 'end-character' }, rest: '' });
    expect(collectDtmf('02134#', dtmf)).toEqual({ input: { mode: 'DTMF', transcript: '02134', ended: 'max-length' }, rest: '#' });
  });

  it.each([
    [{ transcript: '123', ended: 'end-character' }, '123'], [{ transcript: '', ended: 'end-character' }, '[END]'], [{ transcript: '', ended: 'deleted' }, '[DEL]'],
  ] as const)('Connect\'s x-amz-lex:dtmf-transcript of %j is %s (Get customer input, DTMF scenarios)', (input, expected) => {
    expect(dtmfTranscript({ mode: 'DTMF', ...input })).toBe(expected);
  });
});

it('reads x-amz-lex session attributes, the most specific key first, ignoring names Lex does not define', () => {
  const attributes = {
    'x-amz-lex:dtmf:max-length:*:*': '9', 'x-amz-lex:dtmf:max-length:Pay:card': '16', 'x-amz-lex:dtmf:end-character:*:*': 'x',
    'x-amz-lex:allow-interrupt:*:*': 'false', 'x-amz-lex:audio:start-timeout-ms:*.*': '1',
  };
  expect(withSessionAttributes(DEFAULT_INPUT, attributes).dtmf).toEqual({ ...DEFAULT_INPUT.dtmf, maxLength: 9 });
  expect(withSessionAttributes(DEFAULT_INPUT, attributes, 'Pay', 'card').dtmf.maxLength).toBe(16);
  expect(withSessionAttributes(DEFAULT_INPUT, attributes)).toMatchObject({ allowInterrupt: false, startTimeoutMs: DEFAULT_INPUT.startTimeoutMs });
});

// A locale of its own for the matcher and the retries: slot utterances and two retries, which the
// project's bot does not use (docs/dialog.md), so the model is exercised beyond what the bot needs.
const testLocale = (): LexBotLocale => {
  const slotType = (name: string, digits: number) => ({ Name: name, ParentSlotTypeSignature: 'AMAZON.AlphaNumeric' as const, ValueSelectionSetting: { ResolutionStrategy: 'ORIGINAL_VALUE' as const, RegexFilter: { Pattern: `[0-9]{${digits}}` } } });
  const attempt = (maxLength: number) => ({ AllowedInputTypes: { AllowAudioInput: true, AllowDTMFInput: true }, AudioAndDTMFInputSpecification: { StartTimeoutMs: 4000, DTMFSpecification: { DeletionCharacter: '*', EndCharacter: '#', EndTimeoutMs: 5000, MaxLength: maxLength } } });
  const intent = (name: string, slot: string, type: string, utterances: string[], maxLength: number) => ({
    Name: name, SampleUtterances: utterances.map((Utterance) => ({ Utterance })), DialogCodeHook: { Enabled: true }, FulfillmentCodeHook: { Enabled: true },
    SlotPriorities: [{ Priority: 1, SlotName: slot }],
    Slots: [{ Name: slot, SlotTypeName: type, ObfuscationSetting: { ObfuscationSettingType: 'DefaultObfuscation' as const }, ValueElicitationSetting: { SlotConstraint: 'Required' as const, PromptSpecification: { MessageGroupsList: [{ Message: { PlainTextMessage: { Value: `Your ${slot}?` } } }], MaxRetries: 2, PromptAttemptsSpecification: { Initial: attempt(maxLength), Retry1: attempt(maxLength), Retry2: attempt(maxLength) } } } }],
  });
  return {
    LocaleId: 'en_US', NluConfidenceThreshold: 0.4, SlotTypes: [slotType('Card', 16), slotType('Zip', 5)],
    Intents: [
      intent('Card', 'card', 'Card', ['{card}', 'my card number is {card}'], 16),
      intent('Zip', 'zip', 'Zip', ['{zip}', 'zip code {zip}'], 5),
      { Name: 'FallbackIntent', ParentIntentSignature: 'AMAZON.FallbackIntent' },
    ],
  };
};

describe('intent classification (a deterministic matcher over sample utterances and slot types)', () => {
  let model: BotLocaleModel;
  beforeAll(() => {
    model = new BotLocaleModel({ ...deployment.bot, BotLocales: [testLocale()] }, testLocale());
  });

  it.each([
    ['4111111111111111', 'Card', true],
    ['My card number is 4111 1111 1111 1111', 'Card', true],
    ['02134', 'Zip', true],
    ['zip code', 'Zip', false],
    ['411111111111111', 'FallbackIntent', false],
    ['hello', 'FallbackIntent', false],
  ])('"%s" -> %s', (utterance, intent, filled) => {
    const top = model.classify(utterance)[0]!;
    expect(top.intent).toBe(intent);
    expect(Object.keys(top.slots).length > 0).toBe(filled);
  });

  it('reads the slot type regex: 15 digits are no card number, spoken groups are one value', () => {
    expect(model.resolveSlot('Card', 'card', '411111111111111')).toBeUndefined();
    expect(model.resolveSlot('Card', 'card', '4111 1111 1111 1111')).toEqual({ originalValue: '4111 1111 1111 1111', interpretedValue: '4111111111111111' });
  });

  it('on the synthesized bot: any field\'s digits, said or keyed, fill the capture slot on the first turn; words and silence do not', () => {
    for (const digits of ['4111111111111111', '4111 1111 1111 1111', '02134', '0 2 1 3 4', '021']) {
      expect(bot.classify(digits)[0]).toEqual({ intent: CAPTURE.intent, slots: { [CAPTURE.slot]: digits }, confidence: 1 });
    }
    for (const other of ['hello', 'my card number is 4111111111111111', '', '411111111111111111']) expect(bot.classify(other)[0]!.intent).toBe(FALLBACK_INTENT);
    expect(bot.attemptSettings(CAPTURE.intent, CAPTURE.slot, 0)).toMatchObject({ allowInterrupt: true, startTimeoutMs: 8000, dtmf: { maxLength: 17, endCharacter: '#', deletionCharacter: '*' } });
  });
});

describe('the Lex V2 runtime', () => {
  let now = 0;
  const events: any[] = [];
  let answer: (event: any) => InvokeResult;
  const runtime = (model = bot) => new LexRuntime({
    bot: model, now: () => now, botIds: { id: 'B', name: 'b', aliasId: 'A', aliasName: 'live', version: '1' },
    codeHook: { invoke: async (event) => (events.push(event), answer(event)) },
  });
  const delegate = (event: any): InvokeResult => ({ ok: true, logs: [], payload: { sessionState: { sessionAttributes: event.sessionState.sessionAttributes, dialogAction: { type: 'Delegate' }, intent: { name: event.sessionState.intent.name, state: 'InProgress', slots: event.sessionState.intent.slots } } } });

  it('re-elicits a slot value its type refuses up to MaxRetries, telling the hook the attempt, then hands over to FallbackIntent', async () => {
    events.length = 0;
    answer = delegate;
    const locale = testLocale();
    const lex = runtime(new BotLocaleModel({ ...deployment.bot, BotLocales: [locale] }, locale));
    let reply = await lex.recognize('s1', { mode: 'Speech', transcript: 'zip code' });
    expect(reply).toMatchObject({ kind: 'waiting', intent: { name: 'Zip' }, messages: ['Your zip?'] });
    for (const attempt of ['Retry1', 'Retry2']) {
      reply = await lex.recognize('s1', { mode: 'DTMF', transcript: '021', ended: 'end-character' });
      expect(reply.kind).toBe('waiting');
      expect(events.at(-1)).toMatchObject({ invocationSource: 'DialogCodeHook', inputMode: 'DTMF', sessionId: 's1', proposedNextState: { prompt: { attempt } } });
      expect(events.at(-1).sessionState.intent.slots.zip).toBeNull();
    }
    const calls = events.length;
    reply = await lex.recognize('s1', { mode: 'DTMF', transcript: '021', ended: 'end-character' });
    // This locale's FallbackIntent has no code hook: nothing is invoked, the fallback is fulfilled as is.
    expect(reply).toMatchObject({ kind: 'closed', intent: { name: 'FallbackIntent', state: 'Fulfilled' } });
    expect(events).toHaveLength(calls);
  });

  it('sends the Lex V2 event with every field of the input format, the plaintext only where Lex puts it', async () => {
    events.length = 0;
    answer = delegate;
    await runtime().recognize('contact-1', { mode: 'Speech', transcript: 'hello' });
    const event = events[0];
    expect(Object.keys(event).sort()).toEqual(['bot', 'inputMode', 'inputTranscript', 'interpretations', 'invocationSource', 'messageVersion', 'requestAttributes', 'responseContentType', 'sessionId', 'sessionState', 'transcriptions']);
    expect(event).toMatchObject({
      messageVersion: '1.0', invocationSource: 'FulfillmentCodeHook', inputMode: 'Speech', responseContentType: 'text/plain; charset=utf-8',
      sessionId: 'contact-1', inputTranscript: 'hello', bot: { localeId: 'en_US', aliasName: 'live' },
      interpretations: [{ interpretationSource: 'Lex', intent: { name: 'FallbackIntent' } }],
      sessionState: { intent: { name: 'FallbackIntent', state: 'ReadyForFulfillment', confirmationState: 'None' }, originatingRequestId: expect.any(String) },
      transcriptions: [{ transcription: 'hello', resolvedContext: { intent: 'FallbackIntent' } }],
    });
  });

  it('keeps session attributes per session id until the idle TTL passes', async () => {
    answer = delegate;
    const lex = runtime();
    now = 0;
    lex.applySessionAttributes('s2', { kept: 'yes' });
    now += deployment.bot.IdleSessionTTLInSeconds * 1000;
    expect((await lex.recognize('s2', { mode: 'Text', transcript: 'hello' })).sessionAttributes).toEqual({ kept: 'yes' });
    expect((await lex.recognize('other', { mode: 'Text', transcript: 'hello' })).sessionAttributes).toEqual({});
    now += deployment.bot.IdleSessionTTLInSeconds * 1000 + 1;
    expect((await lex.recognize('s2', { mode: 'Text', transcript: 'hello' })).sessionAttributes).toEqual({});
  });

  it('invokes FallbackIntent\'s fulfillment code hook, and follows the hook to another intent\'s slot', async () => {
    events.length = 0;
    answer = () => ({ ok: true, logs: [], payload: { sessionState: { sessionAttributes: { a: 'b', 'x-amz-lex:dtmf:max-length:*:*': '6' }, dialogAction: { type: 'ElicitSlot', slotToElicit: CAPTURE.slot }, intent: { name: CAPTURE.intent, state: 'InProgress', slots: { [CAPTURE.slot]: null } } }, messages: [{ contentType: 'PlainText', content: 'Again?' }] } });
    const lex = runtime();
    const reply = await lex.recognize('s4', { mode: 'Speech', transcript: 'hello' });
    expect(events.map((e) => [e.invocationSource, e.sessionState.intent.name])).toEqual([['FulfillmentCodeHook', 'FallbackIntent']]);
    expect(reply).toMatchObject({ kind: 'waiting', intent: { name: CAPTURE.intent }, sessionAttributes: { a: 'b' }, messages: ['Again?'] });
    // The hook's x-amz-lex attribute overrides the slot's own setting (17) for the next input.
    expect(reply.nextInput.dtmf.maxLength).toBe(6);
  });

  it.each([
    ['throws', (): InvokeResult => ({ ok: false, error: 'Unhandled', logs: [] })],
    ['answers outside the contract', (): InvokeResult => ({ ok: true, logs: [], payload: { sessionState: { dialogAction: { type: 'Finish' } } } })],
    ['names an intent the bot lacks', (): InvokeResult => ({ ok: true, logs: [], payload: { sessionState: { dialogAction: { type: 'Close' }, intent: { name: 'Nope', state: 'Fulfilled' } } } })],
  ])('answers Connect with an error when the code hook %s', async (_name, hook) => {
    answer = hook;
    expect(await runtime().recognize('s3', { mode: 'DTMF', transcript: '02134', ended: 'end-character' })).toMatchObject({ kind: 'error', error: expect.stringMatching(/^DependencyFailedException/) });
  });
});

describe('the flow model', () => {
  const contact = (actions: any[]) => new CallState({
    flow: { Version: '2019-10-30', StartAction: actions[0].Identifier, Actions: actions }, flowName: 'f', bots: new Map(),
    caller: new Caller(parseCallerScript('{"turns": []}')), instanceFlowLogs: true, clock: { now: () => 0, advance: () => {} },
  });

  it('ends the call when an action raises an error it has no branch for', async () => {
    const r = await contact([{ Identifier: 'c', Type: 'Compare', Parameters: { ComparisonValue: '$.Attributes.x' }, Transitions: { Conditions: [{ NextAction: 'c', Condition: { Operator: 'Equals', Operands: ['y'] } }] } }]).run();
    expect(r).toMatchObject({ path: ['c'], end: 'unhandled-error' });
  });

  it('refuses contact attributes over 32 KB with NoMatchingError, and logs blocks while logging is on', async () => {
    const r = await contact([
      { Identifier: 'big', Type: 'UpdateContactAttributes', Parameters: { Attributes: { a: 'x'.repeat(33_000) } }, Transitions: { NextAction: 'end', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end' }] } },
      { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
    ]).run();
    expect(r.attributes).toEqual({});
    expect(r.transcript.text()).toContain('-> NoMatchingError');
    expect(r.flowLogs.map((l) => l.Identifier)).toEqual(['big', 'end']);
  });

  it('takes the error branch of a bot block whose alias the instance is not associated with', async () => {
    const r = await contact([
      { Identifier: 'bot', Type: 'ConnectParticipantWithLexBot', Parameters: { Text: 'hi', LexV2Bot: { AliasArn: 'arn:aws:lex:us-east-1:1:bot-alias/X/Y' } }, Transitions: { Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end' }] } },
      { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
    ]).run();
    expect(r.path).toEqual(['bot', 'end']);
  });
});

// A voice contact's bot block, on the synthesized bot with a stand-in code hook (docs/simulator.md, "Voice").
describe('a voice bot block', () => {
  const ALIAS = 'arn:aws:lex:us-east-1:111122223333:bot-alias/B/A';
  const hookEvents: any[] = [];
  let close: 'Fulfilled' | 'Failed' = 'Fulfilled';
  const closing = (event: any): InvokeResult => (hookEvents.push(event), {
    ok: true, logs: [], payload: { sessionState: { sessionAttributes: event.sessionState.sessionAttributes, dialogAction: { type: 'Close' }, intent: { name: event.sessionState.intent.name, state: close, slots: {} } } },
  });
  const block = (parameters: Record<string, unknown>, id = 'bot', next = 'end') => ({
    Identifier: id, Type: 'ConnectParticipantWithLexBot', Parameters: { Text: 'Your number?', LexV2Bot: { AliasArn: ALIAS }, ...parameters },
    Transitions: { NextAction: 'error', Conditions: [{ NextAction: next, Condition: { Operator: 'Equals', Operands: [CAPTURE.intent] } }], Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: 'other' }, { ErrorType: 'NoMatchingError', NextAction: 'error' }] },
  });
  const ends = ['end', 'other', 'error'].map((Identifier) => ({ Identifier, Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} }));
  async function run(blocks: any[], turns: unknown[], options: { silence?: SilenceOutcome; languageCode?: string } = {}) {
    hookEvents.length = 0;
    const lex = new LexRuntime({ bot, now: () => 0, botIds: { id: 'B', name: 'b', aliasId: 'A', aliasName: 'live', version: '1' }, codeHook: { invoke: async (e) => closing(e) } });
    const call = new CallState({
      flow: { Version: '2019-10-30', StartAction: blocks[0].Identifier, Actions: [...blocks, ...ends] }, flowName: 'f', bots: new Map([[ALIAS, new Map([['en_US', lex]])]]),
      caller: new Caller(parseCallerScript(JSON.stringify({ turns }))), instanceFlowLogs: false, clock: { now: () => 0, advance: () => {} }, ...options,
    });
    return { call, result: await call.run(), lex };
  }

  it('LexInitializationData has no effect on voice ("The Voice channel is not supported"): nothing reaches the bot but the caller', async () => {
    for (const key of ['LexInitializationData', 'LexInitilizationData']) {
      const { result, lex } = await run([block({ [key]: { InitialMessage: '4111111111111111' } })], [], { silence: 'error' });
      expect(lex.turns).toBe(0);
      expect(result.transcript.text()).toContain('LexInitializationData is chat only');
      expect(result.path).toEqual(['bot', 'error']);
    }
  });

  it('the first answer is classified by the sample utterances, under the block\'s x-amz-lex *:* attributes, and fills the slot in that turn', async () => {
    const { result } = await run([block({ LexSessionAttributes: { 'x-amz-lex:dtmf:max-length:*:*': '3' } })], [{ keys: '02134#' }]);
    expect(result.transcript.text()).toContain('input ended by max-length, 3 keys kept');
    expect(hookEvents[0]).toMatchObject({ invocationSource: 'DialogCodeHook', inputMode: 'DTMF', sessionState: { intent: { name: CAPTURE.intent, slots: { [CAPTURE.slot]: { value: { interpretedValue: '021' } } } } } });
    // Connect adds the keyed input as a request attribute (Get customer input, tips).
    expect(hookEvents[0].requestAttributes).toEqual({ 'x-amz-lex:channels:platform': 'Connect', 'x-amz-lex:dtmf-transcript': '021' });
    expect(result.path).toEqual(['bot', 'end']);
  });

  it('silence runs out Lex\'s start timeout (x-amz-lex:audio:start-timeout-ms), never Connect\'s chat timeout; each assumed outcome', async () => {
    const parameters = { LexSessionAttributes: { 'x-amz-lex:audio:start-timeout-ms:*:*': '1234' } };
    const error = await run([block(parameters)], [], { silence: 'error' });
    expect(error.result.transcript.text()).toContain('no input within 1234 ms (Lex\'s start timeout; assumed outcome: error)');
    expect(error.result.path).toEqual(['bot', 'error']);
    expect(error.lex.turns).toBe(0);
    for (const outcome of ['fallback', 'empty-turn'] as const) {
      const { result } = await run([block(parameters)], [], { silence: outcome });
      expect(hookEvents[0]).toMatchObject({ invocationSource: 'FulfillmentCodeHook', inputMode: 'Speech', inputTranscript: '', sessionState: { intent: { name: FALLBACK_INTENT } } });
      expect(result.transcript.text()).not.toContain('InputTimeLimitExceeded');
    }
  });

  it('an intent that is not fulfilled takes the Error branch ("Error: ... an intent is not fulfilled in Amazon Lex bot"), $.Lex still readable', async () => {
    close = 'Failed';
    try {
      const { result, call } = await run([block({ LexSessionAttributes: { secure_input_status: 'failed' } })], [{ keys: '021#' }]);
      expect(result.path).toEqual(['bot', 'error']);
      expect(call.resolve('$.Lex.SessionAttributes.secure_input_status')).toBe('failed');
    } finally {
      close = 'Fulfilled';
    }
  });

  it('talks to the bot locale of the contact\'s language, and errors when the bot has none ("results in an error")', async () => {
    expect((await run([block({})], [{ keys: '021#' }], { languageCode: 'en-US' })).result.path).toEqual(['bot', 'end']);
    const other = await run([block({})], [{ keys: '021#' }], { languageCode: 'fr-CA' });
    expect(other.result.path).toEqual(['bot', 'error']);
    expect(other.lex.turns).toBe(0);
  });

  it('uses a Lex session id that is not the contact id, the same for every block of the contact', async () => {
    const { call } = await run([block({}, 'first', 'second'), block({}, 'second')], [{ keys: '021#' }, { keys: '02134#' }]);
    expect(hookEvents.map((e) => e.sessionId)).toEqual([call.lexSessionId, call.lexSessionId]);
    expect(call.lexSessionId).not.toContain(call.contactId);
    expect(call.resolve('$.InitialContactId')).toBe(call.contactId);
  });

  it('keys pressed after an input ended start the next input, even in the next block (the worst case)', async () => {
    const { result } = await run([block({ LexSessionAttributes: { 'x-amz-lex:dtmf:max-length:*:*': '3' } }, 'first', 'second'), block({}, 'second')], [{ keys: '021#' }, { keys: '99#' }]);
    expect(result.transcript.text()).toContain('1 key pressed after it carried to the next input');
    expect(hookEvents.map((e) => e.requestAttributes['x-amz-lex:dtmf-transcript'])).toEqual(['021', '[END]']);
  });
});

// Flow modules (docs/simulator.md, "Flow modules"): a caller flow invokes a module on the same contact.
describe('a flow module', () => {
  const ALIAS = 'arn:aws:lex:us-east-1:111122223333:bot-alias/B/A';
  const MODULE_ID = 'module-1';
  const hook = (event: any): InvokeResult => ({
    ok: true, logs: [], payload: { sessionState: { sessionAttributes: { ...event.sessionState.sessionAttributes, secure_input_status: 'captured' }, dialogAction: { type: 'Close' }, intent: { name: event.sessionState.intent.name, state: 'Fulfilled', slots: {} } } },
  });
  const act = (Identifier: string, Type: string, Parameters: Record<string, unknown>, next?: string, errors: string[] = []) => ({
    Identifier, Type, Parameters, Transitions: next ? { NextAction: next, Errors: errors.map((ErrorType) => ({ ErrorType, NextAction: next })) } : {},
  });
  const compare = (Identifier: string, value: string, equals: string, then: string, otherwise: string) => ({
    Identifier, Type: 'Compare', Parameters: { ComparisonValue: value },
    Transitions: { NextAction: otherwise, Conditions: [{ NextAction: then, Condition: { Operator: 'Equals', Operands: [equals] } }], Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: otherwise }] },
  });
  const botBlock = (Identifier: string, next: string, marker = 'module') => ({
    Identifier, Type: 'ConnectParticipantWithLexBot', Parameters: { Text: 'Your number?', LexV2Bot: { AliasArn: ALIAS }, LexSessionAttributes: { marker } },
    Transitions: { NextAction: next, Conditions: [{ NextAction: next, Condition: { Operator: 'Equals', Operands: [CAPTURE.intent] } }], Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: next }, { ErrorType: 'NoMatchingError', NextAction: next }] },
  });
  const end = (Identifier: string) => act(Identifier, 'DisconnectParticipant', {});
  const back = act('back', 'EndFlowModuleExecution', {});
  const invoke = (next: string, error = 'invoke-failed', id = MODULE_ID) => ({
    Identifier: 'invoke', Type: 'InvokeFlowModule', Parameters: { FlowModuleId: id }, Transitions: { NextAction: next, Errors: [{ ErrorType: 'NoMatchingError', NextAction: error }] },
  });
  async function call(caller: any[], module: any[], options: { lexInModule?: 'readable' | 'unreadable'; attributes?: Record<string, string>; turns?: unknown[] } = {}) {
    const lex = new LexRuntime({ bot, now: () => 0, botIds: { id: 'B', name: 'b', aliasId: 'A', aliasName: 'live', version: '1' }, codeHook: { invoke: async (e) => hook(e) } });
    const state = new CallState({
      flow: { Version: '2019-10-30', StartAction: caller[0].Identifier, Actions: [...caller, end('invoke-failed')] }, flowName: 'caller',
      modules: new Map([[MODULE_ID, { name: 'm', flow: { Version: '2019-10-30', StartAction: module[0].Identifier, Actions: module } }]]),
      bots: new Map([[ALIAS, new Map([['en_US', lex]])]]), caller: new Caller(parseCallerScript(JSON.stringify({ turns: options.turns ?? [] }))),
      instanceFlowLogs: true, clock: { now: () => 0, advance: () => {} }, lexInModule: options.lexInModule, attributes: options.attributes,
    });
    return { state, result: await state.run() };
  }

  it('sees the contact attributes the caller set; what it sets stays after the Return block, which continues the caller at NextAction', async () => {
    const { result } = await call(
      [act('set', 'UpdateContactAttributes', { Attributes: { from_caller: 'yes' } }, 'invoke', ['NoMatchingError']), invoke('after'), compare('after', '$.Attributes.from_module', 'copied-yes', 'done', 'wrong'), end('done'), end('wrong')],
      [compare('read', '$.Attributes.from_caller', 'yes', 'copy', 'back'), act('copy', 'UpdateContactAttributes', { Attributes: { from_module: 'copied-yes' } }, 'back', ['NoMatchingError']), back],
    );
    expect(result.path).toEqual(['set', 'invoke', 'm/read', 'm/copy', 'm/back', 'after', 'done']);
    expect(result.attributes).toEqual({ from_caller: 'yes', from_module: 'copied-yes' });
  });

  it('has a $.Lex of its own: the caller\'s is not visible inside, and the module\'s is not visible after the Return', async () => {
    const { result } = await call(
      [botBlock('caller-asks', 'invoke', 'caller'), invoke('caller-reads'), compare('caller-reads', '$.Lex.SessionAttributes.marker', 'caller', 'done', 'leaked'), end('done'), end('leaked')],
      [compare('module-reads', '$.Lex.IntentName', CAPTURE.intent, 'leaked-in', 'ask'), botBlock('ask', 'status'), compare('status', '$.Lex.SessionAttributes.marker', 'module', 'back', 'unreadable'), back, act('unreadable', 'EndFlowModuleExecution', {}), act('leaked-in', 'EndFlowModuleExecution', {})],
      { turns: [{ keys: '021#' }, { keys: '02134#' }] },
    );
    expect(result.path).toEqual(['caller-asks', 'invoke', 'm/module-reads', 'm/ask', 'm/status', 'm/back', 'caller-reads', 'done']);
  });

  it('with --lex-in-module unreadable, reads $.Lex.SessionAttributes as empty inside the module only (the intent name stays, as AWS\'s survey module reads it)', async () => {
    const module = [botBlock('ask', 'intent'), compare('intent', '$.Lex.IntentName', CAPTURE.intent, 'status', 'no-intent'), compare('status', '$.Lex.SessionAttributes.secure_input_status', 'captured', 'back', 'unreadable'), back, act('unreadable', 'EndFlowModuleExecution', {}), act('no-intent', 'EndFlowModuleExecution', {})];
    const unreadable = await call([invoke('done'), end('done')], module, { lexInModule: 'unreadable', turns: [{ keys: '021#' }] });
    expect(unreadable.result.path).toEqual(['invoke', 'm/ask', 'm/intent', 'm/status', 'm/unreadable', 'done']);
    const readable = await call([invoke('done'), end('done')], module, { turns: [{ keys: '021#' }] });
    expect(readable.result.path).toContain('m/back');
    // In the flow itself the switch changes nothing.
    const inFlow = await call([botBlock('ask', 'status'), compare('status', '$.Lex.SessionAttributes.secure_input_status', 'captured', 'done', 'other'), end('done'), end('other')], [back], { lexInModule: 'unreadable', turns: [{ keys: '021#' }] });
    expect(inFlow.result.path).toEqual(['ask', 'status', 'done']);
  });

  it('keeps flow logging and recording as the module last set them after the Return (assumed)', async () => {
    const { state, result } = await call(
      [invoke('done'), end('done')],
      [act('off', 'UpdateFlowLoggingBehavior', { FlowLoggingBehavior: 'Disabled' }, 'rec'), act('rec', 'UpdateContactRecordingAndAnalyticsBehavior', { VoiceBehavior: { VoiceRecordingBehavior: { RecordedParticipants: [], IVRRecordingBehavior: 'Disabled' } } }, 'back', ['NoMatchingError', 'ChannelMismatch']), back],
    );
    expect([state.flowLogging, state.recording]).toEqual([false, false]);
    // The caller's InvokeFlowModule is logged (logging was on when it ran), its disconnect no longer.
    expect(result.flowLogs.map((l) => [l.ContactFlowName, l.Identifier])).toEqual([['m', 'off'], ['caller', 'invoke']]);
  });

  it('takes the caller\'s NoMatchingError for an unknown module and for an error with no branch inside the module (assumed); a module that disconnects ends the call', async () => {
    expect((await call([invoke('done', 'invoke-failed', 'no-such-module'), end('done')], [back])).result.path).toEqual(['invoke', 'invoke-failed']);
    const noBranch = { Identifier: 'c', Type: 'Compare', Parameters: { ComparisonValue: '$.Attributes.x' }, Transitions: { NextAction: 'back', Conditions: [{ NextAction: 'back', Condition: { Operator: 'Equals', Operands: ['y'] } }] } };
    expect((await call([invoke('done'), end('done')], [noBranch, back])).result.path).toEqual(['invoke', 'm/c', 'invoke-failed']);
    const hangUp = await call([invoke('done'), end('done')], [end('bye')]);
    expect([hangUp.result.path, hangUp.result.end]).toEqual([['invoke', 'm/bye'], 'disconnected']);
  });

  it('a Return block in a flow ends nothing: the call ends as an unhandled error', async () => {
    expect((await call([back], [back])).result).toMatchObject({ path: ['back'], end: 'unhandled-error' });
  });
});

it('gives the KMS stand-in the key policy\'s context conditions: the entries it requires and the only keys it allows', () => {
  expect(deployment.requiredContext).toEqual({ application: 'secure-lex-input', environment: 'dev' });
  expect(deployment.allowedContextKeys).toEqual(['application', 'environment', 'field', 'contact-id']);
});
