import { policyDocument, type PolicyDocument, type PolicyStatement } from './policy-document';

const isUser = (arn: string) => /^arn:[^:]+:iam::\d{12}:user\//.test(arn);

/**
 * Who may assume a role the bootstrap stack creates for people (key administrator, operator): the
 * configured identities; IAM users only with MFA. `aws:MultiFactorAuthPresent` is absent from requests
 * signed with long-term access keys, so the Allow uses `Bool` (absent = no match) and the Deny
 * `BoolIfExists` (absent = denied); the Deny also covers IAM users of a trusted account (`…:root`), which
 * the account's own policies would otherwise let in without MFA. See the IAM user guide,
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_configure-api-require.html and
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-multifactorauthpresent
 * (aws:PrincipalType is `User` for an IAM user: #condition-keys-principaltype on the same page).
 */
export function bootstrapRoleTrustPolicy(trustedBy: readonly string[]): PolicyDocument {
  const users = trustedBy.filter(isUser);
  const others = trustedBy.filter((arn) => !isUser(arn));
  const statements: PolicyStatement[] = [];
  if (others.length > 0) {
    statements.push({ Sid: 'TrustedRolesAndAccounts', Effect: 'Allow', Principal: { AWS: others }, Action: 'sts:AssumeRole' });
  }
  if (users.length > 0) {
    statements.push({
      Sid: 'TrustedUsersWithMfa', Effect: 'Allow', Principal: { AWS: users }, Action: 'sts:AssumeRole',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } },
    });
  }
  statements.push({
    Sid: 'NoIamUserWithoutMfa', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:PrincipalType': 'User' }, BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
  });
  return policyDocument(...statements);
}

/**
 * The key administrator's own policy: only finding keys. What it may do to this project's key comes from
 * the key policy, which names the role (a key policy alone grants a principal of the key's account).
 */
export const keyAdministratorPolicy = (): PolicyDocument =>
  policyDocument({ Sid: 'FindKeys', Effect: 'Allow', Action: ['kms:ListKeys', 'kms:ListAliases'], Resource: '*' });
