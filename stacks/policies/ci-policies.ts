import type { EnvironmentConfig } from '../../environments';
import { stateKey } from '../../environments';
import { connectLogGroupName, decryptAuditLogGroupName, permissionsBoundaryArn } from '../naming';
import { PROJECT } from '../../environments/project';
import { deployHandlerPermissions } from './deploy-handler-permissions';
import { deployRoleGuards } from './deploy-guards';
import { policyDocument, type PolicyDocument, type PolicyStatement } from './policy-document';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/**
 * The ARN of the account's GitHub OIDC provider: `oidc-provider/` and its URL without `https://`. An account
 * holds one provider per URL (CreateOpenIDConnectProvider fails with EntityAlreadyExists:
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateOpenIDConnectProvider.html).
 */
export const githubOidcProviderArn = (account: string) => `arn:aws:iam::${account}:oidc-provider/${GITHUB_OIDC_HOST}`;

/**
 * Who may assume a CI role: GitHub Actions of this repository only (`sub` names the repository and,
 * for deploys, the GitHub Environment), and the role itself, because Terraform's provider and backend
 * assume the configured role again from the credentials that role already gave them. The role cannot
 * name itself as principal before it exists, so the account is the principal, narrowed to the role, and
 * the role's own policy allows that one sts:AssumeRole (`reassumeItself`).
 */
