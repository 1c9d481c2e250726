// AWS: "A single Flow may have no more than 250 Actions defined." (flow language example,
// https://docs.aws.amazon.com/connect/latest/adminguide/flow-language-example.html); CreateContactFlow
// Content "Maximum length of 256000" (https://docs.aws.amazon.com/connect/latest/APIReference/API_CreateContactFlow.html).
import { flowContent, MAX_ACTIONS, MAX_CONTENT_CHARS } from '../../flow-language';
import { problem, type FlowRule } from '../rule';

export const sizeLimitsRule: FlowRule = {
  name: 'size-limits',
  check: (flow) => {
    const problems = [];
    if (flow.Actions.length > MAX_ACTIONS) problems.push(problem('size-limits', '(flow)', `${flow.Actions.length} actions, at most ${MAX_ACTIONS}`));
    const chars = flowContent(flow).length;
    if (chars > MAX_CONTENT_CHARS) problems.push(problem('size-limits', '(flow)', `${chars} characters, at most ${MAX_CONTENT_CHARS}`));
    return problems;
  },
};
