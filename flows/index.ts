// flows/: the contact flow as typed code (secure-input-flow.ts), its language, validator and diagram.
export { buildSecureInputFlow, FLOW_NAME, type SecureInputFlowOptions } from './secure-input-flow';
export { flowContent, type ContactFlow, type FlowAction } from './flow-language';
export { assertValidFlow, validateFlow, AWS_RULES, FLOW_RULES, PROJECT_RULES, type FlowProblem } from './validator';
export { captureActions, captureEntry, type CaptureEnds, type CaptureOptions } from './capture-actions';
export { flowToMermaid } from './mermaid';
