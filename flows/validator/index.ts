import type { ContactFlow } from '../flow-language';
import type { FlowProblem, FlowRule } from './rule';
import { errorBranchesRule } from './rules/error-branches';
import { identifiersRule } from './rules/identifiers';
import { knownActionsRule } from './rules/known-actions';
import { loggingAroundBotRule } from './rules/logging-around-bot';
import { noLexSlotsRule } from './rules/no-lex-slots';
import { recordingOffBeforeBotRule } from './rules/recording-off-before-bot';
import { sizeLimitsRule } from './rules/size-limits';
import { transitionsResolveRule } from './rules/transitions-resolve';
import { versionRule } from './rules/version';

export const FLOW_RULES: FlowRule[] = [
  versionRule, identifiersRule, transitionsResolveRule, errorBranchesRule, knownActionsRule, sizeLimitsRule, loggingAroundBotRule, noLexSlotsRule,
  recordingOffBeforeBotRule,
];

export function validateFlow(flow: ContactFlow, rules = FLOW_RULES): FlowProblem[] {
  return rules.flatMap((rule) => rule.check(flow));
}

/** At synth: a flow Connect would refuse, or one that could leak, stops synthesis. */
export function assertValidFlow(flow: ContactFlow): void {
  const problems = validateFlow(flow);
  if (problems.length) throw new Error(`contact flow is invalid:\n${problems.map((p) => `  ${p.action}: ${p.rule}: ${p.message}`).join('\n')}`);
}

export type { FlowProblem, FlowRule } from './rule';
