// flows/: the capture module and the contact flow that invokes it as typed code (capture-module.ts,
// secure-input-flow.ts), their language, validator and diagrams.
export { buildSecureInputFlow, FLOW_NAME, type SecureInputFlowOptions } from './secure-input-flow';
export { buildCaptureModule, MODULE_NAME, MODULE_SETTINGS, type CaptureModuleOptions } from './capture-module';
export { flowContent, type ContactFlow, type FlowAction } from './flow-language';
export { assertValidFlow, validateFlow, FLOW_RULES, type FlowProblem } from './validator';
export { captureActions, captureEntry, type CaptureEnds, type CaptureOptions } from './capture-actions';
export { flowToMermaid } from './mermaid';
