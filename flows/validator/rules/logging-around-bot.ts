import { successors, type ContactFlow } from '../../flow-language';
import { problem, type FlowRule } from '../rule';

// Flow logs record what enters and leaves a bot block. On every path, logging is off when a bot
// block is entered, and it is turned on again only once a bot block lies behind.
type State = `${'on' | 'off'}|${'before' | 'after'}`;

function statesOnEntry(flow: ContactFlow): Map<string, Set<State>> {
  const byId = new Map(flow.Actions.map((a) => [a.Identifier, a]));
  const entry = new Map<string, Set<State>>();
  const queue: [string, State][] = [[flow.StartAction, 'on|before']]; // instance flow logs are on
  while (queue.length) {
    const [id, state] = queue.pop()!;
    const action = byId.get(id);
    const seen = entry.get(id) ?? new Set<State>();
    if (!action || seen.has(state)) continue;
    entry.set(id, seen.add(state));
    let [logging, bot] = state.split('|') as ['on' | 'off', 'before' | 'after'];
    if (action.Type === 'UpdateFlowLoggingBehavior') logging = action.Parameters.FlowLoggingBehavior === 'Disabled' ? 'off' : 'on';
    if (action.Type === 'ConnectParticipantWithLexBot') bot = 'after';
    for (const { to } of successors(action)) queue.push([to, `${logging}|${bot}`]);
  }
  return entry;
}

export const loggingAroundBotRule: FlowRule = {
  name: 'logging-around-bot',
  check: (flow) => {
    const entry = statesOnEntry(flow);
    return flow.Actions.flatMap((action) => {
      const states = [...(entry.get(action.Identifier) ?? [])];
      if (action.Type === 'ConnectParticipantWithLexBot' && states.some((s) => s.startsWith('on'))) {
        return [problem('logging-around-bot', action.Identifier, 'a path reaches this bot block with flow logging on')];
      }
      if (action.Type === 'UpdateFlowLoggingBehavior' && action.Parameters.FlowLoggingBehavior === 'Enabled' && states.some((s) => s.endsWith('before'))) {
        return [problem('logging-around-bot', action.Identifier, 'flow logging is turned on before any bot block')];
      }
      return [];
    });
  },
};
