import type { EnvironmentConfig } from '../../environments';
import { deployPolicy } from './ci-policies';
import { deployPolicyNamePrefix } from './deploy-guards';
import { policyDocument, type PolicyDocument, type PolicyStatement } from './policy-document';

/**
 * IAM's limit on a customer managed policy: 6,144 characters, white space not counted (IAM User Guide, "IAM
 * and AWS STS quotas": "Managed policy size"). Inline policies of a role share 10,240 in all, which the
 * deploy role outgrew, so its statements are spread over managed policies (at most 10 attach to a role by
 * default: "Managed policies attached to an IAM role").
 */
export const MANAGED_POLICY_MAX_CHARS = 6_144;
export const MANAGED_POLICIES_PER_ROLE = 10;

/** How IAM counts a policy's size: its JSON without white space. */
export const policySize = (document: PolicyDocument): number => JSON.stringify(document).replace(/\s/g, '').length;

/** The statements in order, packed into as few documents as stay under `max`; a statement too big alone throws. */
export function packStatements(statements: readonly PolicyStatement[], max = MANAGED_POLICY_MAX_CHARS): PolicyDocument[] {
  const parts: PolicyStatement[][] = [];
  for (const statement of statements) {
    if (policySize(policyDocument(statement)) > max) throw new Error(`statement ${statement.Sid} alone is over ${max} characters`);
    const last = parts.at(-1);
    if (last && policySize(policyDocument(...last, statement)) <= max) last.push(statement);
    else parts.push([statement]);
  }
  return parts.map((s) => policyDocument(...s));
}

/** The deploy role's statements as the managed policies the bootstrap stack creates: `<prefix>-<env>-deploy-<n>`. */
export function deployPolicyParts(env: EnvironmentConfig): { name: string; document: PolicyDocument }[] {
  return packStatements(deployPolicy(env).Statement).map((document, i) => ({ name: `${deployPolicyNamePrefix(env)}${i + 1}`, document }));
}
