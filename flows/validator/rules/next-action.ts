import { TERMINAL_ACTIONS } from '../../flow-language';
import { problem, type FlowRule } from '../rule';

// AWS: "Certain Actions terminate ... Transitions must be defined as an empty object. The Transitions
// object ... must have the following fields specified: NextAction ..." (flow language, Actions,
// https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html). Every non-terminal
// action (145) of the 9 real exported flows and modules in fixtures/real-flows has one; a third-party live
// probe of CreateContactFlow reports "Connect rejects any non-terminal action without one"
// (docs/dialog.md, "Validator rules"). Terminal actions (TERMINAL_ACTIONS) take no transitions at all.
const terminal = new Set<string>(TERMINAL_ACTIONS);

export const nextActionRule: FlowRule = {
  name: 'next-action',
  check: (flow) => flow.Actions.flatMap((action) => {
    const t = action.Transitions ?? {};
    if (terminal.has(action.Type)) {
      return Object.keys(t).length === 0 ? [] : [problem('next-action', action.Identifier, `${action.Type} ends the flow: its Transitions must be {}`)];
    }
    return typeof t.NextAction === 'string' && t.NextAction !== '' ? [] : [problem('next-action', action.Identifier, `${action.Type} has no Transitions.NextAction`)];
  }),
};
