import { buildCaptureModule, MODULE_NAME } from './capture-module';
import { flowToMermaid } from './mermaid';
import { buildSecureInputFlow, FLOW_NAME } from './secure-input-flow';

const ALIAS = 'arn:aws:lex:<region>:<account>:bot-alias/<bot>/<alias>';
const flowDiagram = () => flowToMermaid(buildSecureInputFlow({ captureModuleId: '<capture module id>' }));
const moduleDiagram = () => flowToMermaid(buildCaptureModule({ botAliasArn: ALIAS, locales: ['en_US'] }), 'invoked');
const mermaid = (text: string) => `\`\`\`mermaid\n${text}\n\`\`\``;
const START = '<!-- flow-diagram:start -->';
const END = '<!-- flow-diagram:end -->';

/** The README with its diagram block (between the markers) regenerated: the flow, then the module. */
export function withReadmeDiagram(readme: string): string {
  const i = readme.indexOf(START);
  const j = readme.indexOf(END);
  if (i < 0 || j < i) throw new Error(`README.md has no ${START} ... ${END} block`);
  return `${readme.slice(0, i + START.length)}\nThe flow \`${FLOW_NAME}\`:\n\n${mermaid(flowDiagram())}\n\nThe module \`${MODULE_NAME}\`:\n\n${mermaid(moduleDiagram())}\n${readme.slice(j)}`;
}

/** docs/flow.md: generated, and a test keeps it equal to what this returns. */
export function flowDiagramMarkdown(): string {
  return `# The contact flow ${FLOW_NAME} and the capture module ${MODULE_NAME}

Generated from \`flows/secure-input-flow.ts\` and \`flows/capture-module.ts\` (the capture itself:
\`flows/capture-actions.ts\`) by \`npm run flow:diagram\`, for an environment with one bot locale (en_US, as
every environment has now); a test fails when it is stale. An unlabelled arrow is \`NextAction\`; where it
goes where a labelled branch goes, it is drawn once. The contract between flow, module, bot and code hook,
with sources: [dialog.md](dialog.md).

## The flow

The number's entry flow invokes the module, reads \`secure_input_result\` (a contact attribute, which outlives
the module's Return) and thanks the caller (\`captured\`) or apologises (\`no-input\` has its own words;
\`failed\`, anything else and the Invoke module block's error branch get the general apology). With
\`failureTransferQueueArn\` set, a failure is transferred to that queue instead of disconnected.

${mermaid(flowDiagram())}

## The module

\`secure_input_result\` is set to \`failed\` first, so a path that cannot set another answer gives that one.
Call recording, IVR/bot recording and analytics are set off before the first bot block; the contact's
language is matched to a bot locale (or set to the first); flow logging is off whenever the Lex bot runs.
Each bot block plays its field's prompt itself and sends the field, the contact, reset values and the
field's keypad and audio settings as session attributes; the caller's first answer fills the capture
intent's slot. A field is stored only when the status says \`captured\` and the attribute starts like a
ciphertext of this project. The error branch of a bot block (where an intent that is not fulfilled goes)
checks the status for \`no-input\` and \`failed\`. The module reads \`$.Lex.SessionAttributes\` (inside a
module: undocumented, docs/dialog.md) and never \`$.Lex.Slots\`. After the capture it sets the result, turns
flow logging back on unless the caller set \`secure_input_caller_logging\` to \`Disabled\`, and returns.

${mermaid(moduleDiagram())}
`;
}
