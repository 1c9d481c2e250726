import { isRecord, reachable, type ContactFlow, type FlowAction } from '../../flow-language';
import { problem, type FlowRule } from '../rule';

// AWS, ConnectParticipantWithLexBot (https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-connectparticipantwithlexbot.html;
// full text c2hans/aws-docs@9a3d9b4027a3cf817aa962967024a384f63fa075):
// - "Provide either LexBot or LexV2Bot object"; LexV2Bot "AliasArn ... Required: Yes".
// - Text "May not be specified if PromptId or SSML is also specified", SSML likewise; at most one prompt
//   (Media too: none of the 10 real blocks in fixtures/real-flows has two).
// - CreateContactFlow refuses a block without one: "At least one of the following properties must be
//   set. Properties: [Parameters.PromptId, Parameters.Text, Parameters.SSML, Parameters.Media,
//   Parameters.LexInitializationData]" (a real deployment: aws-samples/sample-chaos-engineering-in-amazon-connect-customer-global-resiliency,
//   FIXES.md "Fix 2", commit 00e7c3e373720f025e83339c203e8c8efccb3a1a).
// - The syntax block spells `LexInitilizationData`; the parameter section and the service's own error
//   spell `LexInitializationData`, and say "Lex initialization experience is only supported for Chat
//   channel today. The Voice channel is not supported." The misspelt key is never admitted; the right one
//   only on a block that no voice contact can reach (every path to it passes a Compare of $.Channel
//   that holds for CHAT).
const PROMPTS = ['Text', 'SSML', 'PromptId', 'Media'];

/** Whether a condition of a `$.Channel` Compare holds only for chat. */
const chatOnly = (action: FlowAction, operands: string[]) =>
  action.Type === 'Compare' && action.Parameters.ComparisonValue === '$.Channel' && operands.every((o) => o === 'CHAT');

/** The actions a voice contact can reach: every branch, except a `$.Channel` condition that holds only for chat. */
function reachableOnVoice(flow: ContactFlow): Set<string> {
  return reachable(flow, (action) => {
    const t = action.Transitions ?? {};
    return [
      ...(t.NextAction ? [t.NextAction] : []),
      ...(t.Conditions ?? []).filter((c) => !chatOnly(action, c.Condition?.Operands ?? [])).map((c) => c.NextAction),
      ...(t.Errors ?? []).map((e) => e.NextAction),
    ];
  });
}

export const lexBotBlockRule: FlowRule = {
  name: 'lex-bot-block',
  check: (flow) => {
    const voice = reachableOnVoice(flow);
    return flow.Actions.filter((a) => a.Type === 'ConnectParticipantWithLexBot').flatMap((a) => {
      const p = a.Parameters ?? {};
      const say = (message: string) => problem('lex-bot-block', a.Identifier, message);
      const problems = [];
      const v2 = isRecord(p.LexV2Bot) && typeof p.LexV2Bot.AliasArn === 'string';
      const v1 = isRecord(p.LexBot) && ['Name', 'Region', 'Alias'].every((k) => typeof (p.LexBot as Record<string, unknown>)[k] === 'string');
      if (v2 === v1) problems.push(say('exactly one of LexV2Bot { AliasArn } and LexBot { Name, Region, Alias }'));
      const prompts = PROMPTS.filter((k) => p[k] !== undefined);
      if (prompts.length > 1) problems.push(say(`at most one of ${PROMPTS.join(', ')} (got ${prompts.join(', ')})`));
      if (prompts.length === 0 && p.LexInitializationData === undefined) problems.push(say(`at least one of ${PROMPTS.join(', ')}, LexInitializationData must be set`));
      if ('LexInitilizationData' in p) problems.push(say('LexInitilizationData is misspelt (the service knows LexInitializationData)'));
      if (p.LexInitializationData !== undefined && voice.has(a.Identifier)) problems.push(say('LexInitializationData is chat only, and a voice contact can reach this block'));
      return problems;
    });
  },
};
