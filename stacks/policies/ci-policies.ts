import type { EnvironmentConfig } from '../../environments';
import { stateKey } from '../../environments';
import { bootstrapRoles, smokeRoleArn } from '../../environments/principals';
import { bootstrapStateKey, connectLogGroupName, decryptAuditLogGroupName, invokeTrailArn, invokeTrailBucketName, permissionsBoundaryArn, projectFunctionsArn } from '../naming';
import { instanceTarget } from '../../environments/connect-target';
import { PROJECT } from '../../environments/project';
import { contactCenterReads, contactCenterWrites } from './connect-ci-policies';
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

// Here rather than in bootstrap-stack.ts (which re-exports them) so that the plan role's policy can name the
// bootstrap state without an import circle. Environment names have no hyphen, so this key can never be an
// environment stack's `<prefix>/<env>/...`, and the deploy role's state rights (that folder only) never reach it.
/** Every name the environment stack gives its roles, functions, log groups and key alias starts so. */
const projectNamed = (env: EnvironmentConfig) => `${env.prefix}-${env.name}-`;
/**
 * The stack's log groups: its functions', Decrypt's audit group and, for an instance it creates, the one
 * Connect's flow logs go to (that group only, not /aws/connect/*). An existing instance's group is not the stack's.
 */
const projectLogGroups = (env: EnvironmentConfig) => {
  const arn = (name: string) => `arn:aws:logs:${env.region}:${env.account}:log-group:${name}`;
  const instance = instanceTarget(env);
  const flowLogs = instance.kind === 'create' ? [arn(connectLogGroupName(instance.alias)), arn(`${connectLogGroupName(instance.alias)}:*`)] : [];
  return [arn(`/aws/lambda/${projectNamed(env)}*`), arn(decryptAuditLogGroupName(env)), arn(`${decryptAuditLogGroupName(env)}:*`), ...flowLogs];
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
    { Sid: 'ReadProjectFunctions', Effect: 'Allow', Action: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:GetFunctionCodeSigningConfig', 'lambda:GetFunctionConcurrency', 'lambda:GetPolicy', 'lambda:ListVersionsByFunction', 'lambda:ListTags'], Resource: projectFunctionsArn(env) },
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
    ...contactCenterReads(env),
    // Decrypt's smoke alias and the Decrypt invoke trail (below).
    ...decryptAuditReads(env),
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
 * The plan role: the state (plans run with -lock=false) and the stack's resource reads, for the environment
 * stack and for the bootstrap stack of its account (which names the deploy role's managed policies: their
 * names come from deploy-policy-parts.ts, which packs this file's deployPolicy). Not AWS's
 * ReadOnlyAccess: any branch pushed to this repository can run its own workflow as a pull request and so
 * act as this role, and ReadOnlyAccess would let it read every S3 object, log event and Lex utterance
 * statistic (where spoken digits may appear) in the account.
 */
export function planReadPolicy(env: EnvironmentConfig, deployPolicyNames: readonly string[]): PolicyDocument {
  return policyDocument(
    { Sid: 'ListState', Effect: 'Allow', Action: ['s3:ListBucket'], Resource: bucketArn(env) },
    { Sid: 'ReadState', Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${bucketArn(env)}/${stateKey(env)}` },
    reassumeItself(env.planRoleArn),
    ...resourceReads(env),
    ...bootstrapReads(env, deployPolicyNames),
  );
}

/**
 * What a refresh of the bootstrap stack reads, so that its plan runs in pull requests and the daily drift
 * check as the plan role (the bootstrap provider assumes no role: it uses the job's own session, the plan
 * role's). Named resources only: this account's state bucket and the bootstrap state object, the roles,
 * the boundary policy and the OIDC provider that the bootstrap stack creates. The calls, from
 * hashicorp/terraform-provider-aws internal/service/s3/bucket.go (resourceBucketRead: HeadBucket = ListBucket,
 * GetBucketPolicy, -Acl, -Cors, -Website, -Versioning, -AccelerateConfiguration, -RequestPayment, -Logging,
 * -LifecycleConfiguration, -Replication, -Encryption, GetObjectLockConfiguration, the bucket's region and tags),
 * the separate bucket resources (ownership controls, public access block), iam/policy.go (GetPolicy,
 * GetPolicyVersion; tags: ListPolicyTags), iam/openid_connect_provider.go (GetOpenIDConnectProvider) and,
 * for roles, the same reads as ReadProjectRoles. Read from the provider's source at a 4.x/5.x commit, not
 * 6.25.0, and not against an account: an AccessDenied in a bootstrap plan names the action to add here.
 */
/** A bucket's configuration reads (a refresh of aws_s3_bucket and its separate resources, listed above), not its objects. */
const BUCKET_CONFIGURATION_READS = [
  's3:GetAccelerateConfiguration', 's3:GetBucketAcl', 's3:GetBucketCORS', 's3:GetBucketLocation', 's3:GetBucketLogging',
  's3:GetBucketObjectLockConfiguration', 's3:GetBucketOwnershipControls', 's3:GetBucketPolicy', 's3:GetBucketPublicAccessBlock',
  's3:GetBucketRequestPayment', 's3:GetBucketTagging', 's3:GetBucketVersioning', 's3:GetBucketWebsite', 's3:GetEncryptionConfiguration',
  's3:GetLifecycleConfiguration', 's3:GetReplicationConfiguration',
];

function bootstrapReads(env: EnvironmentConfig, deployPolicyNames: readonly string[]): PolicyStatement[] {
  const roles = [env.planRoleArn, env.deployRoleArn, smokeRoleArn(env), ...bootstrapRoles(env).map((r) => r.arn)];
  return [
    { Sid: 'ReadBootstrapState', Effect: 'Allow', Action: ['s3:GetObject'], Resource: `${bucketArn(env)}/${bootstrapStateKey(env)}` },
    {
      Sid: 'ReadStateBucketConfiguration', Effect: 'Allow',
      Action: BUCKET_CONFIGURATION_READS,
      Resource: bucketArn(env),
    },
    { Sid: 'ReadBootstrapRoles', Effect: 'Allow', Action: ['iam:GetRole', 'iam:GetRolePolicy', 'iam:ListRolePolicies', 'iam:ListAttachedRolePolicies', 'iam:ListRoleTags'], Resource: roles },
    // The boundary and the deploy role's managed policies (deploy-policy-parts.ts), by name.
    { Sid: 'ReadBootstrapPolicies', Effect: 'Allow', Action: ['iam:GetPolicy', 'iam:GetPolicyVersion', 'iam:ListPolicyTags'], Resource: [permissionsBoundaryArn(env), ...deployPolicyNames.map((name) => `arn:aws:iam::${env.account}:policy/${name}`)] },
    // Not managed by the bootstrap stack when the account's existing provider is used: nothing to read.
    ...(env.bootstrap?.useExistingGithubOidcProvider ? [] : [{ Sid: 'ReadGithubOidcProvider', Effect: 'Allow' as const, Action: ['iam:GetOpenIDConnectProvider'], Resource: githubOidcProviderArn(env.account) }]),
  ];
}

/**
 * The deploy role: what the plan reads, plus what `terraform apply` and `destroy` of the environment stack
 * write, scoped to this project's names where the service allows it. Lex, Cloud Control and a Connect
 * instance the stack creates have no useful resource-level scoping for create.
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
    { Sid: 'Functions', Effect: 'Allow', Action: ['lambda:CreateFunction', 'lambda:DeleteFunction', 'lambda:PutFunctionConcurrency', 'lambda:DeleteFunctionConcurrency', 'lambda:UpdateFunctionCode', 'lambda:UpdateFunctionConfiguration', 'lambda:AddPermission', 'lambda:RemovePermission', 'lambda:TagResource', 'lambda:UntagResource'], Resource: projectFunctionsArn(env) },
    ...monitoringWrites(env),
    { Sid: 'LogGroups', Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy', 'logs:TagResource', 'logs:UntagResource'], Resource: projectLogGroups(env) },
    // Cloud Control's IAM prefix is `cloudformation`: these are its resource calls, not CloudFormation stacks.
    { Sid: 'CloudControl', Effect: 'Allow', Action: ['cloudformation:CreateResource', 'cloudformation:UpdateResource', 'cloudformation:DeleteResource', 'cloudformation:GetResourceRequestStatus'], Resource: '*' },
    // The bot and Connect: every instance when the stack creates it, that instance only when it is an existing one
    // (connect-ci-policies.ts).
    ...contactCenterWrites(env),
    // Decrypt's smoke alias and the trail of who invoked Decrypt.
    ...decryptAuditWrites(env),
    // What the CloudFormation handlers of the stack's types list beyond the above, and the denies that keep
    // the role from becoming the roles it creates (each in its own file).
    ...deployHandlerPermissions(env),
    ...deployRoleGuards(env),
  );
}

// ---- Decrypt's smoke alias and the trail of who invoked Decrypt (issue 18) ------------------------------

/**
 * What refreshing Decrypt's alias and the invoke trail reads: lambda:GetAlias (terraform-provider-aws
 * internal/service/lambda/alias.go); cloudtrail:DescribeTrails (no resource type: `*`), GetTrailStatus,
 * GetEventSelectors, GetInsightSelectors and ListTags on the trail (internal/service/cloudtrail/trail.go); the
 * bucket's configuration (s3:ListBucket is HeadBucket), never its objects. Both CI roles hold it.
 */
function decryptAuditReads(env: EnvironmentConfig): PolicyStatement[] {
  return [
    { Sid: 'ReadDecryptAliases', Effect: 'Allow', Action: ['lambda:GetAlias'], Resource: projectFunctionsArn(env) },
    { Sid: 'DescribeTrails', Effect: 'Allow', Action: ['cloudtrail:DescribeTrails'], Resource: '*' },
    { Sid: 'ReadInvokeTrail', Effect: 'Allow', Action: ['cloudtrail:GetTrailStatus', 'cloudtrail:GetEventSelectors', 'cloudtrail:GetInsightSelectors', 'cloudtrail:ListTags'], Resource: invokeTrailArn(env) },
    { Sid: 'ReadInvokeTrailBucketConfiguration', Effect: 'Allow', Action: ['s3:ListBucket', ...BUCKET_CONFIGURATION_READS], Resource: `arn:aws:s3:::${invokeTrailBucketName(env)}` },
  ];
}

/**
 * What applying and destroying them writes, for the deploy role: publishing Decrypt's versions and its alias
 * (PublishVersion, CreateAlias, UpdateAlias, DeleteAlias act on the function: Lambda developer guide, "Resources
 * and conditions for Lambda actions"); the trail by its name (CreateTrail, then StartLogging and PutEventSelectors,
 * UpdateTrail, DeleteTrail, tags: trail.go); the bucket's configuration by its name. Denied whatever else is
 * attached: stopping the trail, and reading or deleting its log files. The deploy role may create the record,
 * not read or silence it (its key lets only the auditors decrypt anyway).
 */
function decryptAuditWrites(env: EnvironmentConfig): PolicyStatement[] {
  const bucket = `arn:aws:s3:::${invokeTrailBucketName(env)}`;
  return [
    { Sid: 'PublishDecryptAndItsAlias', Effect: 'Allow', Action: ['lambda:PublishVersion', 'lambda:CreateAlias', 'lambda:UpdateAlias', 'lambda:DeleteAlias'], Resource: projectFunctionsArn(env) },
    { Sid: 'ManageInvokeTrail', Effect: 'Allow', Action: ['cloudtrail:CreateTrail', 'cloudtrail:UpdateTrail', 'cloudtrail:DeleteTrail', 'cloudtrail:StartLogging', 'cloudtrail:PutEventSelectors', 'cloudtrail:AddTags', 'cloudtrail:RemoveTags'], Resource: invokeTrailArn(env) },
    {
      Sid: 'ManageInvokeTrailBucket', Effect: 'Allow', Resource: bucket,
      Action: ['s3:CreateBucket', 's3:DeleteBucket', 's3:PutBucketPolicy', 's3:DeleteBucketPolicy', 's3:PutBucketVersioning', 's3:PutBucketPublicAccessBlock', 's3:PutBucketOwnershipControls', 's3:PutEncryptionConfiguration', 's3:PutLifecycleConfiguration', 's3:PutBucketTagging'],
    },
    { Sid: 'NeverStopTheInvokeTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging'], Resource: invokeTrailArn(env) },
    { Sid: 'NeverReadOrDeleteInvokeRecords', Effect: 'Deny', Action: ['s3:GetObject', 's3:GetObjectVersion', 's3:DeleteObject', 's3:DeleteObjectVersion', 's3:PutObject'], Resource: `${bucket}/*` },
  ];
}
