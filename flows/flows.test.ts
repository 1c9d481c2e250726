import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALLER_LOGGING_ATTRIBUTE, RESULT, RESULT_ATTRIBUTE } from '../contract/capture-module';
import { inputSessionAttributes } from '../contract/capture-input';
import { blockSessionAttributes, CIPHERTEXT_PREFIX, CIPHERTEXT_RESET, CONTACT_ID_ATTRIBUTE, FLOW_CONTACT_ID } from '../contract/capture-session';
import { fieldPrompt, languageCode } from '../contract/prompts';
import { CAPTURE, SECURE_FIELDS, STATUS, STATUS_ATTRIBUTE } from '../contract/secure-fields';
import { flowDiagramMarkdown, withReadmeDiagram } from './flow-diagram-doc';
import { reachable, successors, type ContactFlow, type FlowAction } from './flow-language';
import { assertValidFlow, buildCaptureModule, buildSecureInputFlow, captureActions, captureEntry, flowContent, flowToMermaid, MODULE_SETTINGS, validateFlow } from './index';

const ALIAS = '${TfToken[TOKEN.42]}';
const MODULE_ID = '${TfToken[TOKEN.43]}';
const QUEUE = 'arn:aws:connect:us-east-1:111122223333:instance/i/queue/q';
const realModule = (file: string) => JSON.parse(readFileSync(path.join(__dirname, 'validator', 'fixtures', 'real-flows', file), 'utf8')) as ContactFlow;

