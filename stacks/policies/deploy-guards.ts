import type { EnvironmentConfig } from '../../environments';
import { decryptPrincipalArns, operatorPrincipalArns, smokeRoleArn } from '../../environments/principals';
import { decryptFunctionArn, functionName, lambdaFunctionArn, projectFunctionsArn, resourceName } from '../naming';
import { LEX_SERVICE_PRINCIPAL } from './lex-policies';
import type { PolicyStatement } from './policy-document';

/** The managed policies that hold the deploy role's statements (created by the bootstrap stack). */
export const deployPolicyNamePrefix = (env: Pick<EnvironmentConfig, 'prefix' | 'name'>): string => resourceName(env, 'deploy-');

/**
 * What keeps the deploy role from obtaining the rights of the roles it creates outside a reviewed change
 * (issue 16): it holds every right to write those roles, and a trust policy is not limited by the
 * permissions boundary, so without these it could rewrite the Decrypt role's trust to name itself and then
 * use that role's kms:Decrypt.
 * - No trust rewrite and no assuming: every role the environment stack creates is named `<prefix>-<env>-*`
 *   and all of them hold data rights (Encrypt, Decrypt, Lex, the utterance deleter and its schedule). A
 *   role created anew with a trust naming the deploy role cannot be assumed either.
 * - No invoke right for anyone but the configured principals: Decrypt only for the operators (decryptPrincipals
 *   and the bootstrap operator role), its aliases and versions only for the smoke role, Encrypt (and its
 *   qualifiers) only for Lex, any other project function for those only.
 *   `lambda:Principal` is AddPermission's condition key (Service Authorization Reference, AWS Lambda).
 * - Its own managed policies stay as the bootstrap stack wrote them.
 * Explicit denies: no other policy attached to the role can undo them (IAM policy evaluation logic).
 * What remains (shipping code through CI, the key policy) is in docs/operators-decrypt.md.
 */
export function deployRoleGuards(env: EnvironmentConfig): PolicyStatement[] {
  const { account: acct } = env;
  const named = resourceName(env, '');
  const fn = (name: string) => lambdaFunctionArn(env, name);
  const operators = decryptPrincipalArns(env);
  return [
    { Sid: 'NoTrustRewriteOfProjectRoles', Effect: 'Deny', Action: ['iam:UpdateAssumeRolePolicy'], Resource: `arn:aws:iam::${acct}:role/${named}*` },
    { Sid: 'NoAssumingProjectRoles', Effect: 'Deny', Action: ['sts:AssumeRole'], Resource: `arn:aws:iam::${acct}:role/${named}*` },
    // Lambda authorizes AddPermission with a Qualifier on the qualified ARN, which an unqualified Resource does
    // not match ("Resources and conditions for Lambda actions": a policy naming the unqualified ARN "denies
    // requests that reference a qualified ARN"): each guard names the function and its aliases and versions.
    { Sid: 'DecryptInvokableOnlyByOperators', Effect: 'Deny', Action: ['lambda:AddPermission'], Resource: decryptFunctionArn(env), Condition: { StringNotEquals: { 'lambda:Principal': operatorPrincipalArns(env) } } },
    { Sid: 'DecryptQualifiersInvokableOnlyBySmoke', Effect: 'Deny', Action: ['lambda:AddPermission'], Resource: fn(`${functionName(env, 'decrypt')}:*`), Condition: { StringNotEquals: { 'lambda:Principal': smokeRoleArn(env) } } },
    { Sid: 'EncryptInvokableOnlyByLex', Effect: 'Deny', Action: ['lambda:AddPermission'], Resource: [fn(functionName(env, 'encrypt')), fn(`${functionName(env, 'encrypt')}:*`)], Condition: { StringNotEquals: { 'lambda:Principal': LEX_SERVICE_PRINCIPAL } } },
    { Sid: 'ProjectFunctionsInvokableOnlyByConfigured', Effect: 'Deny', Action: ['lambda:AddPermission'], Resource: projectFunctionsArn(env), Condition: { StringNotEquals: { 'lambda:Principal': [LEX_SERVICE_PRINCIPAL, ...operators] } } },
    {
      Sid: 'DeployPoliciesStayAsWritten', Effect: 'Deny', Resource: `arn:aws:iam::${acct}:policy/${deployPolicyNamePrefix(env)}*`,
      Action: ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:TagPolicy', 'iam:UntagPolicy'],
    },
  ];
}
