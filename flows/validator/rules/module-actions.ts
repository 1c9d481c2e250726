import { problem, type FlowRule } from '../rule';

// AWS, per action's Restrictions:
// - EndFlowModuleExecution (the Return block): "This action is available only in flow modules."
//   (https://docs.aws.amazon.com/connect/latest/APIReference/endflowmoduleexecution.html)
// - InvokeFlowModule: "This action is supported by all channels and only supports Inbound flow types."
//   (https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions-invoke-flow-module.html).
//   The admin guide now says modules work "across all flow types" and may invoke modules up to five levels
//   deep; the API reference is the more restrictive reading and is followed: no module invokes another.
//   The one real module in fixtures/real-flows invokes none, nor did the 9 others issue 19 read (removed in
//   the license review, fixtures/SOURCES.md); no real file there holds an InvokeFlowModule or a Return block now.
export const moduleActionsRule: FlowRule = {
  name: 'module-actions',
  check: (flow, kind) => flow.Actions.flatMap((a) => {
    if (a.Type === 'EndFlowModuleExecution' && kind !== 'module') return [problem('module-actions', a.Identifier, 'EndFlowModuleExecution is available only in flow modules')];
    if (a.Type === 'InvokeFlowModule' && kind !== 'flow') return [problem('module-actions', a.Identifier, 'InvokeFlowModule only supports inbound flows, not modules')];
    return [];
  }),
};
