// The acceptance corpus: real flows and flow modules exported from public repositories
// (fixtures/real-flows, sources in fixtures/SOURCES.md) all pass the AWS rules, and the shapes they share,
// on which several rules rest, are measured here rather than asserted in prose. The project's previous
// flow is refused, so the rules are not vacuous.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TERMINAL_ACTIONS, type ContactFlow, type FlowAction, type FlowKind } from '../flow-language';
import { AWS_RULES, validateFlow } from './index';
import { MAX_IDENTIFIER_LENGTH, RESERVED_IDENTIFIERS } from './rules/identifiers';
import { moduleSettingsRule } from './rules/module-settings';

const dir = path.join(__dirname, 'fixtures', 'real-flows');
const corpus = readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as ContactFlow] as const);
const actions = corpus.flatMap(([, flow]) => flow.Actions);
const bots = actions.filter((a) => a.Type === 'ConnectParticipantWithLexBot');
const errorsOf = (a: FlowAction) => (a.Transitions.Errors ?? []).map((e) => e.ErrorType);

it('is the 9 files SOURCES.md lists, 1 of them a module', () => {
  const sources = readFileSync(path.join(__dirname, 'fixtures', 'SOURCES.md'), 'utf8');
  expect(corpus).toHaveLength(9);
  for (const [file] of corpus) expect(sources).toContain(`\`${file}\``);
  expect(corpus.filter(([, f]) => f.Settings !== undefined)).toHaveLength(1);
});

// SOURCES.md marks each file a flow or a MODULE; the modules are exactly those with a top-level Settings.
const kindOf = (flow: ContactFlow): FlowKind => (flow.Settings === undefined ? 'flow' : 'module');

it.each(corpus)('%s passes every AWS rule, judged as what it is', (_file, flow) => {
  expect(validateFlow(flow, AWS_RULES, kindOf(flow))).toEqual([]);
});

it('its modules fail the module rules as flows, its flows fail them as modules (the rules see the kind)', () => {
  for (const [file, flow] of corpus) {
    const other = kindOf(flow) === 'flow' ? 'module' : 'flow';
    expect(validateFlow(flow, [moduleSettingsRule], other).map((p) => p.rule), file).toEqual(['module-settings']);
  }
});

describe('the shapes they share', () => {
  it('every non-terminal action has a NextAction; terminal ones have empty Transitions and Parameters', () => {
    const terminal = actions.filter((a) => (TERMINAL_ACTIONS as readonly string[]).includes(a.Type));
    expect(actions.length - terminal.length).toBe(145);
    for (const a of terminal) expect([a.Transitions, a.Parameters]).toEqual([{}, {}]);
  });

  it('identifiers stay within 50 characters and avoid the reserved names', () => {
    expect(Math.max(...actions.map((a) => [...a.Identifier].length))).toBeLessThanOrEqual(MAX_IDENTIFIER_LENGTH);
    expect(actions.filter((a) => RESERVED_IDENTIFIERS.includes(a.Identifier))).toEqual([]);
  });

  it('10 bot blocks: one prompt each, both NoMatching branches, no timeout branch, no chat-only parameter, Equals only', () => {
    expect(bots).toHaveLength(10);
    expect(bots.filter((b) => b.Parameters.LexV2Bot !== undefined)).toHaveLength(8);
    const prompts = bots.map((b) => ['Text', 'SSML', 'PromptId', 'Media'].filter((k) => b.Parameters[k] !== undefined));
    expect(prompts.every((p) => p.length === 1)).toBe(true);
    expect(Object.fromEntries(['Text', 'SSML', 'PromptId', 'Media'].map((k) => [k, prompts.filter((p) => p[0] === k).length]))).toEqual({ Text: 4, SSML: 5, PromptId: 0, Media: 1 });
    for (const b of bots) {
      expect(errorsOf(b)).toEqual(expect.arrayContaining(['NoMatchingCondition', 'NoMatchingError']));
      expect(errorsOf(b)).not.toContain('InputTimeLimitExceeded');
      expect(Object.keys(b.Parameters).filter((k) => /^Lex(Timeout|Initi)/.test(k))).toEqual([]);
      for (const c of b.Transitions.Conditions ?? []) expect(c.Condition.Operator).toBe('Equals');
    }
  });

  it('no UpdateFlowLoggingBehavior carries Errors', () => {
    const logging = actions.filter((a) => a.Type === 'UpdateFlowLoggingBehavior');
    expect(logging).toHaveLength(4);
    expect(logging.filter((a) => errorsOf(a).length > 0)).toEqual([]);
  });

  // The files that held the InvokeFlowModule and Return blocks (5 invokes, all in flows, each with a FlowModuleId,
  // a NextAction and exactly NoMatchingError; 9 Return blocks, all in modules) were removed in the license review
  // (SOURCES.md, "Removed"): no real file exercises module-actions now; its own fixtures are in validator.test.ts.
  it('holds no InvokeFlowModule and no Return block since the license review', () => {
    expect(actions.filter((a) => a.Type === 'InvokeFlowModule' || a.Type === 'EndFlowModuleExecution')).toEqual([]);
  });

  it('uses one condition operator, Equals', () => {
    const operators = actions.flatMap((a) => (a.Transitions.Conditions ?? []).map((c) => c.Condition.Operator));
    expect(Object.fromEntries([...new Set(operators)].map((o) => [o, operators.filter((x) => x === o).length]))).toEqual({ Equals: 69 });
  });
});

it('the AWS rules refuse the project\'s flow as it was before issue 15', () => {
  const previous = JSON.parse(readFileSync(path.join(__dirname, 'fixtures', 'previous-project-flow.json'), 'utf8')) as ContactFlow;
  const problems = validateFlow(previous, AWS_RULES);
  expect(new Set(problems.map((p) => p.rule))).toEqual(new Set(['next-action', 'lex-bot-block']));
  expect(problems.map((p) => p.message)).toEqual(expect.arrayContaining([
    'at least one of Text, SSML, PromptId, Media, LexInitializationData must be set',
    'LexInitilizationData is misspelt (the service knows LexInitializationData)',
    'TransferContactToQueue has no Transitions.NextAction',
  ]));
});
