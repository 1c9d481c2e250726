// Project policy: every error an action of this flow can raise has its own branch, and no branch names an
// error the action never raises (the errors of each action type: flows/action-types.ts, from its
// reference page). Connect itself requires NoMatchingError on a bot block ("Action is missing required
// error", aws-samples/sample-chaos-engineering-in-amazon-connect-customer-global-resiliency FIXES.md).
import { ACTION_TYPES } from '../../action-types';
import { problem, type FlowRule } from '../rule';

export const errorBranchesRule: FlowRule = {
  name: 'error-branches',
  check: (flow) => flow.Actions.flatMap((action) => {
    const spec = ACTION_TYPES[action.Type];
    if (!spec) return [];
    const handled = new Set((action.Transitions?.Errors ?? []).map((e) => e.ErrorType));
    const missing = spec.errors.filter((e) => !handled.has(e));
    const unknown = [...handled].filter((e) => !spec.errors.includes(e));
    return [
      ...missing.map((e) => problem('error-branches', action.Identifier, `${action.Type} can fail with ${e} but has no branch for it`)),
      ...unknown.map((e) => problem('error-branches', action.Identifier, `${action.Type} never raises ${e}`)),
    ];
  }),
};
