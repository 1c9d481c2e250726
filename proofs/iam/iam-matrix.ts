import { PROJECT } from '../../environments/project';
import { decryptPrincipalArns, smokeRoleArn } from '../../environments/principals';
import { FOREIGN_ACCOUNT, type IamWorld, type ResourceName } from './iam-world';
import type { MatrixRow } from './simulate';

const ALLOW = 'Allowed' as const;
const DENY = 'Denied' as const;
const ours = (w: IamWorld) => w.context();
const otherEnvironment = (w: IamWorld) => w.context({ 'kms:EncryptionContext:environment': `not-${w.env.name}` });
/** A request CloudTrail makes for the Decrypt invoke trail, or for another trail (CloudTrail sets both keys to the trail's ARN). */
const thisTrail = (w: IamWorld) => ({ 'kms:EncryptionContext:aws:cloudtrail:arn': w.resources.invokeTrail, 'aws:SourceArn': w.resources.invokeTrail, 'aws:SourceAccount': w.env.account });
const otherTrail = (w: IamWorld) => ({ 'kms:EncryptionContext:aws:cloudtrail:arn': w.resources.otherTrail, 'aws:SourceArn': w.resources.otherTrail, 'aws:SourceAccount': w.env.account });
/** Its four context keys and one more (kms:EncryptionContextKeys is given to the evaluator as KMS would fill it). */
const fifthKey = (w: IamWorld) => w.context({ 'kms:EncryptionContextKeys': [...[w.context()['kms:EncryptionContextKeys']!].flat(), 'purpose'] });
const boundary = (w: IamWorld) => ({ 'iam:PermissionsBoundary': w.resources.boundary });
const projectTag = () => ({ 'aws:RequestTag/project': PROJECT, 'aws:TagKeys': ['project'] });
const lexCalls = (alias: 'botAlias' | 'otherBotAlias') => (w: IamWorld) => ({ 'aws:SourceArn': w.resources[alias], 'aws:SourceAccount': w.env.account });

const grantingTo = (principal: (w: IamWorld) => string) => (w: IamWorld) => ({ 'lambda:Principal': principal(w) });
const FUNCTION_ROLES: ResourceName[] = ['encryptRole', 'decryptRole', 'lexBotRole', 'deleterRole', 'deleterScheduleRole'];

/**
 * Issue 16: the deploy role cannot obtain the rights of the roles it creates outside a reviewed change
 * (stacks/policies/deploy-guards.ts): no trust rewrite, no assuming, no invoke right for anyone but the
 * configured principals; and what a normal deploy still needs. The paths that remain open are in
 * docs/operators-decrypt.md, "Who may decrypt, honestly".
 */
