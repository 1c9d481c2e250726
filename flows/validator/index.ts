import type { ContactFlow, FlowKind } from '../flow-language';
import type { FlowProblem, FlowRule } from './rule';
import { botConditionsEqualsRule } from './rules/bot-conditions-equals';
import { callerChecksResultRule } from './rules/caller-checks-result';
import { conditionOperatorsRule } from './rules/condition-operators';
import { errorBranchesRule } from './rules/error-branches';
import { flowLoggingNoErrorsRule } from './rules/flow-logging-no-errors';
import { identifiersRule } from './rules/identifiers';
import { knownActionsRule } from './rules/known-actions';
import { lexAttributeNamesRule } from './rules/lex-attribute-names';
import { lexBotBlockRule } from './rules/lex-bot-block';
import { loggingAroundBotRule } from './rules/logging-around-bot';
import { moduleActionsRule } from './rules/module-actions';
import { moduleReturnsRule } from './rules/module-returns';
import { moduleSettingsRule } from './rules/module-settings';
import { nextActionRule } from './rules/next-action';
import { noEmptyParametersRule } from './rules/no-empty-parameters';
import { noLexSlotsRule } from './rules/no-lex-slots';
import { recordingOffBeforeBotRule } from './rules/recording-off-before-bot';
import { resultBeforeReturnRule } from './rules/result-before-return';
import { sizeLimitsRule } from './rules/size-limits';
import { transitionsResolveRule } from './rules/transitions-resolve';
import { versionRule } from './rules/version';
import { voiceBotBlockRule } from './rules/voice-bot-block';

/**
 * What Connect's flow language, CreateContactFlow and CreateContactFlowModule require of any flow or module,
 * from AWS's pages and the service's own error messages: every real exported flow and module in
 * fixtures/real-flows passes these.
 */
export const AWS_RULES: FlowRule[] = [
  versionRule, identifiersRule, transitionsResolveRule, nextActionRule, sizeLimitsRule, lexBotBlockRule, botConditionsEqualsRule,
  conditionOperatorsRule, flowLoggingNoErrorsRule, moduleSettingsRule, moduleActionsRule,
];

/** This project's policy for its own flow and module: what they may use, what must never leak, how a voice capture is built and answered. */
export const PROJECT_RULES: FlowRule[] = [
  errorBranchesRule, knownActionsRule, loggingAroundBotRule, noLexSlotsRule, recordingOffBeforeBotRule, voiceBotBlockRule,
  lexAttributeNamesRule, noEmptyParametersRule, moduleReturnsRule, resultBeforeReturnRule, callerChecksResultRule,
];

export const FLOW_RULES: FlowRule[] = [...AWS_RULES, ...PROJECT_RULES];

/** Every problem of a flow, or of a module (`kind`), under `rules`: one validator judges both. */
export function validateFlow(flow: ContactFlow, rules = FLOW_RULES, kind: FlowKind = 'flow'): FlowProblem[] {
  return rules.flatMap((rule) => rule.check(flow, kind));
}

/** At synth: a flow or module Connect would refuse, or one that could leak, stops synthesis. */
export function assertValidFlow(flow: ContactFlow, kind: FlowKind = 'flow'): void {
  const problems = validateFlow(flow, FLOW_RULES, kind);
  if (problems.length) throw new Error(`${kind === 'module' ? 'flow module' : 'contact flow'} is invalid:\n${problems.map((p) => `  ${p.action}: ${p.rule}: ${p.message}`).join('\n')}`);
}

export type { FlowProblem, FlowRule } from './rule';
