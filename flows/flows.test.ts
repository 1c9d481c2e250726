import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { blockSessionAttributes, CIPHERTEXT_PREFIX } from '../contract/capture-session';
import { CARD_NUMBER, SECURE_FIELDS, STATUS, STATUS_ATTRIBUTE, ZIP_CODE } from '../contract/secure-fields';
import { flowDiagramMarkdown, withReadmeDiagram } from './flow-diagram-doc';
import { type ContactFlow } from './flow-language';
import { assertValidFlow, buildSecureInputFlow, flowContent, FLOW_RULES, flowToMermaid, validateFlow } from './index';

const ALIAS = '${TfToken[TOKEN.42]}';
const QUEUE = 'arn:aws:connect:us-east-1:111122223333:instance/i/queue/q';

describe.each([
  ['disconnecting on failure', undefined],
  ['transferring on failure', QUEUE],
])('the secure input flow, %s', (_name, failureTransferQueueArn) => {
  const flow = buildSecureInputFlow({ botAliasArn: ALIAS, failureTransferQueueArn });
  const byType = (type: string) => flow.Actions.filter((a) => a.Type === type);

  it('passes every validator rule', () => {
    expect(validateFlow(flow)).toEqual([]);
    expect(() => assertValidFlow(flow)).not.toThrow();
  });

  it('asks for the card, then the ZIP, through the bot alias given', () => {
    const bots = byType('ConnectParticipantWithLexBot');
    expect(bots.map((b) => b.Transitions.Conditions![0]!.Condition.Operands)).toEqual([[CARD_NUMBER.intent], [ZIP_CODE.intent]]);
    for (const b of bots) expect(b.Parameters.LexV2Bot).toEqual({ AliasArn: ALIAS });
  });

  it('starts each bot block on its own field: session attributes reset, the field\'s start utterance, no flow prompt', () => {
    const bots = byType('ConnectParticipantWithLexBot');
    expect(bots.map((b) => b.Parameters.LexSessionAttributes)).toEqual(SECURE_FIELDS.map(blockSessionAttributes));
    expect(bots.map((b) => b.Parameters.LexInitilizationData)).toEqual(SECURE_FIELDS.map((s) => ({ InitialMessage: s.startUtterance })));
    for (const [i, spec] of SECURE_FIELDS.entries()) {
      expect(bots[i]!.Parameters.LexSessionAttributes).toMatchObject({ [STATUS_ATTRIBUTE]: STATUS.pending, [spec.sessionAttribute]: '' });
      expect(bots[i]!.Parameters).not.toHaveProperty('Text');
    }
  });

  it('stores a field only when the status says captured and the attribute holds a ciphertext of this project\'s suite', () => {
    for (const spec of SECURE_FIELDS) {
      const store = flow.Actions.find((a) => a.Identifier === `store-${spec.field}`)!;
      // Every way into the store action passes both checks.
      const into = flow.Actions.filter((a) => [a.Transitions.NextAction, ...(a.Transitions.Conditions ?? []).map((c) => c.NextAction)].includes(store.Identifier));
      expect(into.map((a) => a.Identifier)).toEqual([`check-ciphertext-${spec.field}`]);
      expect(into[0]!.Parameters.ComparisonValue).toBe(`$.Lex.SessionAttributes.${spec.sessionAttribute}`);
      expect(into[0]!.Transitions.Conditions).toEqual([{ NextAction: store.Identifier, Condition: { Operator: 'TextStartsWith', Operands: [CIPHERTEXT_PREFIX] } }]);
      const status = flow.Actions.find((a) => a.Transitions.Conditions?.some((c) => c.NextAction === into[0]!.Identifier))!;
      expect(status.Parameters.ComparisonValue).toBe(`$.Lex.SessionAttributes.${STATUS_ATTRIBUTE}`);
      expect(status.Transitions.Conditions![0]!.Condition).toEqual({ Operator: 'Equals', Operands: [STATUS.captured] });
    }
  });

  it('sets recording and analytics off first, and branches a timed-out bot block to its own apology', () => {
    expect(flow.StartAction).toBe('recording-and-analytics-off');
    expect(byType('UpdateContactRecordingAndAnalyticsBehavior')).toHaveLength(1);
    for (const b of byType('ConnectParticipantWithLexBot')) {
      const timeout = b.Transitions.Errors!.find((e) => e.ErrorType === 'InputTimeLimitExceeded')!;
      expect(timeout.NextAction).toBe('logging-on-after-timeout');
    }
  });

  it('stores only session-attribute ciphertext in encrypted_cc and encrypted_zip', () => {
    const stored = Object.assign({}, ...byType('UpdateContactAttributes').map((a) => a.Parameters.Attributes));
    expect(stored).toEqual({ encrypted_cc: '$.Lex.SessionAttributes.encrypted_cc', encrypted_zip: '$.Lex.SessionAttributes.encrypted_zip' });
    expect(flowContent(flow)).not.toMatch(/\$\.Lex\.Slots/);
    expect(byType('InvokeLambdaFunction')).toEqual([]);
  });

  it('ends every failure politely', () => {
    const ends = failureTransferQueueArn ? ['TransferContactToQueue', 'DisconnectParticipant'] : ['DisconnectParticipant'];
    for (const type of ends) expect(byType(type).length).toBeGreaterThan(0);
    expect(byType('MessageParticipant').map((m) => m.Parameters.Text)).toEqual([expect.stringMatching(/^Thank you/), expect.stringMatching(/^Sorry/), expect.stringMatching(/^Sorry, we did not receive/)]);
    if (failureTransferQueueArn) expect(byType('UpdateContactTargetQueue')[0]!.Parameters.QueueId).toBe(QUEUE);
  });

  it('is deterministic JSON', () => {
    expect(flowContent(buildSecureInputFlow({ botAliasArn: ALIAS, failureTransferQueueArn }))).toBe(flowContent(flow));
  });
});

