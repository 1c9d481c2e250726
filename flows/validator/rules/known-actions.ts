import { ACTION_TYPES } from '../../action-types';
import { problem, type FlowRule } from '../rule';

// Project policy: only the action types this project writes, each with the parameters it uses
// (flows/action-types.ts, which cites the reference page of each).
export const knownActionsRule: FlowRule = {
  name: 'known-actions',
  check: (flow) => flow.Actions.flatMap((action) => {
    const spec = ACTION_TYPES[action.Type];
    if (!spec) return [problem('known-actions', action.Identifier, `unknown action type ${action.Type}`)];
    const problems = [];
    const shape = spec.check(action.Parameters ?? {});
    if (shape) problems.push(problem('known-actions', action.Identifier, `${action.Type}: ${shape}`));
    const t = action.Transitions ?? {};
    if (!spec.conditions && t.Conditions?.length) problems.push(problem('known-actions', action.Identifier, `${action.Type} takes no conditions`));
    return problems;
  }),
};
