import { asList, policyStatements, type PolicyRule } from '../rule';

export const noWildcardActions: PolicyRule = {
  name: 'no-wildcard-actions',
  why: 'every Allow names its actions, so a policy grants nothing nobody read',
  check: (stack) =>
    policyStatements(stack)
      .filter(({ statement }) => statement.Effect === 'Allow' && asList(statement.Action).some((a) => a.includes('*')))
      .map(({ address, statement }) => ({
        rule: 'no-wildcard-actions',
        address,
        message: `statement ${statement.Sid ?? '(no Sid)'} allows a wildcard action`,
      })),
};
