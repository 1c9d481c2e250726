import { flowToMermaid } from './mermaid';
import { buildSecureInputFlow, FLOW_NAME } from './secure-input-flow';

const diagram = () => flowToMermaid(buildSecureInputFlow({ botAliasArn: 'arn:aws:lex:<region>:<account>:bot-alias/<bot>/<alias>', locales: ['en_US'] }));
const START = '<!-- flow-diagram:start -->';
const END = '<!-- flow-diagram:end -->';

/** The README with its diagram block (between the markers) regenerated. */
export function withReadmeDiagram(readme: string): string {
  const i = readme.indexOf(START);
  const j = readme.indexOf(END);
  if (i < 0 || j < i) throw new Error(`README.md has no ${START} ... ${END} block`);
  return `${readme.slice(0, i + START.length)}\n\`\`\`mermaid\n${diagram()}\n\`\`\`\n${readme.slice(j)}`;
}

/** docs/flow.md: generated, and a test keeps it equal to what this returns. */
export function flowDiagramMarkdown(): string {
  return `# The contact flow ${FLOW_NAME}

Generated from \`flows/secure-input-flow.ts\` (the capture itself: \`flows/capture-actions.ts\`) by
\`npm run flow:diagram\`, for an environment with one bot locale (en_US, as every environment has now); a
test fails when it is stale. Call recording, IVR/bot recording and analytics are set off before the first
bot block; the contact's language is matched to a bot locale (or set to the first); flow logging is off
whenever the Lex bot runs and is turned on again only after it. Each bot block plays its field's prompt
itself and sends the field, the contact, reset values and the field's keypad and audio settings as session
attributes; the caller's first answer fills the capture intent's slot. A field is stored only when the
status says \`captured\` and the attribute starts like a ciphertext of this project. The error branch of a bot
block (where an intent that is not fulfilled goes) checks the status for \`no-input\` (its own apology)
and \`failed\`. The flow reads \`$.Lex.SessionAttributes\` and never \`$.Lex.Slots\`. An unlabelled arrow is
\`NextAction\`; where it goes where a labelled branch goes, it is drawn once. With
\`failureTransferQueueArn\` set, a failed capture is transferred to that queue instead of disconnected. The
contract between flow, bot and code hook, with sources: [dialog.md](dialog.md).

\`\`\`mermaid
${diagram()}
\`\`\`
`;
}
