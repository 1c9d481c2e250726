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
  // A document's size is its frame plus its statements and the commas between them: summed, not re-serialized
  // for every statement added (the packing runs for every stack synthesized).
  const frame = policySize(policyDocument());
  const parts: { statements: PolicyStatement[]; size: number }[] = [];
  for (const statement of statements) {
    const own = policySize(policyDocument(statement)) - frame;
    if (frame + own > max) throw new Error(`statement ${statement.Sid} alone is over ${max} characters`);
    const last = parts.at(-1);
    if (last && last.size + 1 + own <= max) {
      last.statements.push(statement);
      last.size += 1 + own;
    } else parts.push({ statements: [statement], size: frame + own });
  }
  return parts.map((p) => policyDocument(...p.statements));
}

/** The deploy role's statements as the managed policies the bootstrap stack creates: `<prefix>-<env>-deploy-<n>`. */
export function deployPolicyParts(env: EnvironmentConfig): { name: string; document: PolicyDocument }[] {
  return namedDeployPolicies(env, packStatements(deployPolicy(env).Statement));
}

/** Names the parts, refusing more than one role can have attached (its only managed policies are these). */
export function namedDeployPolicies(env: Pick<EnvironmentConfig, 'prefix' | 'name'>, documents: PolicyDocument[]): { name: string; document: PolicyDocument }[] {
  if (documents.length > MANAGED_POLICIES_PER_ROLE) {
    throw new Error(`the deploy role of ${env.name} would need ${documents.length} managed policies; a role takes at most ${MANAGED_POLICIES_PER_ROLE}`);
  }
  return documents.map((document, i) => ({ name: `${deployPolicyNamePrefix(env)}${i + 1}`, document }));
}
