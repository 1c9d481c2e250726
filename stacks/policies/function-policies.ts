import { encryptionContextCondition } from './key-policy';
import { policyDocument, type PolicyDocument } from './policy-document';

export const lambdaTrustPolicy = (): PolicyDocument =>
  policyDocument({ Sid: 'LambdaAssumesRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' });

/**
 * What one function may do: write into its own log group (not create one), and exactly one KMS action
 * on exactly this key, for this application and environment only.
 */
export function functionPolicy(props: { logGroupArn: string; keyArn: string; kmsAction: 'kms:GenerateDataKey' | 'kms:Decrypt'; environment: string }): PolicyDocument {
  return policyDocument(
    { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${props.logGroupArn}:*` },
    { Sid: 'UseKeyForThisEnvironment', Effect: 'Allow', Action: [props.kmsAction], Resource: props.keyArn, Condition: encryptionContextCondition(props.environment) },
  );
}
