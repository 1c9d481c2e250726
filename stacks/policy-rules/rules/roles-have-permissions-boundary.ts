import { resourcesOf, type PolicyRule } from '../rule';

const MANAGED_POLICY_ARN = /^arn:aws[a-z-]*:iam::\d{12}:policy\/[\w+=,.@/-]+$/;

/**
 * Every role the environment stack creates carries a managed policy as its permissions boundary, so what
 * the deploy role writes into a role can never exceed it (the deploy role may create roles only with it).
 */
export const rolesHavePermissionsBoundary: PolicyRule = {
  name: 'roles-have-permissions-boundary',
  why: 'a role the deploy role creates can never do more than the account\'s boundary allows',
  check: (stack) =>
    resourcesOf(stack, 'aws_iam_role')
      .filter(({ body }) => !MANAGED_POLICY_ARN.test(String(body.permissions_boundary ?? '')))
      .map(({ address }) => ({ rule: 'roles-have-permissions-boundary', address, message: 'role without a managed-policy permissions boundary' })),
};
