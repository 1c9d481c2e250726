import { RESULT_ATTRIBUTE } from '../../../contract/capture-module';
import type { FlowAction } from '../../flow-language';
import { problem, type FlowRule } from '../rule';

// Project policy for a flow that invokes the capture module: it reads the module's answer right after the
// module returns (InvokeFlowModule's NextAction is a Compare of `$.Attributes.secure_input_result`), and
// never on the module's error branch, where the attribute may still hold an earlier invocation's answer.
const RESULT_PATH = `$.Attributes.${RESULT_ATTRIBUTE}`;
const comparesResult = (a: FlowAction | undefined) => a?.Type === 'Compare' && a.Parameters.ComparisonValue === RESULT_PATH;

export const callerChecksResultRule: FlowRule = {
  name: 'caller-checks-result',
  check: (flow) => {
    const byId = new Map(flow.Actions.map((a) => [a.Identifier, a]));
    return flow.Actions.filter((a) => a.Type === 'InvokeFlowModule').flatMap((a) => {
      const problems = [];
      if (!comparesResult(byId.get(a.Transitions.NextAction ?? ''))) problems.push(problem('caller-checks-result', a.Identifier, `the module's Success branch must go to a Compare of ${RESULT_PATH}`));
      if ((a.Transitions.Errors ?? []).some((e) => comparesResult(byId.get(e.NextAction)))) problems.push(problem('caller-checks-result', a.Identifier, `the module's error branch must not read ${RESULT_PATH}: it may be stale`));
      return problems;
    });
  },
};