describe.each([
  ['one locale', ['en_US']],
  ['two locales', ['es_US', 'en_US']],
] as const)('the capture module, %s', (_name, locales) => {
  const flow = buildCaptureModule({ botAliasArn: ALIAS, locales });
  const byType = (type: string) => flow.Actions.filter((a) => a.Type === type);
  const byId = (id: string) => flow.Actions.find((a) => a.Identifier === id)!;
  const bots = byType('ConnectParticipantWithLexBot');

  it('passes every validator rule as a module, and is refused as a contact flow', () => {
    expect(validateFlow(flow, undefined, 'module')).toEqual([]);
    expect(() => assertValidFlow(flow, 'module')).not.toThrow();
    expect(new Set(validateFlow(flow).map((p) => p.rule))).toEqual(new Set(['module-settings', 'module-actions']));
  });

  it('carries the Settings every real module carries: no inputs or outputs of its own, the Success and Error branches', () => {
    expect(flow.Settings).toEqual(MODULE_SETTINGS);
    // The same object as the provider's own acceptance-test module, the one real module left in the corpus
    // (AWS's voicemail-express module held it too; removed in the license review, fixtures/SOURCES.md).
    expect(realModule('hashicorp__terraform-provider-aws__internal__service__connect__test-fixtures__connect_contact_flow_module.json').Settings).toEqual(MODULE_SETTINGS);
  });

  it('asks for the card, then the ZIP, in each locale, through the bot alias given, on the one capture intent', () => {
    expect(bots.map((b) => b.Parameters.Text)).toEqual(locales.flatMap((l) => SECURE_FIELDS.map((s) => fieldPrompt(l, s))));
    for (const b of bots) {
      expect(b.Parameters.LexV2Bot).toEqual({ AliasArn: ALIAS });
      expect(b.Transitions.Conditions).toEqual([{ NextAction: expect.stringMatching(/^check-status-/), Condition: { Operator: 'Equals', Operands: [CAPTURE.intent] } }]);
    }
  });

  it('plays the field\'s prompt itself and names the field, the contact, resets and keypad settings; no chat-only parameter, no timeout branch', () => {
    for (const [i, b] of bots.entries()) {
      const spec = SECURE_FIELDS[i % SECURE_FIELDS.length]!;
      expect(b.Parameters.LexSessionAttributes).toEqual(blockSessionAttributes(spec, FLOW_CONTACT_ID));
      expect(b.Parameters.LexSessionAttributes).toMatchObject({
        [STATUS_ATTRIBUTE]: STATUS.pending, [spec.sessionAttribute]: CIPHERTEXT_RESET, [CONTACT_ID_ATTRIBUTE]: '$.InitialContactId',
        ...inputSessionAttributes(spec), 'x-amz-lex:dtmf:max-length:*:*': String(spec.digits + 1),
      });
      expect(Object.keys(b.Parameters).sort()).toEqual(['LexSessionAttributes', 'LexV2Bot', 'Text']);
      expect(b.Transitions.Errors!.map((e) => e.ErrorType).sort()).toEqual(['NoMatchingCondition', 'NoMatchingError']);
      // As console exports do: NextAction is the error branch's target.
      expect(b.Transitions.NextAction).toBe(b.Transitions.Errors!.find((e) => e.ErrorType === 'NoMatchingError')!.NextAction);
    }
  });

  it('stores a field only when the status says captured and the attribute holds a ciphertext of this project\'s suite', () => {
    const stores = byType('UpdateContactAttributes').filter((a) => !(RESULT_ATTRIBUTE in (a.Parameters.Attributes as object)));
    expect(stores).toHaveLength(SECURE_FIELDS.length * locales.length);
    for (const store of stores) {
      const into = flow.Actions.filter((a) => successors(a).some((s) => s.to === store.Identifier));
      expect(into).toHaveLength(1);
      const [check] = into as [FlowAction];
      const attribute = Object.keys(store.Parameters.Attributes as object)[0]!;
      expect(check.Parameters.ComparisonValue).toBe(`$.Lex.SessionAttributes.${attribute}`);
      expect(check.Transitions.Conditions).toEqual([{ NextAction: store.Identifier, Condition: { Operator: 'TextStartsWith', Operands: [CIPHERTEXT_PREFIX] } }]);
      const status = flow.Actions.filter((a) => successors(a).some((s) => s.to === check.Identifier));
      expect(status.map((a) => a.Parameters.ComparisonValue)).toEqual([`$.Lex.SessionAttributes.${STATUS_ATTRIBUTE}`]);
      expect(status[0]!.Transitions.Conditions!.map((c) => c.Condition)).toEqual([{ Operator: 'Equals', Operands: [STATUS.captured] }]);
    }
  });

  it('after a bot block\'s error branch, tells spent retries and silence from a failure by the status', () => {
    for (const b of bots) {
      const check = byId(b.Transitions.Errors!.find((e) => e.ErrorType === 'NoMatchingError')!.NextAction);
      expect(check.Parameters.ComparisonValue).toBe(`$.Lex.SessionAttributes.${STATUS_ATTRIBUTE}`);
      expect(check.Transitions.Conditions!.map((c) => [c.Condition.Operands[0], c.NextAction])).toEqual([[STATUS.noInput, 'result-no-input'], [STATUS.invalid, 'result-failed']]);
      expect(check.Transitions.Errors).toEqual([{ ErrorType: 'NoMatchingCondition', NextAction: 'result-failed' }]);
    }
  });

  it('answers failed first, then sets recording and analytics off, then asks in the contact\'s language, setting the first locale\'s when it is none of the bot\'s', () => {
    expect(flow.StartAction).toBe('result-failed-until-answered');
    expect(byId(flow.StartAction)).toMatchObject({ Type: 'UpdateContactAttributes', Parameters: { Attributes: { [RESULT_ATTRIBUTE]: RESULT.failed } }, Transitions: { NextAction: 'recording-and-analytics-off' } });
    expect(byType('UpdateContactRecordingAndAnalyticsBehavior')).toHaveLength(1);
    const select = byId('select-language');
    expect(select.Parameters.ComparisonValue).toBe('$.LanguageCode');
    expect(select.Transitions.Conditions!.map((c) => [c.Condition.Operands[0], c.NextAction])).toEqual(locales.map((l) => [languageCode(l), captureEntry(l)]));
    expect(byId(select.Transitions.NextAction!)).toMatchObject({ Type: 'UpdateContactData', Parameters: { LanguageCode: languageCode(locales[0]), TargetContact: 'Current' }, Transitions: { NextAction: captureEntry(locales[0]) } });
  });

  it('stores only session-attribute ciphertext in encrypted_cc and encrypted_zip, and static results in secure_input_result', () => {
    const stored = byType('UpdateContactAttributes').flatMap((a) => Object.entries(a.Parameters.Attributes as Record<string, string>));
    expect(new Set(stored.filter(([k]) => k !== RESULT_ATTRIBUTE).map(([k, v]) => `${k}=${v}`))).toEqual(new Set(['encrypted_cc=$.Lex.SessionAttributes.encrypted_cc', 'encrypted_zip=$.Lex.SessionAttributes.encrypted_zip']));
    expect(stored.filter(([k]) => k === RESULT_ATTRIBUTE).map(([, v]) => v)).toEqual([RESULT.failed, RESULT.captured, RESULT.failed, RESULT.noInput]);
    expect(flowContent(flow)).not.toMatch(/\$\.Lex\.Slots/);
    expect(byType('InvokeLambdaFunction')).toEqual([]);
    // On the contact itself, named statically: "TargetContact": either "Current" or "Related" (flow language reference).
    for (const a of [...byType('UpdateContactAttributes'), ...byType('UpdateContactData')]) expect(a.Parameters.TargetContact, a.Identifier).toBe('Current');
  });

  it('returns on every path, after the result, and never speaks, queues, transfers or disconnects itself', () => {
    expect(byType('EndFlowModuleExecution')).toEqual([{ Identifier: 'return-to-caller', Type: 'EndFlowModuleExecution', Parameters: {}, Transitions: {} }]);
    for (const type of ['MessageParticipant', 'DisconnectParticipant', 'UpdateContactTargetQueue', 'TransferContactToQueue', 'InvokeFlowModule']) expect(byType(type)).toEqual([]);
    // Every action is reachable, and every path ends at the Return block (the only terminal action).
    expect(reachable(flow)).toEqual(new Set(flow.Actions.map((a) => a.Identifier)));
  });

  it('after the capture, gives the caller its flow logging back: off when it said Disabled, on otherwise', () => {
    for (const result of ['result-captured', 'result-failed', 'result-no-input']) {
      expect(byId(result).Transitions).toEqual({ NextAction: 'check-caller-logging', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'check-caller-logging' }] });
    }
    const check = byId('check-caller-logging');
    expect(check.Parameters.ComparisonValue).toBe(`$.Attributes.${CALLER_LOGGING_ATTRIBUTE}`);
    expect(check.Transitions.Conditions!.map((c) => [c.Condition.Operands[0], c.NextAction])).toEqual([['Disabled', 'return-to-caller']]);
    expect([check.Transitions.NextAction, check.Transitions.Errors]).toEqual(['logging-on-for-caller', [{ ErrorType: 'NoMatchingCondition', NextAction: 'logging-on-for-caller' }]]);
    expect(byId('logging-on-for-caller')).toMatchObject({ Parameters: { FlowLoggingBehavior: 'Enabled' }, Transitions: { NextAction: 'return-to-caller' } });
    // Before any bot block nothing was turned off: those failures return at once.
    expect(byId('recording-and-analytics-off').Transitions.Errors!.map((e) => e.NextAction)).toEqual(['return-to-caller', 'return-to-caller']);
    expect(byId('set-default-language').Transitions.Errors).toEqual([{ ErrorType: 'NoMatchingError', NextAction: 'return-to-caller' }]);
  });

  it('is deterministic JSON', () => {
    expect(flowContent(buildCaptureModule({ botAliasArn: ALIAS, locales }))).toBe(flowContent(flow));
  });
});

