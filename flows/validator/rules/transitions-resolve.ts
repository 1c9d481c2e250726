// AWS: StartAction "must match the Identifier of an Action in the Actions list" (flow language example,
// https://docs.aws.amazon.com/connect/latest/adminguide/flow-language-example.html); NextAction "contains
// the Identifier of the Action that should be run" (flow language, Actions).
import { successors } from '../../flow-language';
import { problem, type FlowRule } from '../rule';

export const transitionsResolveRule: FlowRule = {
  name: 'transitions-resolve',
  check: (flow) => {
    const ids = new Set(flow.Actions.map((a) => a.Identifier));
    const problems = ids.has(flow.StartAction) ? [] : [problem('transitions-resolve', '(flow)', `StartAction ${flow.StartAction} is not an action`)];
    for (const action of flow.Actions) {
      for (const { to, label } of successors(action)) {
        if (!ids.has(to)) problems.push(problem('transitions-resolve', action.Identifier, `${label || 'NextAction'} goes to unknown action ${to}`));
      }
    }
    return problems;
  },
};
