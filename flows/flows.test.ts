import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inputSessionAttributes } from '../contract/capture-input';
import { blockSessionAttributes, CIPHERTEXT_PREFIX, CIPHERTEXT_RESET, CONTACT_ID_ATTRIBUTE, FLOW_CONTACT_ID } from '../contract/capture-session';
import { fieldPrompt, languageCode } from '../contract/prompts';
import { CAPTURE, SECURE_FIELDS, STATUS, STATUS_ATTRIBUTE } from '../contract/secure-fields';
import { flowDiagramMarkdown, withReadmeDiagram } from './flow-diagram-doc';
import { successors, type FlowAction } from './flow-language';
import { assertValidFlow, buildSecureInputFlow, captureActions, captureEntry, flowContent, flowToMermaid, validateFlow } from './index';

const ALIAS = '${TfToken[TOKEN.42]}';
const QUEUE = 'arn:aws:connect:us-east-1:111122223333:instance/i/queue/q';

describe.each([
  ['disconnecting on failure, one locale', undefined, ['en_US']],
  ['transferring on failure, one locale', QUEUE, ['en_US']],
  ['disconnecting on failure, two locales', undefined, ['es_US', 'en_US']],
] as const)('the secure input flow, %s', (_name, failureTransferQueueArn, locales) => {
  const flow = buildSecureInputFlow({ botAliasArn: ALIAS, locales, failureTransferQueueArn });
  const byType = (type: string) => flow.Actions.filter((a) => a.Type === type);
  const byId = (id: string) => flow.Actions.find((a) => a.Identifier === id)!;
  const bots = byType('ConnectParticipantWithLexBot');

  it('passes every validator rule', () => {
    expect(validateFlow(flow)).toEqual([]);
    expect(() => assertValidFlow(flow)).not.toThrow();
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
    for (const store of byType('UpdateContactAttributes')) {
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
      expect(check.Transitions.Conditions!.map((c) => [c.Condition.Operands[0], c.NextAction])).toEqual([[STATUS.noInput, 'logging-on-after-no-input'], [STATUS.invalid, 'logging-on-after-failure']]);
      expect(check.Transitions.Errors).toEqual([{ ErrorType: 'NoMatchingCondition', NextAction: 'logging-on-after-failure' }]);
    }
  });

  it('sets recording and analytics off first, then asks in the contact\'s language, setting the first locale\'s when it is none of the bot\'s', () => {
    expect(flow.StartAction).toBe('recording-and-analytics-off');
    expect(byType('UpdateContactRecordingAndAnalyticsBehavior')).toHaveLength(1);
    const select = byId('select-language');
    expect(select.Parameters.ComparisonValue).toBe('$.LanguageCode');
    expect(select.Transitions.Conditions!.map((c) => [c.Condition.Operands[0], c.NextAction])).toEqual(locales.map((l) => [languageCode(l), captureEntry(l)]));
    expect(byId(select.Transitions.NextAction!)).toMatchObject({ Type: 'UpdateContactData', Parameters: { LanguageCode: languageCode(locales[0]), TargetContact: 'Current' }, Transitions: { NextAction: captureEntry(locales[0]) } });
  });

  it('stores only session-attribute ciphertext in encrypted_cc and encrypted_zip', () => {
    const stored = Object.assign({}, ...byType('UpdateContactAttributes').map((a) => a.Parameters.Attributes));
    expect(stored).toEqual({ encrypted_cc: '$.Lex.SessionAttributes.encrypted_cc', encrypted_zip: '$.Lex.SessionAttributes.encrypted_zip' });
    expect(flowContent(flow)).not.toMatch(/\$\.Lex\.Slots/);
    expect(byType('InvokeLambdaFunction')).toEqual([]);
  });

  it('ends every failure politely, with its own words for no input', () => {
    const ends = failureTransferQueueArn ? ['TransferContactToQueue', 'DisconnectParticipant'] : ['DisconnectParticipant'];
    for (const type of ends) expect(byType(type).length).toBeGreaterThan(0);
    expect(byType('MessageParticipant').map((m) => m.Parameters.Text)).toEqual([expect.stringMatching(/^Thank you/), expect.stringMatching(/^Sorry, we could not/), expect.stringMatching(/^Sorry, we did not receive/)]);
    if (failureTransferQueueArn) expect(byType('UpdateContactTargetQueue')[0]!.Parameters.QueueId).toBe(QUEUE);
  });

  it('is deterministic JSON', () => {
    expect(flowContent(buildSecureInputFlow({ botAliasArn: ALIAS, locales, failureTransferQueueArn }))).toBe(flowContent(flow));
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

describe('the Mermaid diagram', () => {
  const flow = buildSecureInputFlow({ botAliasArn: ALIAS, locales: ['en_US'] });
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