describe.each([
  ['disconnecting on failure', undefined],
  ['transferring on failure', QUEUE],
] as const)('the secure input flow, %s', (_name, failureTransferQueueArn) => {
  const flow = buildSecureInputFlow({ captureModuleId: MODULE_ID, failureTransferQueueArn });
  const byType = (type: string) => flow.Actions.filter((a) => a.Type === type);
  const byId = (id: string) => flow.Actions.find((a) => a.Identifier === id)!;

  it('passes every validator rule as a flow, and is refused as a module', () => {
    expect(validateFlow(flow)).toEqual([]);
    expect(() => assertValidFlow(flow)).not.toThrow();
    expect(new Set(validateFlow(flow, undefined, 'module').map((p) => p.rule))).toEqual(new Set(['module-settings', 'module-actions', 'module-returns']));
  });

  it('invokes the capture module by the id given, first; its error branch is a failure', () => {
    expect(byId(flow.StartAction)).toEqual({
      Identifier: 'invoke-capture-module', Type: 'InvokeFlowModule', Parameters: { FlowModuleId: MODULE_ID },
      Transitions: { NextAction: 'check-capture-result', Errors: [{ ErrorType: 'NoMatchingError', NextAction: 'apologize' }] },
    });
    expect(byType('InvokeFlowModule')).toHaveLength(1);
  });

  it('branches on secure_input_result: captured thanks, no-input and anything else apologise', () => {
    const check = byId('check-capture-result');
    expect(check.Parameters.ComparisonValue).toBe(`$.Attributes.${RESULT_ATTRIBUTE}`);
    expect(check.Transitions.Conditions!.map((c) => [c.Condition.Operator, c.Condition.Operands[0], c.NextAction])).toEqual([['Equals', RESULT.captured, 'thank-caller'], ['Equals', RESULT.noInput, 'apologize-no-input']]);
    expect([check.Transitions.NextAction, check.Transitions.Errors]).toEqual(['apologize', [{ ErrorType: 'NoMatchingCondition', NextAction: 'apologize' }]]);
  });

  it('leaves the capture to the module: no bot block, no recording, logging or language block of its own', () => {
    for (const type of ['ConnectParticipantWithLexBot', 'UpdateFlowLoggingBehavior', 'UpdateContactRecordingAndAnalyticsBehavior', 'UpdateContactData', 'UpdateContactAttributes']) expect(byType(type)).toEqual([]);
    expect(flow.Settings).toBeUndefined();
  });

  it('ends every failure politely, with its own words for no input', () => {
    const ends = failureTransferQueueArn ? ['TransferContactToQueue', 'DisconnectParticipant'] : ['DisconnectParticipant'];
    for (const type of ends) expect(byType(type).length).toBeGreaterThan(0);
    expect(byType('MessageParticipant').map((m) => m.Parameters.Text)).toEqual([expect.stringMatching(/^Thank you/), expect.stringMatching(/^Sorry, we could not/), expect.stringMatching(/^Sorry, we did not receive/)]);
    for (const apology of ['apologize', 'apologize-no-input']) expect(byId(apology).Transitions.NextAction).toBe(failureTransferQueueArn ? 'set-failure-queue' : 'disconnect');
    if (failureTransferQueueArn) expect(byType('UpdateContactTargetQueue')[0]!.Parameters.QueueId).toBe(QUEUE);
  });

  it('is deterministic JSON', () => {
    expect(flowContent(buildSecureInputFlow({ captureModuleId: MODULE_ID, failureTransferQueueArn }))).toBe(flowContent(flow));
  });
});

