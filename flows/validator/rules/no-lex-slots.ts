import { problem, type FlowRule } from '../rule';

// Slots hold what the caller said; the flow reads only the ciphertext in the session attributes.
export const noLexSlotsRule: FlowRule = {
  name: 'no-lex-slots',
  check: (flow) => flow.Actions
    .filter((a) => /\$\.Lex\.Slots/i.test(JSON.stringify(a)))
    .map((a) => problem('no-lex-slots', a.Identifier, 'reads $.Lex.Slots (plaintext)')),
};
