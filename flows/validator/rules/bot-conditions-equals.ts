import { problem, type FlowRule } from '../rule';

// AWS: "If the Amazon Lex interaction succeeds, the result is the Intent of the bot. Conditions are
// supported, but only the Equals operator is supported within these conditions." (ConnectParticipantWithLexBot,
// https://docs.aws.amazon.com/connect/latest/APIReference/participant-actions-connectparticipantwithlexbot.html,
// parameter section; c2hans/aws-docs@9a3d9b4027a3cf817aa962967024a384f63fa075).
export const botConditionsEqualsRule: FlowRule = {
  name: 'bot-conditions-equals',
  check: (flow) => flow.Actions
    .filter((a) => a.Type === 'ConnectParticipantWithLexBot')
    .flatMap((a) => (a.Transitions?.Conditions ?? [])
      .filter((c) => c.Condition?.Operator !== 'Equals')
      .map((c) => problem('bot-conditions-equals', a.Identifier, `a bot block's condition may only use Equals, not ${String(c.Condition?.Operator)}`))),
};