// A tiny valid flow; each rule's failing fixture breaks it in one place.
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
      Identifier: 'bot', Type: 'ConnectParticipantWithLexBot', Parameters: { Text: 'Hi', LexV2Bot: { AliasArn: 'arn' } },
      Transitions: { Conditions: [{ NextAction: 'on', Condition: { Operator: 'Equals', Operands: ['X'] } }], Errors: [{ ErrorType: 'InputTimeLimitExceeded', NextAction: 'on' }, { ErrorType: 'NoMatchingCondition', NextAction: 'on' }, { ErrorType: 'NoMatchingError', NextAction: 'on' }] },
    },
    { Identifier: 'on', Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Enabled' }, Transitions: { NextAction: 'end' } },
    { Identifier: 'end', Type: 'DisconnectParticipant', Parameters: {}, Transitions: {} },
  ],
});
const broken = (patch: (f: ContactFlow) => void) => {
  const f = tiny();
  patch(f);
  return f;
};
const action = (f: ContactFlow, id: string) => f.Actions.find((a) => a.Identifier === id)!;

const failing: [string, (f: ContactFlow) => void][] = [
  ['version', (f) => { f.Version = '2020-01-01'; }],
  ['identifiers', (f) => { f.Actions.push({ ...action(f, 'end') }); }],
  ['identifiers', (f) => { action(f, 'end').Identifier = 'end:1'; action(f, 'on').Transitions.NextAction = 'end:1'; }],
  ['transitions-resolve', (f) => { f.StartAction = 'nowhere'; }],
  ['transitions-resolve', (f) => { action(f, 'on').Transitions.NextAction = 'missing'; }],
  ['error-branches', (f) => { action(f, 'bot').Transitions.Errors!.pop(); }],
  ['error-branches', (f) => { action(f, 'bot').Transitions.Errors!.push({ ErrorType: 'QueueAtCapacity', NextAction: 'on' }); }],
  ['known-actions', (f) => { action(f, 'on').Type = 'InvokeLambdaFunction'; }],
  ['known-actions', (f) => { action(f, 'bot').Parameters.LexV2Bot = { Name: 'v1-bot' }; }],
  ['known-actions', (f) => { action(f, 'bot').Parameters.SSML = '<speak/>'; }],
  ['known-actions', (f) => { action(f, 'end').Transitions.NextAction = 'off'; }],
  ['known-actions', (f) => { action(f, 'bot').Transitions.Conditions![0]!.Condition.Operator = 'NotEquals' as never; }],
  ['known-actions', (f) => { action(f, 'bot').Parameters.LexInitilizationData = { InitialMessage: '' }; }],
  ['error-branches', (f) => { action(f, 'rec').Transitions.Errors!.pop(); }],
  ['size-limits', (f) => { for (let i = 0; i < 250; i++) f.Actions.push({ ...action(f, 'end'), Identifier: `end${i}` }); }],
  ['size-limits', (f) => { action(f, 'bot').Parameters.Text = 'x'.repeat(256_001); }],
  ['logging-around-bot', (f) => { f.StartAction = 'bot'; }],
  ['recording-off-before-bot', (f) => { f.StartAction = 'off'; }],
  ['recording-off-before-bot', (f) => { (action(f, 'rec').Parameters as any).VoiceBehavior.VoiceRecordingBehavior.RecordedParticipants = ['Customer']; }],
  ['recording-off-before-bot', (f) => { (action(f, 'rec').Parameters as any).VoiceBehavior.VoiceRecordingBehavior.IVRRecordingBehavior = 'Enabled'; }],
  ['recording-off-before-bot', (f) => { (action(f, 'rec').Parameters as any).VoiceBehavior.VoiceAnalyticsBehavior = { Enabled: 'True', AnalyticsLanguage: 'en-US' }; }],
  ['recording-off-before-bot', (f) => { action(f, 'rec').Transitions.Errors![0]!.NextAction = 'off'; }],
  ['logging-around-bot', (f) => { action(f, 'off').Parameters.FlowLoggingBehavior = 'Enabled'; }],
  ['logging-around-bot', (f) => { f.Actions.unshift({ Identifier: 'early-on', Type: 'UpdateFlowLoggingBehavior', Parameters: { FlowLoggingBehavior: 'Enabled' }, Transitions: { NextAction: 'off' } }); f.StartAction = 'early-on'; }],
  ['no-lex-slots', (f) => { f.Actions.splice(2, 0, { Identifier: 'leak', Type: 'UpdateContactAttributes', Parameters: { Attributes: { cc: '$.Lex.Slots.cardNumber' } }, Transitions: { NextAction: 'on', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'on' }] } }); action(f, 'bot').Transitions.Conditions![0]!.NextAction = 'leak'; }],
];

