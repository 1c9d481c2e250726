// Each rule of the flow validator: a tiny valid flow passes every rule, and each rule fails a fixture that
// breaks it in one place. The sources are in each rule's header (flows/validator/rules/*.ts).
import { describe, expect, it } from 'vitest';
import type { ContactFlow, FlowKind } from '../flow-language';
import { assertValidFlow, AWS_RULES, FLOW_RULES, PROJECT_RULES, validateFlow } from './index';
import { lexAttributeProblem } from './rules/lex-attribute-names';

const tiny = (): ContactFlow => ({
  Version: '2019-10-30',
  StartAction: 'rec',
  Actions: [
    {
      Identifier: 'rec', Type: 'UpdateContactRecordingAndAnalyticsBehavior', Parameters: { VoiceBehavior: { VoiceRecordingBehavior: { RecordedParticipants: [], IVRRecordingBehavior: 'Disabled' } } },
      Transitions: { NextAction: 'off', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end' }, { ErrorType: 'ChannelMismatch', NextAction: 'end' }] },
    },
    { Identifier: 'off', Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Disabled' }, Transitions: { NextAction: 'bot' } },
    {
      Identifier: 'bot', Type: 'ConnectParticipantWithLexBot',
      Parameters: { Text: 'Hi', LexV2Bot: { AliasArn: 'arn' }, LexSessionAttributes: { 'x-amz-lex:dtmf:max-length:*:*': '17', 'x-amz-lex:allow-interrupt:Pay:card': 'true', field: 'card' } },
      Transitions: { NextAction: 'on', Conditions: [{ NextAction: 'on', Condition: { Operator: 'Equals', Operands: ['X'] } }], Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: 'on' }, { ErrorType: 'NoMatchingError', NextAction: 'on' }] },
    },
    { Identifier: 'on', Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Enabled' }, Transitions: { NextAction: 'end' } },
    { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
  ],
});
const broken = (patch: (f: ContactFlow) => void, base: () => ContactFlow = tiny) => {
  const f = base();
  patch(f);
  return f;
};
/** The tiny flow as a module: the same capture, then the result and the Return block instead of a disconnect. */
const tinyModule = (): ContactFlow => {
  const f = tiny();
  f.Settings = { InputParameters: [], OutputParameters: [], Transitions: [] };
  f.Actions = [
    ...f.Actions.filter((a) => a.Identifier !== 'end'),
    { Identifier: 'end', Type: 'UpdateContactAttributes', Parameters: { Attributes: { secure_input_result: 'captured' } }, Transitions: { NextAction: 'return', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'return' }] } },
    { Identifier: 'return', Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} },
  ];
  return f;
};
/** A flow that invokes a module and reads its answer. */
const tinyCaller = (): ContactFlow => ({
  Version: '2019-10-30',
  StartAction: 'invoke',
  Actions: [
    { Identifier: 'invoke', Type: 'InvokeFlowModule', Parameters: { FlowModuleId: 'module-1' }, Transitions: { NextAction: 'result', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'end' }] } },
    {
      Identifier: 'result', Type: 'Compare', Parameters: { ComparisonValue: '$.Attributes.secure_input_result' },
      Transitions: { NextAction: 'end', Conditions: [{ NextAction: 'end', Condition: { Operator: 'Equals', Operands: ['captured'] } }], Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: 'end' }] },
    },
    { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
  ],
});
const action = (f: ContactFlow, id: string) => f.Actions.find((a) => a.Identifier === id)!;
const rename = (f: ContactFlow, from: string, to: string) => {
  action(f, from).Identifier = to;
  for (const a of f.Actions) if (a.Transitions.NextAction === from) a.Transitions.NextAction = to;
};
const bot = (f: ContactFlow) => action(f, 'bot').Parameters;
/** A chat-only branch in front of the bot block: Compare $.Channel, CHAT goes to the bot, anything else ends. */
const chatGate = (f: ContactFlow) => {
  f.Actions.splice(1, 0, { Identifier: 'channel', Type: 'Compare', Parameters: { ComparisonValue: '$.Channel' }, Transitions: { NextAction: 'end', Conditions: [{ NextAction: 'off', Condition: { Operator: 'Equals', Operands: ['CHAT'] } }], Errors: [{ ErrorType: 'NoMatchingCondition', NextAction: 'end' }] } });
  action(f, 'rec').Transitions.NextAction = 'channel';
};

