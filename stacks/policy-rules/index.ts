import { keyDataUseConditioned } from './rules/key-data-use-conditioned';
import { logGroupsHaveRetention } from './rules/log-groups-have-retention';
import { noImplicitLogGroups } from './rules/no-implicit-log-groups';
import { noWildcardActions } from './rules/no-wildcard-actions';
import { rolesHavePermissionsBoundary } from './rules/roles-have-permissions-boundary';
import { servicePermissionsScoped } from './rules/service-permissions-scoped';
import type { PolicyProblem, PolicyRule, TerraformJson } from './rule';

/** The rules every environment stack must pass; synthesis stops on any problem. */
export const POLICY_RULES: PolicyRule[] = [
  noWildcardActions, keyDataUseConditioned, logGroupsHaveRetention, noImplicitLogGroups, servicePermissionsScoped,
  rolesHavePermissionsBoundary,
];

export function checkPolicies(stack: TerraformJson, rules = POLICY_RULES): PolicyProblem[] {
  return rules.flatMap((rule) => rule.check(stack));
}

export type { PolicyProblem, PolicyRule, TerraformJson } from './rule';