describe('flow validator rules', () => {
  it('the tiny fixture passes every rule', () => expect(validateFlow(tiny())).toEqual([]));

  it.each(failing.map(([rule, patch], i) => [`${rule} #${i}`, rule, patch] as const))('%s fails its fixture', (_label, rule, patch) => {
    const problems = validateFlow(broken(patch));
    expect(problems.map((p) => p.rule)).toContain(rule);
    expect(() => assertValidFlow(broken(patch))).toThrow(new RegExp(rule));
  });

  it('has a failing fixture for every rule', () => {
    expect(new Set(failing.map(([rule]) => rule))).toEqual(new Set(FLOW_RULES.map((r) => r.name)));
  });
});

describe('the Mermaid diagram', () => {
  const flow = buildSecureInputFlow({ botAliasArn: ALIAS });
  it('has a node per action and an edge per transition', () => {
    const text = flowToMermaid(flow);
    const edges = flow.Actions.reduce((n, a) => n + (a.Transitions.NextAction ? 1 : 0) + (a.Transitions.Conditions?.length ?? 0) + (a.Transitions.Errors?.length ?? 0), 0);
    expect(text.split('\n').filter((l) => /^\s+a\d+(\[|\{|\(\[)"/.test(l))).toHaveLength(flow.Actions.length);
    expect(text.split('\n').filter((l) => /^\s+a\d+ -->/.test(l))).toHaveLength(edges);
  });

  it('in docs/flow.md and the README is up to date (npm run flow:diagram)', () => {
    expect(readFileSync(path.join(__dirname, '..', 'docs', 'flow.md'), 'utf8')).toBe(flowDiagramMarkdown());
    const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    expect(withReadmeDiagram(readme)).toBe(readme);
  });
});
