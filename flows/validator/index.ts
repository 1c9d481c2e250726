import type { ContactFlow } from '../flow-language';
import type { FlowProblem, FlowRule } from './rule';
import { botConditionsEqualsRule } from './rules/bot-conditions-equals';
import { conditionOperatorsRule } from './rules/condition-operators';
import { errorBranchesRule } from './rules/error-branches';
import { flowLoggingNoErrorsRule } from './rules/flow-logging-no-errors';
import { identifiersRule } from './rules/identifiers';
import { knownActionsRule } from './rules/known-actions';
import { lexAttributeNamesRule } from './rules/lex-attribute-names';
import { lexBotBlockRule } from './rules/lex-bot-block';
import { loggingAroundBotRule } from './rules/logging-around-bot';
import { nextActionRule } from './rules/next-action';
import { noEmptyParametersRule } from './rules/no-empty-parameters';
import { noLexSlotsRule } from './rules/no-lex-slots';
import { recordingOffBeforeBotRule } from './rules/recording-off-before-bot';
import { sizeLimitsRule } from './rules/size-limits';
import { transitionsResolveRule } from './rules/transitions-resolve';
import { versionRule } from './rules/version';
import { voiceBotBlockRule } from './rules/voice-bot-block';

/**
 * What Connect's flow language and CreateContactFlow require of any flow, from AWS's pages and the service's
 * own error messages: every real exported flow and module in fixtures/real-flows passes these.
 */
export const AWS_RULES: FlowRule[] = [
  versionRule, identifiersRule, transitionsResolveRule, nextActionRule, sizeLimitsRule, lexBotBlockRule, botConditionsEqualsRule,
  conditionOperatorsRule, flowLoggingNoErrorsRule,
];

/** This project's policy for its own flow: what it may use, what must never leak, how a voice capture is built. */
export const PROJECT_RULES: FlowRule[] = [
  errorBranchesRule, knownActionsRule, loggingAroundBotRule, noLexSlotsRule, recordingOffBeforeBotRule, voiceBotBlockRule,
  lexAttributeNamesRule, noEmptyParametersRule,
];

export const FLOW_RULES: FlowRule[] = [...AWS_RULES, ...PROJECT_RULES];

export function validateFlow(flow: ContactFlow, rules = FLOW_RULES): FlowProblem[] {
  return rules.flatMap((rule) => rule.check(flow));
}

/** At synth: a flow Connect would refuse, or one that could leak, stops synthesis. */
export function assertValidFlow(flow: ContactFlow): void {
  const problems = validateFlow(flow);
  if (problems.length) throw new Error(`contact flow is invalid:\n${problems.map((p) => `  ${p.action}: ${p.rule}: ${p.message}`).join('\n')}`);
}

export type { FlowProblem, FlowRule } from './rule';