const DEPLOY_ROLE_GUARDS: MatrixRow[] = [
  ...FUNCTION_ROLES.flatMap((on): MatrixRow[] => [
    { who: 'deploy', action: 'iam:UpdateAssumeRolePolicy', on, when: 'to name itself', expect: DENY },
    { who: 'deploy', action: 'sts:AssumeRole', on, expect: DENY },
  ]),
  { who: 'deploy', action: 'sts:AssumeRole', on: 'projectRole', when: 'a new role whose trust names it', expect: DENY },
  { who: 'deploy', action: 'lambda:AddPermission', on: 'decryptFunction', when: 'for itself', context: grantingTo((w) => w.env.deployRoleArn), expect: DENY },
  { who: 'deploy', action: 'lambda:AddPermission', on: 'decryptFunction', when: 'for the service lexv2', context: grantingTo(() => 'lexv2.amazonaws.com'), expect: DENY },
  { who: 'deploy', action: 'lambda:AddPermission', on: 'decryptFunction', when: 'for a configured operator', context: grantingTo((w) => decryptPrincipalArns(w.env)[0]!), expect: ALLOW },
  { who: 'deploy', action: 'lambda:AddPermission', on: 'decryptFunction', when: 'for the smoke role (only its alias)', context: grantingTo((w) => smokeRoleArn(w.env)), expect: DENY },
  { who: 'deploy', action: 'lambda:AddPermission', on: 'decryptSmokeAlias', when: 'for the smoke role', context: grantingTo((w) => smokeRoleArn(w.env)), expect: ALLOW },
  { who: 'deploy', action: 'lambda:AddPermission', on: 'decryptSmokeAlias', when: 'for the service lexv2', context: grantingTo(() => 'lexv2.amazonaws.com'), expect: DENY },
  { who: 'deploy', action: 'lambda:AddPermission', on: 'decryptSmokeAlias', when: 'for a configured operator', context: grantingTo((w) => decryptPrincipalArns(w.env)[0]!), expect: DENY },
  { who: 'deploy', action: 'lambda:AddPermission', on: 'decryptVersion', when: 'for the service lexv2', context: grantingTo(() => 'lexv2.amazonaws.com'), expect: DENY },
  { who: 'deploy', action: 'lambda:AddPermission', on: 'encryptFunction', when: 'for Lex', context: grantingTo(() => 'lexv2.amazonaws.com'), expect: ALLOW },
  { who: 'deploy', action: 'lambda:AddPermission', on: 'encryptFunction', when: 'for a configured operator', context: grantingTo((w) => decryptPrincipalArns(w.env)[0]!), expect: DENY },
  { who: 'deploy', action: 'lambda:AddPermission', on: 'deleterFunction', when: 'for itself', context: grantingTo((w) => w.env.deployRoleArn), expect: DENY },
  // What remains, by design (each listed in docs/operators-decrypt.md): writing a role's bounded policy,
  // passing a role to a function, shipping a function's code, rewriting the key policy.
  { who: 'deploy', action: 'iam:PutRolePolicy', on: 'decryptRole', when: 'the role has the boundary', context: boundary, expect: ALLOW },
  { who: 'deploy', action: 'iam:PassRole', on: 'decryptRole', expect: ALLOW },
  { who: 'deploy', action: 'lambda:UpdateFunctionCode', on: 'decryptFunction', expect: ALLOW },
  // The Connect instance's directory (its CloudFormation handler lists ds:CreateDirectory): only where the stack creates the instance.
  { who: 'deploy', action: 'ds:CreateDirectory', on: 'anything', when: 'a created instance', only: { instance: 'create' }, expect: ALLOW },
  { who: 'deploy', action: 'ds:CreateDirectory', on: 'anything', when: 'an existing instance', only: { instance: 'existing' }, expect: DENY },
];

/**
 * What the synthesized policies allow and deny, evaluated together by iam-simulate. One row per line:
 * add a row here, run `npm run iam:matrix`, and the test checks every environment, example and Connect
 * variant (test/synth-helpers.ts) the row applies to (`only`), and the doc.
 */