describe('the capture, as a reusable piece', () => {
  const ends = { captured: 'E-captured', failed: 'E-failed', noInput: 'E-no-input', error: 'E-error' };
  const actions = captureActions({ botAliasArn: ALIAS, locale: 'en_US', ends });
  const ids = new Set(actions.map((a) => a.Identifier));

  it('starts at its entry and leaves only to the ends it is given', () => {
    expect(actions[0]!.Identifier).toBe(captureEntry('en_US'));
    const outside = new Set(actions.flatMap(successors).map((s) => s.to).filter((to) => !ids.has(to)));
    expect(outside).toEqual(new Set(Object.values(ends)));
  });

  it('has every identifier within Connect\'s 50 characters, for every locale', () => {
    for (const locale of ['en_US', 'en_GB', 'en_AU', 'es_US', 'es_ES', 'fr_CA', 'de_DE'] as const) {
      for (const a of captureActions({ botAliasArn: ALIAS, locale, ends })) expect(a.Identifier.length).toBeLessThanOrEqual(50);
    }
  });
});

describe.each([
  ['flow', buildSecureInputFlow({ captureModuleId: MODULE_ID })],
  ['module', buildCaptureModule({ botAliasArn: ALIAS, locales: ['en_US'] })],
] as const)('the Mermaid diagram of the %s', (_kind, flow) => {
  it('has a node per action and an edge per transition', () => {
    const text = flowToMermaid(flow);
    // NextAction is drawn only where no labelled branch goes to the same action.
    const edges = flow.Actions.reduce((n, a) => {
      const labelled = [...(a.Transitions.Conditions ?? []), ...(a.Transitions.Errors ?? [])];
      const next = a.Transitions.NextAction && !labelled.some((b) => b.NextAction === a.Transitions.NextAction) ? 1 : 0;
      return n + next + labelled.length;
    }, 0);
    expect(text.split('\n').filter((l) => /^\s+a\d+(\[|\{|\(\[)"/.test(l))).toHaveLength(flow.Actions.length);
    expect(text.split('\n').filter((l) => /^\s+a\d+ -->/.test(l))).toHaveLength(edges);
  });

  it('in docs/flow.md and the README is up to date (npm run flow:diagram)', () => {
    expect(readFileSync(path.join(__dirname, '..', 'docs', 'flow.md'), 'utf8')).toBe(flowDiagramMarkdown());
    const readme = readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    expect(withReadmeDiagram(readme)).toBe(readme);
  });
});
