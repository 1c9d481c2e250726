import type { ContactFlow, FlowKind } from '../flow-language';

export interface FlowProblem {
  rule: string;
  /** The action at fault, or '(flow)'. */
  action: string;
  message: string;
}

export interface FlowRule {
  name: string;
  /** `kind`: whether `flow` is a contact flow or a flow module (most rules judge both alike). */
  check(flow: ContactFlow, kind: FlowKind): FlowProblem[];
}

export const problem = (rule: string, action: string, message: string): FlowProblem => ({ rule, action, message });