export const IAM_MATRIX: MatrixRow[] = [
  // Encrypt: kms:GenerateDataKey with its context, nothing else on the key.
  { who: 'encrypt', action: 'kms:GenerateDataKey', on: 'key', when: 'its encryption context', context: ours, expect: ALLOW },
  { who: 'encrypt', action: 'kms:GenerateDataKey', on: 'key', when: 'another environment in the context', context: otherEnvironment, expect: DENY },
  { who: 'encrypt', action: 'kms:GenerateDataKey', on: 'key', when: 'no encryption context', expect: DENY },
  { who: 'encrypt', action: 'kms:GenerateDataKey', on: 'key', when: 'its context plus a fifth key', context: fifthKey, expect: DENY },
  { who: 'encrypt', action: 'kms:Decrypt', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  { who: 'encrypt', action: 'kms:Encrypt', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  { who: 'encrypt', action: 'kms:CreateGrant', on: 'key', expect: DENY },
  // Decrypt: kms:Decrypt with its context only.
  { who: 'decrypt', action: 'kms:Decrypt', on: 'key', when: 'its encryption context', context: ours, expect: ALLOW },
  { who: 'decrypt', action: 'kms:Decrypt', on: 'key', when: 'another environment in the context', context: otherEnvironment, expect: DENY },
  { who: 'decrypt', action: 'kms:Decrypt', on: 'key', when: 'its context plus a fifth key', context: fifthKey, expect: DENY },
  { who: 'decrypt', action: 'kms:GenerateDataKey', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  // Decrypt reads the contacts of its own instance only, appends audit records and cannot alter them.
  { who: 'decrypt', action: 'connect:GetContactAttributes', on: 'contact', expect: ALLOW },
  { who: 'decrypt', action: 'connect:GetContactAttributes', on: 'otherInstanceContact', expect: DENY },
  { who: 'decrypt', action: 'logs:PutLogEvents', on: 'auditLogStream', expect: ALLOW },
  { who: 'decrypt', action: 'logs:DeleteLogGroup', on: 'auditLogGroup', expect: DENY },
  { who: 'decrypt', action: 'logs:PutRetentionPolicy', on: 'auditLogGroup', expect: DENY },
  { who: 'decrypt', action: 'logs:DeleteLogStream', on: 'auditLogStream', expect: DENY },
  { who: 'encrypt', action: 'connect:GetContactAttributes', on: 'contact', expect: DENY },
  // Operators: invoke Decrypt (its resource policy names them), never the key, whatever IAM gives them.
  { who: 'operator', action: 'lambda:InvokeFunction', on: 'decryptFunction', expect: ALLOW },
  { who: 'operator', action: 'lambda:InvokeFunction', on: 'encryptFunction', expect: DENY },
  { who: 'operatorAdmin', action: 'kms:Decrypt', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  { who: 'operatorAdmin', action: 'kms:GenerateDataKey', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  // The smoke role: RecognizeText on this environment's (tagged) alias and invoke Decrypt, nothing else.
  // lex:RecognizeText is not simulated: iam-data 0.21 gives the `bot alias` resource type both its ARN formats
  // in one string, so iam-simulate matches no ARN ("no.resource.types"); smoke-role.test.ts pins the statement.
  // Decrypt only through its smoke alias, which never reveals (contract/decrypt-invocation.ts); operators invoke the function itself.
  { who: 'smoke', action: 'lambda:InvokeFunction', on: 'decryptFunction', expect: DENY },
  { who: 'smoke', action: 'lambda:InvokeFunction', on: 'decryptSmokeAlias', expect: ALLOW },
  { who: 'smoke', action: 'lambda:InvokeFunction', on: 'encryptFunction', expect: DENY },
  { who: 'smoke', action: 'kms:Decrypt', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  { who: 'smoke', action: 'kms:GenerateDataKey', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  // Who invoked Decrypt (its CloudTrail trail): CloudTrail encrypts and writes for this trail only, the auditors
  // alone decrypt, the capture key never serves CloudTrail; the CI roles manage the trail, never stop or read it.
  { who: 'cloudTrailService', action: 'kms:GenerateDataKey', on: 'invokeTrailKey', when: 'for this trail', context: thisTrail, expect: ALLOW },
  { who: 'cloudTrailService', action: 'kms:GenerateDataKey', on: 'invokeTrailKey', when: 'for another trail', context: otherTrail, expect: DENY },
  { who: 'cloudTrailService', action: 'kms:Decrypt', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  { who: 'cloudTrailService', action: 's3:PutObject', on: 'invokeRecord', when: 'for this trail', context: (w) => ({ 'aws:SourceArn': w.resources.invokeTrail, 'aws:SourceAccount': w.env.account, 's3:x-amz-acl': 'bucket-owner-full-control' }), expect: ALLOW },
  { who: 'cloudTrailService', action: 's3:PutObject', on: 'invokeRecord', when: 'for another trail', context: (w) => ({ 'aws:SourceArn': w.resources.otherTrail, 'aws:SourceAccount': w.env.account, 's3:x-amz-acl': 'bucket-owner-full-control' }), expect: DENY },
  { who: 'auditor', action: 'kms:Decrypt', on: 'invokeTrailKey', when: 'a log file of this trail', context: thisTrail, expect: ALLOW },
  { who: 'operatorAdmin', action: 'kms:Decrypt', on: 'invokeTrailKey', when: 'a log file of this trail', context: thisTrail, expect: DENY },
  { who: 'decrypt', action: 'kms:Decrypt', on: 'invokeTrailKey', when: 'a log file of this trail', context: thisTrail, expect: DENY },
  { who: 'foreign', action: 'kms:Decrypt', on: 'invokeTrailKey', when: 'a log file of this trail', context: thisTrail, expect: DENY },
  { who: 'deploy', action: 'cloudtrail:CreateTrail', on: 'invokeTrail', expect: ALLOW },
  { who: 'deploy', action: 'cloudtrail:CreateTrail', on: 'otherTrail', expect: DENY },
  { who: 'deploy', action: 'cloudtrail:StopLogging', on: 'invokeTrail', expect: DENY },
  { who: 'deploy', action: 's3:CreateBucket', on: 'invokeTrailBucket', expect: ALLOW },
  { who: 'deploy', action: 's3:GetObject', on: 'invokeRecord', expect: DENY },
  { who: 'deploy', action: 's3:DeleteObjectVersion', on: 'invokeRecord', expect: DENY },
  { who: 'deploy', action: 'lambda:CreateAlias', on: 'decryptFunction', expect: ALLOW },
  { who: 'plan', action: 'cloudtrail:GetTrailStatus', on: 'invokeTrail', expect: ALLOW },
  { who: 'plan', action: 'lambda:GetAlias', on: 'decryptFunction', expect: ALLOW },
  { who: 'plan', action: 's3:GetObject', on: 'invokeRecord', expect: DENY },
  { who: 'plan', action: 'cloudtrail:DeleteTrail', on: 'invokeTrail', expect: DENY },
  { who: 'plan', action: 'lambda:PublishVersion', on: 'decryptFunction', expect: DENY },
  // Lex invokes Encrypt only from the bot's own alias in this account.
  { who: 'lexService', action: 'lambda:InvokeFunction', on: 'encryptFunction', when: 'from the bot alias', context: lexCalls('botAlias'), expect: ALLOW },
  { who: 'lexService', action: 'lambda:InvokeFunction', on: 'encryptFunction', when: 'from another bot alias', context: lexCalls('otherBotAlias'), expect: DENY },
  { who: 'lexService', action: 'lambda:InvokeFunction', on: 'decryptFunction', when: 'from the bot alias', context: lexCalls('botAlias'), expect: DENY },
  // Trust: each role by its own service only (GitHub's OIDC trust: see docs/iam-matrix.md, not simulated).
  { who: 'lambdaService', action: 'sts:AssumeRole', on: 'encryptRole', expect: ALLOW },
  { who: 'lexService', action: 'sts:AssumeRole', on: 'lexBotRole', when: 'for this account', context: (w) => ({ 'aws:SourceAccount': w.env.account }), expect: ALLOW },
  { who: 'lexService', action: 'sts:AssumeRole', on: 'lexBotRole', when: `for account ${FOREIGN_ACCOUNT}`, context: () => ({ 'aws:SourceAccount': FOREIGN_ACCOUNT }), expect: DENY },
  // The plan role reads its state, the bootstrap state and both stacks' resources, and writes nothing.
  { who: 'plan', action: 's3:GetObject', on: 'stateObject', when: 'over TLS', context: () => ({ 'aws:SecureTransport': 'true' }), expect: ALLOW },
  { who: 'plan', action: 'kms:DescribeKey', on: 'key', expect: ALLOW },
  { who: 'plan', action: 'lambda:GetFunction', on: 'encryptFunction', expect: ALLOW },
  { who: 'plan', action: 's3:PutObject', on: 'stateObject', expect: DENY },
  { who: 'plan', action: 's3:GetObject', on: 'stateObject', when: 'without TLS', context: () => ({ 'aws:SecureTransport': 'false' }), expect: DENY },
  { who: 'plan', action: 's3:GetObject', on: 'bootstrapStateObject', when: 'over TLS', context: () => ({ 'aws:SecureTransport': 'true' }), expect: ALLOW },
  { who: 'plan', action: 's3:PutObject', on: 'bootstrapStateObject', expect: DENY },
  { who: 'plan', action: 'iam:GetRole', on: 'deployRole', expect: ALLOW },
  { who: 'plan', action: 'iam:UpdateAssumeRolePolicy', on: 'deployRole', expect: DENY },
  { who: 'plan', action: 'kms:Decrypt', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  { who: 'plan', action: 'iam:CreateRole', on: 'projectRole', when: 'with the boundary', context: boundary, expect: DENY },
  { who: 'plan', action: 'sts:AssumeRole', on: 'deployRole', expect: DENY },
  // The capture module: the plan role reads it, in this account and Region only, and never changes it.
  { who: 'plan', action: 'connect:DescribeContactFlowModule', on: 'captureModule', expect: ALLOW },
  { who: 'plan', action: 'connect:DescribeContactFlowModule', on: 'otherRegionModule', expect: DENY },
  { who: 'plan', action: 'connect:UpdateContactFlowModuleContent', on: 'captureModule', expect: DENY },
  { who: 'plan', action: 'connect:DeleteContactFlowModule', on: 'captureModule', expect: DENY },
  // The deploy role: no data use of the key, roles only with the boundary, only this project's keys.
  { who: 'deploy', action: 'kms:Decrypt', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  { who: 'deploy', action: 'kms:GenerateDataKey', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  { who: 'deploy', action: 'iam:CreateRole', on: 'projectRole', when: 'with the boundary', context: boundary, expect: ALLOW },
  { who: 'deploy', action: 'iam:CreateRole', on: 'projectRole', when: 'without a boundary', expect: DENY },
  { who: 'deploy', action: 'iam:CreateRole', on: 'projectRole', when: 'AdministratorAccess as boundary', context: () => ({ 'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/AdministratorAccess' }), expect: DENY },
  { who: 'deploy', action: 'iam:CreateRole', on: 'outsideRole', when: 'with the boundary', context: boundary, expect: DENY },
  { who: 'deploy', action: 'iam:PutRolePolicy', on: 'projectRole', when: 'the role has the boundary', context: boundary, expect: ALLOW },
  { who: 'deploy', action: 'iam:PutRolePolicy', on: 'projectRole', when: 'the role has no boundary', expect: DENY },
  { who: 'deploy', action: 'iam:DeleteRolePermissionsBoundary', on: 'projectRole', expect: DENY },
  { who: 'deploy', action: 'iam:CreatePolicyVersion', on: 'boundary', expect: DENY },
  { who: 'deploy', action: 'kms:CreateKey', on: 'anyKey', when: `tagged project=${PROJECT}`, context: () => ({ 'aws:RequestTag/project': PROJECT, 'aws:TagKeys': ['project'] }), expect: ALLOW },
  { who: 'deploy', action: 'kms:CreateKey', on: 'anyKey', when: 'untagged', expect: DENY },
  { who: 'deploy', action: 'kms:PutKeyPolicy', on: 'key', expect: ALLOW },
  { who: 'deploy', action: 'kms:PutKeyPolicy', on: 'otherKey', expect: DENY },
  { who: 'deploy', action: 'kms:ScheduleKeyDeletion', on: 'otherKey', expect: DENY },
  { who: 'deploy', action: 'kms:ScheduleKeyDeletion', on: 'untaggedKey', expect: DENY },
  { who: 'deploy', action: 'kms:TagResource', on: 'otherKey', when: `retag project=${PROJECT}`, context: () => ({ 'aws:RequestTag/project': PROJECT, 'aws:TagKeys': ['project'] }), expect: DENY },
  { who: 'deploy', action: 'sts:AssumeRole', on: 'deployRole', when: 'itself (Terraform re-assumes)', expect: ALLOW },
  { who: 'deploy', action: 'logs:CreateLogGroup', on: 'auditLogGroup', expect: ALLOW },
  // Connect. An instance the stack creates: the deploy role's rights are on every instance (its id is known
  // only after apply), and the plan guard and prevent_destroy protect it. An existing instance: rights on
  // that instance only, on flows tagged for this project only, and a Deny keeps the instance as the team
  // set it up (stacks/policies/connect-ci-policies.ts).
  { who: 'plan', action: 'connect:DescribeInstance', on: 'instance', expect: ALLOW },
  { who: 'plan', action: 'connect:DescribeContactFlow', on: 'projectFlow', expect: ALLOW },
  { who: 'plan', action: 'connect:DeleteContactFlow', on: 'projectFlow', expect: DENY },
  { who: 'plan', action: 'connect:DeleteInstance', on: 'instance', expect: DENY },
  { who: 'deploy', action: 'connect:DeleteInstance', on: 'instance', when: 'the stack created it', only: { instance: 'create' }, expect: ALLOW },
  { who: 'deploy', action: 'connect:DeleteInstance', on: 'instance', when: 'an existing instance', only: { instance: 'existing' }, expect: DENY },
  { who: 'deploy', action: 'connect:UpdateInstanceAttribute', on: 'instance', when: 'an existing instance', only: { instance: 'existing' }, expect: DENY },
  { who: 'deploy', action: 'connect:AssociateBot', on: 'instance', expect: ALLOW },
  { who: 'deploy', action: 'connect:AssociateBot', on: 'otherInstance', when: 'an existing instance', only: { instance: 'existing' }, expect: DENY },
  { who: 'plan', action: 'connect:DescribeInstance', on: 'otherInstance', when: 'an existing instance', only: { instance: 'existing' }, expect: DENY },
  { who: 'deploy', action: 'connect:CreateContactFlow', on: 'projectFlow', when: `tagged project=${PROJECT}`, context: projectTag, expect: ALLOW },
  { who: 'deploy', action: 'connect:CreateContactFlow', on: 'projectFlow', when: 'untagged, in an existing instance', only: { instance: 'existing' }, expect: DENY },
  { who: 'deploy', action: 'connect:CreateContactFlow', on: 'otherInstanceFlow', when: `tagged project=${PROJECT}, existing instance`, context: projectTag, only: { instance: 'existing' }, expect: DENY },
  { who: 'deploy', action: 'connect:UpdateContactFlowContent', on: 'projectFlow', expect: ALLOW },
  { who: 'deploy', action: 'connect:DeleteContactFlow', on: 'projectFlow', expect: ALLOW },
  { who: 'deploy', action: 'connect:DeleteContactFlow', on: 'teamFlow', when: 'the team\'s own flow in an existing instance', only: { instance: 'existing' }, expect: DENY },
  { who: 'deploy', action: 'connect:UpdateContactFlowContent', on: 'teamFlow', when: 'the team\'s own flow in an existing instance', only: { instance: 'existing' }, expect: DENY },
  // An existing number: routed to the flow, never released or moved; the account's other numbers untouched.
  { who: 'deploy', action: 'connect:AssociatePhoneNumberContactFlow', on: 'phoneNumber', when: 'an existing number', only: { phoneNumber: 'existing' }, expect: ALLOW },
  { who: 'deploy', action: 'connect:ReleasePhoneNumber', on: 'phoneNumber', when: 'an existing number', only: { phoneNumber: 'existing' }, expect: DENY },
  { who: 'deploy', action: 'connect:UpdatePhoneNumber', on: 'phoneNumber', when: 'an existing number', only: { phoneNumber: 'existing' }, expect: DENY },
  { who: 'deploy', action: 'connect:AssociatePhoneNumberContactFlow', on: 'otherPhoneNumber', when: 'an existing instance', only: { instance: 'existing' }, expect: DENY },
  { who: 'deploy', action: 'connect:ReleasePhoneNumber', on: 'otherPhoneNumber', when: 'an existing instance', only: { instance: 'existing' }, expect: DENY },
  // A number claimed in an existing instance: released only if it carries this project's tag.
  { who: 'deploy', action: 'connect:ReleasePhoneNumber', on: 'phoneNumber', when: `claimed, tagged project=${PROJECT}`, only: { instance: 'existing', phoneNumber: 'claim' }, expect: ALLOW },
  { who: 'plan', action: 'connect:DescribePhoneNumber', on: 'phoneNumber', when: 'an existing number', only: { phoneNumber: 'existing' }, expect: ALLOW },
  // The deploy role's rights are managed policies on it (deploy-policy-parts.ts), which it cannot change or detach.
  { who: 'deploy', action: 'iam:CreatePolicyVersion', on: 'deployPolicy', expect: DENY },
  { who: 'deploy', action: 'iam:DetachRolePolicy', on: 'deployRole', expect: DENY },
  { who: 'deploy', action: 'connect:CreateContactFlowModule', on: 'captureModule', when: `tagged project=${PROJECT}`, context: projectTag, expect: ALLOW },
  { who: 'deploy', action: 'connect:CreateContactFlowModule', on: 'captureModule', when: 'untagged, in an existing instance', only: { instance: 'existing' }, expect: DENY },
  { who: 'deploy', action: 'connect:UpdateContactFlowModuleContent', on: 'captureModule', expect: ALLOW },
  { who: 'deploy', action: 'connect:DeleteContactFlowModule', on: 'captureModule', expect: ALLOW },
  // Monitoring: the deleter never uses the capture key, the schedule invokes the deleter only,
  // and the deploy role creates topics and alarms under this environment's names only.
  { who: 'utteranceDeleter', action: 'kms:Decrypt', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  { who: 'deleterSchedule', action: 'lambda:InvokeFunction', on: 'deleterFunction', expect: ALLOW },
  { who: 'deleterSchedule', action: 'lambda:InvokeFunction', on: 'decryptFunction', expect: DENY },
  { who: 'deploy', action: 'sns:CreateTopic', on: 'projectTopic', expect: ALLOW },
  { who: 'deploy', action: 'sns:CreateTopic', on: 'otherTopic', expect: DENY },
  { who: 'deploy', action: 'cloudwatch:PutMetricAlarm', on: 'projectAlarm', expect: ALLOW },
  { who: 'deploy', action: 'cloudwatch:PutMetricAlarm', on: 'otherAlarm', expect: DENY },
  // The boundary caps a role even if its own policy is widened.
  { who: 'widenedEncrypt', action: 'iam:CreateRole', on: 'outsideRole', expect: DENY },
  { who: 'widenedEncrypt', action: 's3:GetObject', on: 'stateObject', expect: DENY },
  // Another account is denied everywhere, even with Allow * in its own account.
  { who: 'foreign', action: 'kms:Decrypt', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  { who: 'foreign', action: 'kms:GenerateDataKey', on: 'key', when: 'its encryption context', context: ours, expect: DENY },
  { who: 'foreign', action: 'kms:PutKeyPolicy', on: 'key', expect: DENY },
  { who: 'foreign', action: 'lambda:InvokeFunction', on: 'decryptFunction', expect: DENY },
  { who: 'foreign', action: 'lambda:InvokeFunction', on: 'encryptFunction', expect: DENY },
  { who: 'foreign', action: 'sts:AssumeRole', on: 'deployRole', expect: DENY },
  { who: 'foreign', action: 'sts:AssumeRole', on: 'planRole', expect: DENY },
  { who: 'foreign', action: 's3:GetObject', on: 'stateObject', expect: DENY },
  ...DEPLOY_ROLE_GUARDS,
];


