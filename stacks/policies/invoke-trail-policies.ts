import { KEY_ADMIN_ACTIONS } from './key-policy';
import { policyDocument, type PolicyDocument } from './policy-document';

// The key of the Decrypt invoke event data store (stacks/constructs/decrypt-invoke-trail.ts): a key of its
// own, never the capture key. What CloudTrail Lake needs on it (CloudTrail user guide, "Configure AWS KMS key
// policies for CloudTrail", "Required KMS key policy elements for event data stores",
// https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html):
// - CloudTrail encrypts with kms:GenerateDataKey and decrypts with kms:Decrypt, and describes the key. The
//   guide says aws:SourceArn and aws:SourceAccount are not supported in key policies for event data stores, so
//   these statements carry no condition;
// - "the user or role ARNs ... need decrypt permissions to create or update event data stores, run queries, or
//   get query results": kms:Decrypt and kms:GenerateDataKey for the deploy role (it creates and updates the
//   store) and for the auditors (they query it). Nobody else: no statement lets IAM policies grant data use.
export const INVOKE_TRAIL_DATA_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

export function invokeTrailKeyPolicy(props: { account: string; administrators: string[]; deployRoleArn: string; auditors: string[] }): PolicyDocument {
  return policyDocument(
    { Sid: 'AccountRootManagesKey', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${props.account}:root` }, Action: KEY_ADMIN_ACTIONS, Resource: '*' },
    { Sid: 'AdministratorsManageKey', Effect: 'Allow', Principal: { AWS: props.administrators }, Action: KEY_ADMIN_ACTIONS, Resource: '*' },
    { Sid: 'CloudTrailEncryptsEventDataStore', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: INVOKE_TRAIL_DATA_ACTIONS, Resource: '*' },
    { Sid: 'CloudTrailDescribesKey', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['kms:DescribeKey'], Resource: '*' },
    { Sid: 'DeployRoleCreatesEventDataStore', Effect: 'Allow', Principal: { AWS: props.deployRoleArn }, Action: INVOKE_TRAIL_DATA_ACTIONS, Resource: '*' },
    { Sid: 'AuditorsQueryEventDataStore', Effect: 'Allow', Principal: { AWS: props.auditors }, Action: INVOKE_TRAIL_DATA_ACTIONS, Resource: '*' },
  );
}
