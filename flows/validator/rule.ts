import type { ContactFlow } from '../flow-language';

export interface FlowProblem {
  rule: string;
  /** The action at fault, or '(flow)'. */
  action: string;
  message: string;
}

export interface FlowRule {
  name: string;
  check(flow: ContactFlow): FlowProblem[];
}

export const problem = (rule: string, action: string, message: string): FlowProblem => ({ rule, action, message });
