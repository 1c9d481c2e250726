import { problem, type FlowRule } from '../rule';

// Project policy for the voice capture (docs/dialog.md), from AWS's text and real exports:
// - the block asks for the field itself: exactly one of Text or SSML (a PromptId or Media could not be
//   checked here, and the 2023 Connect guide says Get customer input "does not currently support using a
//   voice prompt from an S3 bucket with Amazon Lex V2");
// - no LexTimeoutSeconds: "the Lex timer length for chat" (ConnectParticipantWithLexBot, parameter section);
// - no InputTimeLimitExceeded branch: "if there is no response before the configured LexTimeoutSeconds";
//   on voice Lex's own start timeout applies. 0 of the 10 real bot blocks in fixtures/real-flows declare it.
export const voiceBotBlockRule: FlowRule = {
  name: 'voice-bot-block',
  check: (flow) => flow.Actions.filter((a) => a.Type === 'ConnectParticipantWithLexBot').flatMap((a) => {
    const p = a.Parameters ?? {};
    const say = (message: string) => problem('voice-bot-block', a.Identifier, message);
    const problems = [];
    const spoken = ['Text', 'SSML'].filter((k) => typeof p[k] === 'string');
    if (spoken.length !== 1 || p.PromptId !== undefined || p.Media !== undefined) problems.push(say('a voice bot block speaks exactly one prompt, Text or SSML'));
    if (p.LexTimeoutSeconds !== undefined) problems.push(say('LexTimeoutSeconds is the chat timer'));
    if ((a.Transitions?.Errors ?? []).some((e) => e.ErrorType === 'InputTimeLimitExceeded')) problems.push(say('InputTimeLimitExceeded follows LexTimeoutSeconds (chat); on voice Lex times out itself'));
    return problems;
  }),
};
