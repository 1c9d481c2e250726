import { problem, type FlowRule } from '../rule';

// Characters Connect refuses in an action identifier.
const FORBIDDEN = /[%:()\\/=$,;[\]{}]/;

export const identifiersRule: FlowRule = {
  name: 'identifiers',
  check: (flow) => {
    const seen = new Set<string>();
    const problems = [];
    for (const { Identifier } of flow.Actions) {
      if (typeof Identifier !== 'string' || Identifier.length === 0) problems.push(problem('identifiers', String(Identifier), 'identifier must be a non-empty string'));
      else if (FORBIDDEN.test(Identifier)) problems.push(problem('identifiers', Identifier, 'identifier contains a forbidden character (% : ( \\ / ) = $ , ; [ ] { })'));
      if (seen.has(Identifier)) problems.push(problem('identifiers', Identifier, 'identifier is used twice'));
      seen.add(Identifier);
    }
    return problems;
  },
};
