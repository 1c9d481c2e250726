// The simulator's models on their own: the keypad, the classifier over the synthesized bot, the Lex
// runtime's retries, sessions and code hook contract (with a recording stand-in hook), and the flow
// model's coverage of every action type the validator admits.
import { beforeAll, describe, expect, it } from 'vitest';
import { ACTION_TYPES } from '../flows/action-types';
import { CARD_NUMBER, ZIP_CODE } from '../functions/shared/secure-fields';
import { ACTION_MODELS } from './connect-actions';
import { parseCallerScript, Caller } from './caller-script';
import { CallState } from './connect-runtime';
import { loadDeployment, type Deployment } from './deployment';
import { collectDtmf, DEFAULT_INPUT, withSessionAttributes } from './input';
import type { InvokeResult } from './lambda-host';
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

describe('keypad input (Lex V2 DTMFSpecification)', () => {
  const dtmf = { endCharacter: '#', deletionCharacter: '*', maxLength: 5, endTimeoutMs: 5000 };
  it.each([
    ['021#9', { transcript: '021', ended: 'end-character' }],
    ['0213456#', { transcript: '02134', ended: 'max-length' }],
    ['02*134#', { transcript: '', ended: 'deleted' }],
    ['021', { transcript: '021', ended: 'timeout' }],
  ])('%s', (keys, expected) => {
    expect(collectDtmf(keys, dtmf)).toEqual({ mode: 'DTMF', ...expected });
  });
});

it('reads x-amz-lex:dtmf session attributes, the most specific key first', () => {
  const attributes = { 'x-amz-lex:dtmf:max-length:*:*': '9', 'x-amz-lex:dtmf:max-length:Pay:card': '16', 'x-amz-lex:dtmf:end-character:*:*': 'x' };
  expect(withSessionAttributes(DEFAULT_INPUT, attributes).dtmf).toEqual({ ...DEFAULT_INPUT.dtmf, maxLength: 9 });
  expect(withSessionAttributes(DEFAULT_INPUT, attributes, 'Pay', 'card').dtmf.maxLength).toBe(16);
});

describe('intent classification over the synthesized bot', () => {
  it.each([
    ['4111111111111111', CARD_NUMBER.intent, true],
    ['my card number is 4111 1111 1111 1111', CARD_NUMBER.intent, true],
    ['02134', ZIP_CODE.intent, true],
    ['zip code', ZIP_CODE.intent, false],
    ['411111111111111', 'FallbackIntent', false],
    ['hello', 'FallbackIntent', false],
  ])('"%s" -> %s', (utterance, intent, filled) => {
    const top = bot.classify(utterance)[0]!;
    expect(top.intent).toBe(intent);
    expect(Object.keys(top.slots).length > 0).toBe(filled);
  });

  it('reads the slot type regex: 15 digits are no card number, spoken groups are one value', () => {
    expect(bot.resolveSlot(CARD_NUMBER.intent, CARD_NUMBER.slot, '411111111111111')).toBeUndefined();
    expect(bot.resolveSlot(CARD_NUMBER.intent, CARD_NUMBER.slot, '4111 1111 1111 1111')).toEqual({ originalValue: '4111 1111 1111 1111', interpretedValue: '4111111111111111' });
  });

  it('takes each attempt\'s keypad settings from the slot', () => {
    expect(bot.attemptSettings(ZIP_CODE.intent, ZIP_CODE.slot, 1).dtmf.maxLength).toBe(ZIP_CODE.digits);
    expect(bot.maxRetries(ZIP_CODE.intent, ZIP_CODE.slot)).toBe(2);
  });
});

describe('the Lex V2 runtime', () => {
  let now = 0;
  const events: any[] = [];
  let answer: (event: any) => InvokeResult;
  const runtime = () => new LexRuntime({
    bot, now: () => now, botIds: { id: 'B', name: 'b', aliasId: 'A', aliasName: 'live', version: '1' },
    codeHook: { invoke: async (event) => (events.push(event), answer(event)) },
  });
  const delegate = (event: any): InvokeResult => ({ ok: true, logs: [], payload: { sessionState: { sessionAttributes: event.sessionState.sessionAttributes, dialogAction: { type: 'Delegate' }, intent: { name: event.sessionState.intent.name, state: 'InProgress', slots: event.sessionState.intent.slots } } } });

  it('re-elicits a slot value its type refuses up to MaxRetries, telling the hook the attempt, then hands over to FallbackIntent', async () => {
    events.length = 0;
    answer = delegate;
    const lex = runtime();
    let reply = await lex.recognize('s1', { mode: 'Speech', transcript: 'zip code' });
    expect(reply).toMatchObject({ kind: 'waiting', intent: { name: ZIP_CODE.intent } });
    for (const attempt of ['Retry1', 'Retry2']) {
      reply = await lex.recognize('s1', { mode: 'DTMF', transcript: '021', ended: 'end-character' });
      expect(reply.kind).toBe('waiting');
      expect(events.at(-1)).toMatchObject({ invocationSource: 'DialogCodeHook', inputMode: 'DTMF', sessionId: 's1', proposedNextState: { prompt: { attempt } } });
      expect(events.at(-1).sessionState.intent.slots[ZIP_CODE.slot]).toBeNull();
    }
    const calls = events.length;
    reply = await lex.recognize('s1', { mode: 'DTMF', transcript: '021', ended: 'end-character' });
    // This bot's FallbackIntent has no code hook: the capture intent's hook is not called again.
    expect(reply).toMatchObject({ kind: 'closed', intent: { name: 'FallbackIntent', state: 'Fulfilled' } });
    expect(events).toHaveLength(calls);
  });

  it('keeps session attributes per session id until the idle TTL passes', async () => {
    answer = delegate;
    const lex = runtime();
    now = 0;
    lex.applySessionAttributes('s2', { kept: 'yes' });
    now += deployment.bot.IdleSessionTTLInSeconds * 1000;
    expect((await lex.recognize('s2', { mode: 'Text', transcript: 'zip code' })).sessionAttributes).toEqual({ kept: 'yes' });
    expect((await lex.recognize('other', { mode: 'Text', transcript: 'zip code' })).sessionAttributes).toEqual({});
    now += deployment.bot.IdleSessionTTLInSeconds * 1000 + 1;
    expect((await lex.recognize('s2', { mode: 'Text', transcript: 'zip code' })).sessionAttributes).toEqual({});
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
