import { flowToMermaid } from './mermaid';
import { buildSecureInputFlow, FLOW_NAME } from './secure-input-flow';

/** docs/flow.md: generated, and a test keeps it equal to what this returns. */
export function flowDiagramMarkdown(): string {
  const flow = buildSecureInputFlow({ botAliasArn: 'arn:aws:lex:<region>:<account>:bot-alias/<bot>/<alias>' });
  return `# The contact flow ${FLOW_NAME}

Generated from \`flows/secure-input-flow.ts\` by \`npm run flow:diagram\`; a test fails when it is stale.
Flow logging is off whenever the Lex bot runs and is turned on again only after it; the flow reads the
ciphertext from \`$.Lex.SessionAttributes\` and never \`$.Lex.Slots\`. With \`failureTransferQueueArn\`
set, a failed capture is transferred to that queue instead of disconnected.

\`\`\`mermaid
${flowToMermaid(flow)}
\`\`\`
`;
}
