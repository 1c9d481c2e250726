import { successors, TERMINAL_ACTIONS, type ContactFlow, type FlowAction } from './flow-language';

const DETAIL: Record<string, (a: FlowAction) => string> = {
  UpdateContactRecordingAndAnalyticsBehavior: () => 'recording and analytics off',
  UpdateFlowLoggingBehavior: (a) => `flow logging ${String(a.Parameters.FlowLoggingBehavior).toLowerCase()}`,
  Compare: (a) => `compare ${String(a.Parameters.ComparisonValue).replace('$.Lex.SessionAttributes.', 'session ').replace('$.Attributes.', 'contact ')}`,
  ConnectParticipantWithLexBot: () => 'Lex V2 bot (alias live), prompt in the block',
  UpdateContactAttributes: (a) => `store ${Object.entries(a.Parameters.Attributes as Record<string, string>).map(([k, v]) => (v.startsWith('$.') ? k : `${k} = ${v}`)).join(', ')}`,
  MessageParticipant: () => 'play message',
  DisconnectParticipant: () => 'disconnect',
  UpdateContactTargetQueue: () => 'set failure queue',
  UpdateContactData: (a) => `contact language ${String(a.Parameters.LanguageCode)}`,
  TransferContactToQueue: () => 'transfer to queue',
  InvokeFlowModule: () => 'invoke the capture module',
  EndFlowModuleExecution: () => 'return to the caller',
};

// Mermaid labels: quotes and angle brackets would end or open markup.
const escape = (s: string) => s.replace(/["<>#]/g, (c) => `#${c.charCodeAt(0)};`);

const ENDS = new Set<string>(TERMINAL_ACTIONS);

/** A Mermaid flowchart of the flow (or module: `start` names what enters it), generated from the same definition the stack deploys. */
export function flowToMermaid(flow: ContactFlow, start = 'call'): string {
  const node = new Map(flow.Actions.map((a, i) => [a.Identifier, `a${i}`]));
  const lines = ['flowchart TD', `  start((${start})) --> ${node.get(flow.StartAction)}`];
  for (const a of flow.Actions) {
    const detail = DETAIL[a.Type]?.(a) ?? a.Type;
    const shape = a.Type === 'Compare' ? ['{', '}'] : ENDS.has(a.Type) ? ['([', '])'] : ['[', ']'];
    lines.push(`  ${node.get(a.Identifier)}${shape[0]}"${escape(a.Identifier)}<br/>${escape(detail)}"${shape[1]}`);
  }
  for (const a of flow.Actions) {
    // Exported flows point NextAction at the error branch's target too: that edge is drawn once, labelled.
    const branches = successors(a);
    const drawn = branches.filter((b, i) => b.label !== '' || !branches.some((o, j) => j !== i && o.to === b.to && o.label !== ''));
    for (const { to, label } of drawn) {
      lines.push(`  ${node.get(a.Identifier)} -->${label ? `|"${escape(label)}"|` : ''} ${node.get(to) ?? to}`);
    }
  }
  return lines.join('\n');
}
