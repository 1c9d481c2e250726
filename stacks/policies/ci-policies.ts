import type { EnvironmentConfig } from '../../environments';
import { stateKey } from '../../environments';
import { policyDocument, type PolicyDocument, type PolicyStatement } from './policy-document';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/**
 * Who may assume a CI role: GitHub Actions of this repository only (`sub` names the repository and,
 * for deploys, the GitHub Environment), and the role itself, because Terraform's provider and backend
 * assume the configured role again from the credentials that role already gave them.
 */
export function ciTrustPolicy(props: { account: string; providerArn: string; subject: string; selfArn: string }): PolicyDocument {
  return policyDocument(
    {
      Sid: 'GitHubActionsOfThisRepository', Effect: 'Allow', Principal: { Federated: props.providerArn }, Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC_HOST}:sub`]: props.subject } },
    },
    {
      Sid: 'TerraformReassumesThisRole', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${props.account}:root` }, Action: 'sts:AssumeRole',
      Condition: { ArnEquals: { 'aws:PrincipalArn': props.selfArn } },
    },
  );
}

const bucketArn = (env: EnvironmentConfig) => `arn:aws:s3:::${env.state.bucket}`;

/** The plan role reads the state (plans run with -lock=false) on top of AWS's ReadOnlyAccess. */
export function planStatePolicy(env: EnvironmentConfig): PolicyDocument {
  return policyDocument(
    { Sid: 'ListState', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: bucketArn(env) },
    { Sid: 'ReadState', Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${bucketArn(env)}/${stateKey(env)}` },
  );
}

/**
 * What `terraform apply` of the environment stack needs, scoped to this project's names where the
 * service allows it. Lex, Connect and Cloud Control have no useful resource-level scoping for create.
 */
export function deployPolicy(env: EnvironmentConfig): PolicyDocument {
  const acct = env.account;
  const named = `${env.prefix}-${env.name}-`;
  const statements: PolicyStatement[] = [
    { Sid: 'State', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: bucketArn(env) },
    { Sid: 'StateObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: `${bucketArn(env)}/${env.prefix}/${env.name}/*` },
    { Sid: 'ProjectRoles', Effect: 'Allow', Action: ['iam:CreateRole', 'iam:DeleteRole', 'iam:GetRole', 'iam:UpdateRole', 'iam:UpdateAssumeRolePolicy', 'iam:TagRole', 'iam:UntagRole', 'iam:PutRolePolicy', 'iam:GetRolePolicy', 'iam:DeleteRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies', 'iam:ListInstanceProfilesForRole', 'iam:PassRole'], Resource: `arn:aws:iam::${acct}:role/${named}*` },
    { Sid: 'ServiceLinkedRoles', Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole'], Resource: `arn:aws:iam::${acct}:role/aws-service-role/*` },
    { Sid: 'Key', Effect: 'Allow', Action: ['kms:CreateKey', 'kms:ListAliases', 'kms:ListKeys'], Resource: '*' },
    { Sid: 'KeyManagement', Effect: 'Allow', Action: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:PutKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:EnableKeyRotation', 'kms:ListResourceTags', 'kms:TagResource', 'kms:UntagResource', 'kms:UpdateKeyDescription', 'kms:ScheduleKeyDeletion', 'kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'], Resource: [`arn:aws:kms:${env.region}:${acct}:key/*`, `arn:aws:kms:${env.region}:${acct}:alias/${env.prefix}-${env.name}-*`] },
    { Sid: 'Functions', Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:DeleteFunction', 'lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:GetFunctionCodeSigningConfig', 'lambda:GetFunctionConcurrency', 'lambda:PutFunctionConcurrency', 'lambda:DeleteFunctionConcurrency', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:ListVersionsByFunction', 'lambda:AddPermission', 'lambda:RemovePermission', 'lambda:GetPolicy', 'lambda:TagResource', 'lambda:UntagResource', 'lambda:ListTags'], Resource: `arn:aws:lambda:${env.region}:${acct}:function:${named}*` },
    { Sid: 'LogGroups', Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy', 'logs:TagResource', 'logs:UntagResource', 'logs:ListTagsForResource'], Resource: `arn:aws:logs:${env.region}:${acct}:log-group:/aws/lambda/${named}*` },
    { Sid: 'DescribeLogGroups', Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: '*' },
    { Sid: 'BotAndContactCenter', Effect: 'Allow', Action: ['lex:*', 'connect:*', 'cloudformation:*', 'cloudcontrol:*', 'ds:CheckAlias', 'ds:CreateAlias', 'ds:DescribeDirectories', 'ds:AuthorizeApplication', 'ds:UnauthorizeApplication', 'ds:CreateIdentityPoolDirectory', 'ds:DeleteDirectory'], Resource: '*' },
  ];
  return policyDocument(...statements);
}
