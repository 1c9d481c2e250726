import { flowToMermaid } from './mermaid';
import { buildSecureInputFlow, FLOW_NAME } from './secure-input-flow';

const diagram = () => flowToMermaid(buildSecureInputFlow({ botAliasArn: 'arn:aws:lex:<region>:<account>:bot-alias/<bot>/<alias>' }));
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

Generated from \`flows/secure-input-flow.ts\` by \`npm run flow:diagram\`; a test fails when it is stale.
Call recording, IVR/bot recording and analytics are set off before the first bot block; flow logging is
off whenever the Lex bot runs and is turned on again only after it. Each bot block resets its session
attributes and starts its own field's intent; a field is stored only when the status says \`captured\`
and the attribute starts like a ciphertext of this project. The flow reads \`$.Lex.SessionAttributes\` and
never \`$.Lex.Slots\`. A bot block that times out (\`InputTimeLimitExceeded\`) gets its own apology. With
\`failureTransferQueueArn\` set, a failed capture is transferred to that queue instead of disconnected.
The contract between flow, bot and code hook, with sources: [dialog.md](dialog.md).

\`\`\`mermaid
${diagram()}
\`\`\`
`;
}
