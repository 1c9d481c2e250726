import { CONDITION_OPERATORS } from '../../flow-language';
import { problem, type FlowRule } from '../rule';

// AWS: the List of Operators (Equals, TextStartsWith, TextEndsWith, TextContains, NumberGreaterThan,
// NumberGreaterOrEqualTo, NumberLessThan, NumberLessOrEqualTo), each with "One" operand
// (https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html). There is no
// NotEquals nor Exists.
export const conditionOperatorsRule: FlowRule = {
  name: 'condition-operators',
  check: (flow) => flow.Actions.flatMap((a) => (a.Transitions?.Conditions ?? []).flatMap((c) => {
    const operator = c.Condition?.Operator;
    if (!(CONDITION_OPERATORS as readonly string[]).includes(operator)) return [problem('condition-operators', a.Identifier, `unknown condition operator ${String(operator)}`)];
    return Array.isArray(c.Condition.Operands) && c.Condition.Operands.length === 1 ? [] : [problem('condition-operators', a.Identifier, `${operator} takes one operand`)];
  })),
};