export function ciTrustPolicy(props: { account: string; providerArn: string; subject: string | string[]; selfArn: string }): PolicyDocument {
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

/** The identity side of the role's trust in itself (see ciTrustPolicy). */
const reassumeItself = (roleArn: string): PolicyStatement =>
  ({ Sid: 'ReassumeItself', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: roleArn });

const bucketArn = (env: EnvironmentConfig) => `arn:aws:s3:::${env.state.bucket}`;
/** Every name the environment stack gives its roles, functions, log groups and key alias starts so. */
const projectNamed = (env: EnvironmentConfig) => `${env.prefix}-${env.name}-`;
/** The stack's log groups: its functions', Decrypt's audit group and the one Connect's flow logs go to (that group only, not /aws/connect/*). */
const projectLogGroups = (env: EnvironmentConfig) => {
  const arn = (name: string) => `arn:aws:logs:${env.region}:${env.account}:log-group:${name}`;
  return [arn(`/aws/lambda/${projectNamed(env)}*`), arn(decryptAuditLogGroupName(env)), arn(`${decryptAuditLogGroupName(env)}:*`), arn(connectLogGroupName(env)), arn(`${connectLogGroupName(env)}:*`)];
};

/**
 * What Terraform's refresh of the environment stack's resource types reads, and nothing else: each
 * action is a Describe/Get/List one of them calls. An AccessDenied in a plan names the one to add.
 */
function resourceReads(env: EnvironmentConfig): PolicyStatement[] {
  const { region, account: acct } = env;
  const named = projectNamed(env);
  return [
    { Sid: 'ReadKey', Effect: 'Allow', Action: ['kms:DescribeKey', 'kms:GetKeyPolicy', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags'], Resource: `arn:aws:kms:${region}:${acct}:key/*` },
    { Sid: 'ListAliases', Effect: 'Allow', Action: ['kms:ListAliases'], Resource: '*' },
    { Sid: 'ReadProjectRoles', Effect: 'Allow', Action: ['iam:GetRole', 'iam:GetRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies', 'iam:ListRoleTags'], Resource: `arn:aws:iam::${acct}:role/${named}*` },
    { Sid: 'ReadProjectFunctions', Effect: 'Allow', Action: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:GetFunctionCodeSigningConfig', 'lambda:GetFunctionConcurrency', 'lambda:GetPolicy', 'lambda:ListVersionsByFunction', 'lambda:ListTags'], Resource: `arn:aws:lambda:${region}:${acct}:function:${named}*` },
    { Sid: 'DescribeLogGroups', Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: '*' },
    { Sid: 'ReadProjectLogGroupTags', Effect: 'Allow', Action: ['logs:ListTagsForResource', 'logs:ListTagsLogGroup'], Resource: projectLogGroups(env) },
    // Lex, Connect and Cloud Control name their resources by generated ids. Read actions only: no utterances.
    { Sid: 'ReadBotThroughCloudControl', Effect: 'Allow', Action: ['cloudformation:GetResource', 'lex:DescribeBot', 'lex:DescribeBotAlias', 'lex:DescribeBotVersion', 'lex:DescribeBotLocale', 'lex:ListBotLocales', 'lex:ListTagsForResource'], Resource: '*' },
    // Monitoring: the refresh of aws_sns_topic (GetTopicAttributes, tags), aws_sns_topic_subscription
    // (GetSubscriptionAttributes), aws_cloudwatch_metric_alarm (DescribeAlarms, tags), aws_cloudwatch_dashboard
    // (GetDashboard), aws_cloudwatch_log_metric_filter (DescribeMetricFilters) and aws_scheduler_schedule
    // (GetSchedule): hashicorp/terraform-provider-aws internal/service/{sns/topic.go,sns/topic_subscription.go,
    // cloudwatch/metric_alarm.go,cloudwatch/dashboard.go,logs/metric_filter.go,scheduler/schedule.go}.
    ...monitoringReads(env),
    { Sid: 'ReadContactCenter', Effect: 'Allow', Action: ['connect:DescribeInstance', 'connect:DescribeInstanceAttribute', 'connect:ListInstanceAttributes', 'connect:DescribeContactFlow', 'connect:DescribePhoneNumber', 'connect:ListFlowAssociations', 'connect:ListIntegrationAssociations', 'connect:ListBots', 'connect:ListLambdaFunctions', 'connect:ListTagsForResource', 'ds:DescribeDirectories'], Resource: '*' },
  ];
}

/** This environment's SNS topics (and their subscriptions: SNS authorizes those on the topic), alarms, dashboards and schedules. */
const monitoringArns = (env: EnvironmentConfig) => {
  const { region, account: acct } = env;
  const named = projectNamed(env);
  return {
    topics: `arn:aws:sns:${region}:${acct}:${named}*`,
    alarms: `arn:aws:cloudwatch:${region}:${acct}:alarm:${named}*`,
    // Dashboards are global: no region in their ARN.
    dashboards: `arn:aws:cloudwatch::${acct}:dashboard/${named}*`,
    schedules: `arn:aws:scheduler:${region}:${acct}:schedule/default/${named}*`,
  };
};

function monitoringReads(env: EnvironmentConfig): PolicyStatement[] {
  const arns = monitoringArns(env);
  return [
    { Sid: 'ReadProjectTopics', Effect: 'Allow', Action: ['sns:GetTopicAttributes', 'sns:ListTagsForResource', 'sns:GetSubscriptionAttributes'], Resource: arns.topics },
    { Sid: 'ReadProjectAlarms', Effect: 'Allow', Action: ['cloudwatch:DescribeAlarms', 'cloudwatch:ListTagsForResource'], Resource: arns.alarms },
    { Sid: 'ReadProjectDashboards', Effect: 'Allow', Action: ['cloudwatch:GetDashboard'], Resource: arns.dashboards },
    { Sid: 'ReadProjectMetricFilters', Effect: 'Allow', Action: ['logs:DescribeMetricFilters'], Resource: projectLogGroups(env) },
    { Sid: 'ReadProjectSchedules', Effect: 'Allow', Action: ['scheduler:GetSchedule'], Resource: arns.schedules },
  ];
}

/** What apply and destroy of the monitoring construct write (the topic key is a project key: KeyManagement). */
function monitoringWrites(env: EnvironmentConfig): PolicyStatement[] {
  const arns = monitoringArns(env);
  return [
    { Sid: 'ProjectTopics', Effect: 'Allow', Action: ['sns:CreateTopic', 'sns:DeleteTopic', 'sns:SetTopicAttributes', 'sns:TagResource', 'sns:UntagResource', 'sns:Subscribe', 'sns:Unsubscribe', 'sns:SetSubscriptionAttributes'], Resource: arns.topics },
    { Sid: 'ProjectAlarms', Effect: 'Allow', Action: ['cloudwatch:PutMetricAlarm', 'cloudwatch:DeleteAlarms', 'cloudwatch:TagResource', 'cloudwatch:UntagResource'], Resource: arns.alarms },
    { Sid: 'ProjectDashboards', Effect: 'Allow', Action: ['cloudwatch:PutDashboard', 'cloudwatch:DeleteDashboards'], Resource: arns.dashboards },
    { Sid: 'ProjectMetricFilters', Effect: 'Allow', Action: ['logs:PutMetricFilter', 'logs:DeleteMetricFilter'], Resource: projectLogGroups(env) },
    // aws_scheduler_schedule takes no tags (scheduler:TagResource is for schedule groups only). The target's
    // role is passed with iam:PassRole: ProjectRoles covers it (a <prefix>-<env>- role).
    { Sid: 'ProjectSchedules', Effect: 'Allow', Action: ['scheduler:CreateSchedule', 'scheduler:UpdateSchedule', 'scheduler:DeleteSchedule'], Resource: arns.schedules },
  ];
}

/**
 * The plan role: the state (plans run with -lock=false) and the stack's resource reads. Not AWS's
 * ReadOnlyAccess: any branch pushed to this repository can run its own workflow as a pull request and so
 * act as this role, and ReadOnlyAccess would let it read every S3 object, log event and Lex utterance
 * statistic (where spoken digits may appear) in the account.
 */
export function planReadPolicy(env: EnvironmentConfig): PolicyDocument {
  return policyDocument(
    { Sid: 'ListState', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: bucketArn(env) },
    { Sid: 'ReadState', Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${bucketArn(env)}/${stateKey(env)}` },
    reassumeItself(env.planRoleArn),
    ...resourceReads(env),
  );
}

/**
 * The deploy role: what the plan reads, plus what `terraform apply` and `destroy` of the environment stack
 * write, scoped to this project's names where the service allows it. Lex, Connect and Cloud Control have
 * no useful resource-level scoping for create.
 */
export function deployPolicy(env: EnvironmentConfig): PolicyDocument {
  const { region, account: acct } = env;
  const named = projectNamed(env);
  const connectRole = `arn:aws:iam::${acct}:role/aws-service-role/connect.amazonaws.com/*`;
  const boundary = permissionsBoundaryArn(env);
  return policyDocument(
    { Sid: 'ListState', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: bucketArn(env) },
    // The state and its lock file; never the bootstrap stack's state (another folder).
    { Sid: 'StateObjects', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'], Resource: `${bucketArn(env)}/${env.prefix}/${env.name}/*` },
    reassumeItself(env.deployRoleArn),
    ...resourceReads(env),
    // A role, and any permission it is given, only with the boundary on it: whatever the deploy role writes
    // into a role's policy, the role can never do more than the boundary allows. iam:PermissionsBoundary
    // (IAM User Guide, "IAM and AWS STS condition context keys", and the "Delegating responsibility to
    // others using permissions boundaries" example of access_policies_boundaries.html).
    { Sid: 'ProjectRolesWithBoundary', Effect: 'Allow', Action: ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy', 'iam:PutRolePermissionsBoundary'], Resource: `arn:aws:iam::${acct}:role/${named}*`, Condition: { StringEquals: { 'iam:PermissionsBoundary': boundary } } },
    { Sid: 'ProjectRoles', Effect: 'Allow', Action: ['iam:DeleteRole', 'iam:UpdateRole', 'iam:UpdateAssumeRolePolicy', 'iam:TagRole', 'iam:UntagRole', 'iam:ListInstanceProfilesForRole', 'iam:PassRole'], Resource: `arn:aws:iam::${acct}:role/${named}*` },
    // Explicit, so no other policy given to this role can undo it: the boundary stays on and stays as the
    // bootstrap stack wrote it.
    { Sid: 'BoundaryStaysOn', Effect: 'Deny', Action: ['iam:DeleteRolePermissionsBoundary'], Resource: '*' },
    { Sid: 'BoundaryStaysAsWritten', Effect: 'Deny', Action: ['iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:DeletePolicyVersion', 'iam:SetDefaultPolicyVersion', 'iam:TagPolicy', 'iam:UntagPolicy'], Resource: boundary },
    // Connect creates its service-linked role with the instance and extends it when a bot is associated.
    { Sid: 'ConnectServiceLinkedRole', Effect: 'Allow', Action: ['iam:CreateServiceLinkedRole'], Resource: connectRole, Condition: { StringEquals: { 'iam:AWSServiceName': 'connect.amazonaws.com' } } },
    { Sid: 'ConnectServiceLinkedRolePolicies', Effect: 'Allow', Action: ['iam:GetRole', 'iam:GetRolePolicy', 'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy'], Resource: connectRole },
    // This project's keys only, by tag (KMS developer guide, "ABAC for AWS KMS" and "Use tags to control
    // access to KMS keys": aws:RequestTag on CreateKey, aws:ResourceTag on the key). The provider's default
    // tags put project on the CreateKey request; tagging on create needs kms:TagResource that is not limited
    // to particular keys ("Managing KMS key tags with API operations"), hence TagNewProjectKeys.
    { Sid: 'CreateProjectKey', Effect: 'Allow', Action: ['kms:CreateKey'], Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/project': PROJECT } } },
    { Sid: 'TagNewProjectKeys', Effect: 'Allow', Action: ['kms:TagResource'], Resource: `arn:aws:kms:${region}:${acct}:key/*`, Condition: { StringEquals: { 'aws:RequestTag/project': PROJECT } } },
    { Sid: 'KeyManagement', Effect: 'Allow', Action: ['kms:PutKeyPolicy', 'kms:EnableKeyRotation', 'kms:TagResource', 'kms:UntagResource', 'kms:UpdateKeyDescription', 'kms:ScheduleKeyDeletion', 'kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'], Resource: `arn:aws:kms:${region}:${acct}:key/*`, Condition: { StringEquals: { 'aws:ResourceTag/project': PROJECT } } },
    // An alias has no tags: this project's alias names ("ABAC for AWS KMS": an alias in Resource means the alias).
    { Sid: 'ProjectAliases', Effect: 'Allow', Action: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'], Resource: `arn:aws:kms:${region}:${acct}:alias/${named}*` },
    // Never retag another project's key into this one.
    { Sid: 'OtherProjectsKeysStayTheirs', Effect: 'Deny', Action: ['kms:TagResource', 'kms:UntagResource'], Resource: '*', Condition: { StringNotEquals: { 'aws:ResourceTag/project': PROJECT }, Null: { 'aws:ResourceTag/project': 'false' } } },
    { Sid: 'Functions', Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:DeleteFunction', 'lambda:PutFunctionConcurrency', 'lambda:DeleteFunctionConcurrency', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:AddPermission', 'lambda:RemovePermission', 'lambda:TagResource', 'lambda:UntagResource'], Resource: `arn:aws:lambda:${region}:${acct}:function:${named}*` },
    ...monitoringWrites(env),
    { Sid: 'LogGroups', Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy', 'logs:TagResource', 'logs:UntagResource'], Resource: projectLogGroups(env) },
    // Cloud Control's IAM prefix is `cloudformation`: these are its resource calls, not CloudFormation stacks.
    { Sid: 'CloudControl', Effect: 'Allow', Action: ['cloudformation:CreateResource', 'cloudformation:UpdateResource', 'cloudformation:DeleteResource', 'cloudformation:GetResourceRequestStatus'], Resource: '*' },
    { Sid: 'BotAndContactCenter', Effect: 'Allow', Action: ['lex:*', 'connect:*', 'ds:CheckAlias', 'ds:CreateAlias', 'ds:AuthorizeApplication', 'ds:UnauthorizeApplication', 'ds:CreateIdentityPoolDirectory', 'ds:DeleteDirectory'], Resource: '*' },
    // What the CloudFormation handlers of the stack's types list beyond the above, and the denies that keep
    // the role from becoming the roles it creates (each in its own file).
    ...deployHandlerPermissions(env),
    ...deployRoleGuards(env),
  );
}
