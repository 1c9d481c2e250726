import { problem, type FlowRule } from '../rule';

// UpdateFlowLoggingBehavior raises no error ("Errors: None" in the 2023 reference text) and must carry
// no Errors: a third-party live probe of CreateContactFlow reports "Invalid Action error. Error:
// NoMatchingError, Path: Actions[N]" for one that does (docs/dialog.md, "Validator rules"), and all 4 of them in
// the real exported flows and modules (fixtures/real-flows) have none.
export const flowLoggingNoErrorsRule: FlowRule = {
  name: 'flow-logging-no-errors',
  check: (flow) => flow.Actions
    .filter((a) => a.Type === 'UpdateFlowLoggingBehavior' && (a.Transitions?.Errors?.length ?? 0) > 0)
    .map((a) => problem('flow-logging-no-errors', a.Identifier, 'UpdateFlowLoggingBehavior carries no Errors')),
};