const failing: [string, (f: ContactFlow) => void][] = [
  ['version', (f) => { f.Version = '2020-01-01'; }],
  ['identifiers', (f) => { f.Actions.push({ ...action(f, 'end') }); }],
  ['identifiers', (f) => rename(f, 'end', 'end:1')],
  ['identifiers', (f) => rename(f, 'end', 'e'.repeat(51))],
  ['identifiers', (f) => rename(f, 'end', 'valueOf')],
  ['identifiers', (f) => rename(f, 'end', '__proto__')],
  ['transitions-resolve', (f) => { f.StartAction = 'nowhere'; }],
  ['transitions-resolve', (f) => { action(f, 'on').Transitions.NextAction = 'missing'; }],
  ['next-action', (f) => { delete action(f, 'bot').Transitions.NextAction; }],
  ['next-action', (f) => { delete action(f, 'rec').Transitions.NextAction; action(f, 'rec').Transitions.Errors![0]!.NextAction = 'off'; }],
  ['next-action', (f) => { action(f, 'end').Transitions.Errors = []; }],
  ['size-limits', (f) => { for (let i = 0; i < 250; i++) f.Actions.push({ ...action(f, 'end'), Identifier: `end${i}` }); }],
  ['size-limits', (f) => { bot(f).Text = 'x'.repeat(256_001); }],
  ['lex-bot-block', (f) => { delete bot(f).Text; }],
  ['lex-bot-block', (f) => { bot(f).SSML = '<speak>Hi</speak>'; }],
  ['lex-bot-block', (f) => { bot(f).Media = { Uri: 's3://b/k.wav', SourceType: 'S3', MediaType: 'Audio' }; }],
  ['lex-bot-block', (f) => { delete bot(f).LexV2Bot; }],
  ['lex-bot-block', (f) => { bot(f).LexV2Bot = { Name: 'v1-bot' }; }],
  ['lex-bot-block', (f) => { bot(f).LexInitilizationData = { InitialMessage: 'start' }; }],
  ['lex-bot-block', (f) => { bot(f).LexInitializationData = { InitialMessage: 'start' }; }],
  ['lex-bot-block', (f) => { chatGate(f); action(f, 'channel').Transitions.Conditions![0]!.Condition.Operands = ['VOICE']; bot(f).LexInitializationData = { InitialMessage: 'start' }; }],
  ['bot-conditions-equals', (f) => { action(f, 'bot').Transitions.Conditions![0]!.Condition.Operator = 'TextStartsWith'; }],
  ['condition-operators', (f) => { action(f, 'bot').Transitions.Conditions![0]!.Condition.Operator = 'NotEquals' as never; }],
  ['condition-operators', (f) => { action(f, 'bot').Transitions.Conditions![0]!.Condition.Operands = ['X', 'Y']; }],
  ['flow-logging-no-errors', (f) => { action(f, 'off').Transitions.Errors = [{ ErrorType: 'NoMatchingError', NextAction: 'end' }]; }],
  ['error-branches', (f) => { action(f, 'bot').Transitions.Errors!.pop(); }],
  ['error-branches', (f) => { action(f, 'bot').Transitions.Errors!.push({ ErrorType: 'QueueAtCapacity', NextAction: 'on' }); }],
  ['error-branches', (f) => { action(f, 'rec').Transitions.Errors!.pop(); }],
  ['known-actions', (f) => { action(f, 'on').Type = 'InvokeLambdaFunction'; }],
  ['known-actions', (f) => { bot(f).PromptId = 'arn:aws:connect:prompt'; delete bot(f).Text; }],
  ['known-actions', (f) => { action(f, 'off').Transitions.Conditions = [{ NextAction: 'bot', Condition: { Operator: 'Equals', Operands: ['x'] } }]; }],
  ['logging-around-bot', (f) => { f.StartAction = 'bot'; }],
  ['logging-around-bot', (f) => { action(f, 'off').Parameters.FlowLoggingBehavior = 'Enabled'; }],
  ['logging-around-bot', (f) => { f.Actions.unshift({ Identifier: 'early-on', Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Enabled' }, Transitions: { NextAction: 'off' } }); f.StartAction = 'early-on'; }],
  ['recording-off-before-bot', (f) => { f.StartAction = 'off'; }],
  ['recording-off-before-bot', (f) => { (action(f, 'rec').Parameters as any).VoiceBehavior.VoiceRecordingBehavior.RecordedParticipants = ['Customer']; }],
  ['recording-off-before-bot', (f) => { (action(f, 'rec').Parameters as any).VoiceBehavior.VoiceRecordingBehavior.IVRRecordingBehavior = 'Enabled'; }],
  ['recording-off-before-bot', (f) => { (action(f, 'rec').Parameters as any).VoiceBehavior.VoiceAnalyticsBehavior = { Enabled: 'True', AnalyticsLanguage: 'en-US' }; }],
  ['recording-off-before-bot', (f) => { action(f, 'rec').Transitions.Errors![0]!.NextAction = 'off'; }],
  ['no-lex-slots', (f) => { f.Actions.splice(2, 0, { Identifier: 'leak', Type: 'UpdateContactAttributes', Parameters: { Attributes: { cc: '$.Lex.Slots.digits' } }, Transitions: { NextAction: 'on', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'on' }] } }); action(f, 'bot').Transitions.Conditions![0]!.NextAction = 'leak'; }],
  ['voice-bot-block', (f) => { delete bot(f).Text; bot(f).Media = { Uri: 's3://b/k.wav', SourceType: 'S3', MediaType: 'Audio' }; }],
  ['voice-bot-block', (f) => { bot(f).LexTimeoutSeconds = { Text: '300' }; }],
  ['voice-bot-block', (f) => { action(f, 'bot').Transitions.Errors!.push({ ErrorType: 'InputTimeLimitExceeded', NextAction: 'on' }); }],
  ['lex-attribute-names', (f) => { bot(f).LexSessionAttributes = { 'x-amz-lex:audio:start-timeout-ms:*.*': '8000' }; }],
  ['lex-attribute-names', (f) => { bot(f).LexSessionAttributes = { 'x-amz-lex:barge-in-enabled:*:*': 'true' }; }],
  ['lex-attribute-names', (f) => { bot(f).LexSessionAttributes = { 'x-amz-lex:audio:max-length-ms:*:*': '20000' }; }],
  ['no-empty-parameters', (f) => { bot(f).LexSessionAttributes = { encrypted_cc: '' }; }],
  ['no-empty-parameters', (f) => { action(f, 'off').Parameters.FlowLoggingBehavior = 7; }],
];

/** Failing fixtures of the rules about modules and their callers: the base, the kind it is judged as, the patch. */
const failingModules: [string, () => ContactFlow, FlowKind, (f: ContactFlow) => void][] = [
  ['module-settings', tinyModule, 'module', (f) => { delete f.Settings; }],
  ['module-settings', tinyModule, 'module', (f) => { delete (f.Settings as any).Transitions; }],
  ['module-settings', tiny, 'flow', (f) => { f.Settings = { InputParameters: [], OutputParameters: [], Transitions: [] }; }],
  ['module-actions', tiny, 'flow', (f) => { action(f, 'end').Type = 'EndFlowModuleExecution'; }],
  ['module-actions', tinyModule, 'module', (f) => { action(f, 'end').Type = 'InvokeFlowModule'; action(f, 'end').Parameters = { FlowModuleId: 'other' }; }],
  ['module-returns', tinyModule, 'module', (f) => { action(f, 'return').Type = 'DisconnectParticipant'; }],
  ['module-returns', tinyModule, 'module', (f) => { action(f, 'on').Type = 'MessageParticipant'; action(f, 'on').Parameters = { Text: 'Thanks' }; action(f, 'on').Transitions.Errors = [{ ErrorType: 'NoMatchingError', NextAction: 'end' }]; }],
  ['result-before-return', tinyModule, 'module', (f) => { action(f, 'rec').Transitions.Errors![0]!.NextAction = 'return'; }],
  ['caller-checks-result', tinyCaller, 'flow', (f) => { action(f, 'invoke').Transitions.NextAction = 'end'; }],
  ['caller-checks-result', tinyCaller, 'flow', (f) => { action(f, 'invoke').Transitions.Errors![0]!.NextAction = 'result'; }],
];

describe('flow validator rules', () => {
  it('the tiny fixture passes every rule', () => expect(validateFlow(tiny())).toEqual([]));

  it('the tiny module and the tiny caller pass every rule, each as what it is', () => {
    expect(validateFlow(tinyModule(), undefined, 'module')).toEqual([]);
    expect(validateFlow(tinyCaller())).toEqual([]);
  });

  it.each(failingModules.map(([rule, base, kind, patch], i) => [`${rule} #${i} (${kind})`, rule, base, kind, patch] as const))('%s fails its fixture', (_label, rule, base, kind, patch) => {
    expect(validateFlow(broken(patch, base), undefined, kind).map((p) => p.rule)).toContain(rule);
    expect(() => assertValidFlow(broken(patch, base), kind)).toThrow(new RegExp(rule));
  });

  it('a chat-only bot block may start with LexInitializationData', () => {
    const chat = broken((f) => {
      chatGate(f);
      bot(f).LexInitializationData = { InitialMessage: '$.Media.InitialMessage' };
    });
    expect(validateFlow(chat, AWS_RULES)).toEqual([]);
  });

  it.each(failing.map(([rule, patch], i) => [`${rule} #${i}`, rule, patch] as const))('%s fails its fixture', (_label, rule, patch) => {
    const problems = validateFlow(broken(patch));
    expect(problems.map((p) => p.rule)).toContain(rule);
    expect(() => assertValidFlow(broken(patch))).toThrow(new RegExp(rule));
  });

  it('has a failing fixture for every rule, and every rule is either AWS\'s or the project\'s', () => {
    expect(new Set([...failing.map(([rule]) => rule), ...failingModules.map(([rule]) => rule)])).toEqual(new Set(FLOW_RULES.map((r) => r.name)));
    expect(new Set([...AWS_RULES, ...PROJECT_RULES])).toEqual(new Set(FLOW_RULES));
    expect(AWS_RULES.filter((r) => PROJECT_RULES.includes(r))).toEqual([]);
  });
});

describe('x-amz-lex session attribute names (Lex V2 guide)', () => {
  it.each([
    ['x-amz-lex:dtmf:end-character:*:*', '#'], ['x-amz-lex:dtmf:deletion-character:Pay:card', '*'], ['x-amz-lex:dtmf:max-length:*:*', '1024'],
    ['x-amz-lex:dtmf:end-timeout-ms:*:*', '5000'], ['x-amz-lex:audio:start-timeout-ms:*:*', '8000'], ['x-amz-lex:audio:end-timeout-ms:Pay:*', '2000'],
    ['x-amz-lex:audio:max-length-ms:*:*', '15000'], ['x-amz-lex:text:start-timeout-ms:*:*', '30000'], ['x-amz-lex:allow-interrupt:*:*', 'true'],
    ['x-amz-lex:allow-interrupt:Pay:card.number', 'false'], ['x-amz-lex:allow-dtmf-input:*:*', 'True'], ['secure_input_field', ''],
  ])('%s = %j is well formed', (name, value) => expect(lexAttributeProblem(name, value)).toBeUndefined());

  it.each([
    ['x-amz-lex:audio:start-timeout-ms:*', '8000'], ['x-amz-lex:allow-interrupt:*.*', 'false'], ['x-amz-lex:max-speech-duration-ms:*:*', '15000'],
    ['x-amz-lex:barge-in-enabled:*:*', 'true'], ['x-amz-lex:dtmf:end-character:*:*', '##'], ['x-amz-lex:dtmf:max-length:*:*', '1025'],
    ['x-amz-lex:dtmf:max-length:*:*', '0'], ['x-amz-lex:audio:max-length-ms:*:*', '15001'], ['x-amz-lex:allow-interrupt:*:*', 'yes'],
    ['x-amz-lex:audio-start-timeout-ms:*:*', '4000'], ['x-amz-lex:dtmf:start-timeout-ms:*:*', '8000'],
  ])('%s = %j is refused', (name, value) => expect(lexAttributeProblem(name, value)).toMatch(/x-amz-lex/));
});
