import { keyManagementStatements } from './key-policy';
import { policyDocument, type PolicyDocument } from './policy-document';

// The trail that records who invoked Decrypt (stacks/constructs/decrypt-invoke-trail.ts): its key and its
// bucket's policy, as the CloudTrail user guide asks for a trail, narrowed to this one trail.

/**
 * CloudTrail encrypts log files with `kms:GenerateDataKey*` (the guide's action; named here as the four actions
 * that wildcard covers in the Service Authorization Reference for KMS, because this project names every
 * action) with the encryption context `aws:cloudtrail:arn` = the trail's ARN, and describes the key
 * (CloudTrail user guide, "Configure AWS KMS key policies for CloudTrail": "Granting encrypt permissions for
 * trails", "Enable CloudTrail to describe KMS key properties", both with aws:SourceArn = the trail;
 * https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html).
 */
const TRAIL_ENCRYPT_ACTIONS = ['kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext'];

/** The key of the invoke trail: managed like the capture key; CloudTrail encrypts for this trail only, the auditors alone decrypt. */
export function invokeTrailKeyPolicy(props: { account: string; administrators: string[]; trailArn: string; auditors: string[] }): PolicyDocument {
  const thisTrail = { 'kms:EncryptionContext:aws:cloudtrail:arn': props.trailArn };
  return policyDocument(
    ...keyManagementStatements(props.account, props.administrators),
    {
      Sid: 'CloudTrailEncryptsThisTrail', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: TRAIL_ENCRYPT_ACTIONS, Resource: '*',
      Condition: { StringEquals: { ...thisTrail, 'aws:SourceArn': props.trailArn } },
    },
    {
      Sid: 'CloudTrailDescribesKey', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['kms:DescribeKey'], Resource: '*',
      Condition: { StringEquals: { 'aws:SourceArn': props.trailArn } },
    },
    // "Granting decrypt permissions": the guide asks for a non-null aws:cloudtrail:arn; here it must be this trail.
    { Sid: 'AuditorsReadThisTrail', Effect: 'Allow', Principal: { AWS: props.auditors }, Action: ['kms:Decrypt'], Resource: '*', Condition: { StringEquals: thisTrail } },
  );
}

/**
 * The trail's bucket: CloudTrail checks the bucket's ACL and writes under AWSLogs/<account>/, for this trail
 * only (CloudTrail user guide, "Amazon S3 bucket policy for CloudTrail", with aws:SourceArn; the ACL
 * condition stays although the bucket enforces bucket ownership, as the guide writes it); and nothing reaches
 * it without TLS.
 */
export function invokeTrailBucketPolicy(props: { bucketArn: string; account: string; trailArn: string }): PolicyDocument {
  return policyDocument(
    {
      Sid: 'CloudTrailChecksBucketAcl', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['s3:GetBucketAcl'], Resource: props.bucketArn,
      Condition: { StringEquals: { 'aws:SourceArn': props.trailArn } },
    },
    {
      Sid: 'CloudTrailWritesThisTrail', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: ['s3:PutObject'], Resource: `${props.bucketArn}/AWSLogs/${props.account}/*`,
      Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': props.trailArn } },
    },
    {
      Sid: 'RefuseNonTls', Effect: 'Deny', Principal: { AWS: '*' }, Action: ['s3:*'], Resource: [props.bucketArn, `${props.bucketArn}/*`],
      Condition: { Bool: { 'aws:SecureTransport': false } },
    },
  );
}
