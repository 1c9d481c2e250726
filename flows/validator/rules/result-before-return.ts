import { RESULT_ATTRIBUTE } from '../../../contract/capture-module';
import { reachable, successors, type ContactFlow, type FlowAction } from '../../flow-language';
import { problem, type FlowRule } from '../rule';

// Project policy: the module's caller branches on `secure_input_result`, so every path to the Return block
// passes an action that sets it. Either branch of that action counts: when Connect cannot write the
// attribute, the module has nothing else to answer with (the first value it sets is `failed`).
const setsResult = (a: FlowAction) => a.Type === 'UpdateContactAttributes' && typeof a.Parameters.Attributes === 'object'
  && a.Parameters.Attributes !== null && RESULT_ATTRIBUTE in a.Parameters.Attributes;

/** The actions some path from the start reaches without having set the result. */
function reachedUnset(flow: ContactFlow): Set<string> {
  return reachable(flow, (action) => (setsResult(action) ? [] : successors(action).map((s) => s.to)));
}

export const resultBeforeReturnRule: FlowRule = {
  name: 'result-before-return',
  check: (flow, kind) => {
    if (kind !== 'module') return [];
    const unset = reachedUnset(flow);
    return flow.Actions.filter((a) => a.Type === 'EndFlowModuleExecution' && unset.has(a.Identifier))
      .map((a) => problem('result-before-return', a.Identifier, `a path returns without setting ${RESULT_ATTRIBUTE}`));
  },
};
