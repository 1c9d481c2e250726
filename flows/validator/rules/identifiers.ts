import { problem, type FlowProblem, type FlowRule } from '../rule';

// AWS: "A string that must be unique among all Actions within the same Flow. This Identifier can be up to
// 50 characters long ... The following characters are not allowed in the Identifier field: (% : ( \ / ) =
// $ , ; [ ] { }) ... The following strings are not allowed in the Identifier field: __proto__,
// constructor, __defineGetter__, __defineSetter__, toString, hasOwnProperty, isPrototypeOf,
// propertyIsEnumerable, toLocaleString, and valueOf."
// https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html (full text:
// c2hans/aws-docs@63cf41d661d66ec83c0b669091773802db5b9e31, docs/connect/latest/devguide/flow-language-actions.md).
const FORBIDDEN = /[%:()\\/=$,;[\]{}]/;
export const MAX_IDENTIFIER_LENGTH = 50;
export const RESERVED_IDENTIFIERS = [
  '__proto__', 'constructor', '__defineGetter__', '__defineSetter__', 'toString', 'hasOwnProperty', 'isPrototypeOf',
  'propertyIsEnumerable', 'toLocaleString', 'valueOf',
];

export const identifiersRule: FlowRule = {
  name: 'identifiers',
  check: (flow) => {
    const seen = new Set<string>();
    const problems: FlowProblem[] = [];
    for (const { Identifier } of flow.Actions) {
      const say = (message: string) => problems.push(problem('identifiers', String(Identifier).slice(0, 60), message));
      if (typeof Identifier !== 'string' || Identifier.length === 0) say('identifier must be a non-empty string');
      else {
        if (FORBIDDEN.test(Identifier)) say('identifier contains a forbidden character (% : ( \\ / ) = $ , ; [ ] { })');
        // "characters": counted as Unicode code points.
        if ([...Identifier].length > MAX_IDENTIFIER_LENGTH) say(`identifier is longer than ${MAX_IDENTIFIER_LENGTH} characters`);
        if (RESERVED_IDENTIFIERS.includes(Identifier)) say(`${Identifier} is not allowed as an identifier`);
      }
      if (seen.has(Identifier)) say('identifier is used twice');
      seen.add(Identifier);
    }
    return problems;
  },
};
