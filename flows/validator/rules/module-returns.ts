import { problem, type FlowRule } from '../rule';

// Project policy: the capture module answers its caller and leaves every decision about the call to it.
// It ends every path with the Return block and never speaks to the caller outside its bot blocks,
// disconnects, queues or transfers: the apology, the queue and the goodbye are the invoking flow's.
const CALLERS_ONLY = ['MessageParticipant', 'DisconnectParticipant', 'UpdateContactTargetQueue', 'TransferContactToQueue'];

export const moduleReturnsRule: FlowRule = {
  name: 'module-returns',
  check: (flow, kind) => {
    if (kind !== 'module') return [];
    const problems = flow.Actions.filter((a) => CALLERS_ONLY.includes(a.Type))
      .map((a) => problem('module-returns', a.Identifier, `${a.Type} is the invoking flow's decision, not the module's`));
    if (!flow.Actions.some((a) => a.Type === 'EndFlowModuleExecution')) problems.push(problem('module-returns', '(flow)', 'the module never returns (no EndFlowModuleExecution)'));
    return problems;
  },
};
