import { encryptionContextCondition } from './key-policy';
import { policyDocument, type PolicyDocument, type PolicyStatement } from './policy-document';

export const lambdaTrustPolicy = (): PolicyDocument =>
  policyDocument({ Sid: 'LambdaAssumesRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });

/**
 * What one function may do: write into its own log group (not create one), and exactly one KMS action
 * on exactly this key, for this application and environment only.
 */
export function functionPolicy(props: { logGroupArn: string; keyArn: string; kmsAction: 'kms:GenerateDataKey' | 'kms:Decrypt'; environment: string }, ...more: PolicyStatement[]): PolicyDocument {
  return policyDocument(
    { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${props.logGroupArn}:*` },
    { Sid: 'UseKeyForThisEnvironment', Effect: 'Allow', Action: [props.kmsAction], Resource: props.keyArn, Condition: encryptionContextCondition(props.environment) },
    ...more,
  );
}

/** What the Decrypt role may never do to its audit log group, whatever else is ever attached to it. */
export const AUDIT_LOG_PROTECTED_ACTIONS = [
  'logs:DeleteLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteRetentionPolicy',
  'logs:PutSubscriptionFilter', 'logs:DeleteSubscriptionFilter', 'logs:AssociateKmsKey', 'logs:DisassociateKmsKey',
  'logs:PutDataProtectionPolicy', 'logs:DeleteDataProtectionPolicy', 'logs:TagResource', 'logs:UntagResource',
];

/**
 * Decrypt's own needs beyond functionPolicy:
 * - read the attributes of contacts of this environment's instance only. GetContactAttributes takes the
 *   `contact` resource type, `arn:${Partition}:connect:${Region}:${Account}:instance/${InstanceId}/contact/${ContactId}`
 *   (Service Authorization Reference, "Actions, resources, and condition keys for Amazon Connect":
 *   https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonconnect.html);
 *   the instance ARN plus `/contact/*` is exactly that pattern for one instance;
 * - append audit records: CreateLogStream and PutLogEvents act on `log-stream` resources
 *   (`...:log-group:${LogGroupName}:log-stream:${LogStreamName}`, same reference, CloudWatch Logs);
 * - and, explicitly denied, anything that deletes, shortens, redirects or re-keys the audit log.
 */
export function decryptStatements(props: { connectInstanceArn: string; auditLogGroupArn: string }): PolicyStatement[] {
  return [
    { Sid: 'ReadContactsOfThisInstance', Effect: 'Allow', Action: ['connect:GetContactAttributes'], Resource: `${props.connectInstanceArn}/contact/*` },
    { Sid: 'AppendAuditRecords', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${props.auditLogGroupArn}:log-stream:*` },
    { Sid: 'NeverAlterAuditLog', Effect: 'Deny', Action: AUDIT_LOG_PROTECTED_ACTIONS, Resource: [props.auditLogGroupArn, `${props.auditLogGroupArn}:*`] },
    // DeleteLogStream acts on a stream ARN only (Service Authorization Reference, CloudWatch Logs): its own statement.
    { Sid: 'NeverDeleteAuditStreams', Effect: 'Deny', Action: ['logs:DeleteLogStream'], Resource: `${props.auditLogGroupArn}:log-stream:*` },
  ];
}
