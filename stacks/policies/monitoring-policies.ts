import { keyManagementStatements } from './key-policy';
import { policyDocument, type PolicyDocument } from './policy-document';

// Alarms publish through SNS, which encrypts the topic's messages with the key: CloudWatch, the publisher,
// needs kms:Decrypt and kms:GenerateDataKey* on it, and the AWS-managed alias/aws/sns key cannot grant that
// ("Enable compatibility between event sources from AWS services and encrypted topics",
// https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
// The guide writes GenerateDataKey*; SNS server-side encryption calls GenerateDataKey, and the
// no-wildcard rule wants every action named, so the grant names exactly the two calls.
// This key protects alarm notifications only; the capture key is never shared with a service.
export const CLOUDWATCH_TOPIC_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'];

/** The alarm topic key: managed like the capture key, used only by CloudWatch for this account's alarms. */
export function alarmTopicKeyPolicy(props: { account: string; region: string; administrators: string[]; alarmNamePrefix: string }): PolicyDocument {
  return policyDocument(
    ...keyManagementStatements(props.account, props.administrators),
    {
      Sid: 'CloudWatchAlarmsPublishToTopic',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: CLOUDWATCH_TOPIC_KEY_ACTIONS,
      Resource: '*',
      // Confused-deputy guard: only this account's alarms of this environment.
      Condition: {
        StringEquals: { 'aws:SourceAccount': props.account },
        ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${props.region}:${props.account}:alarm:${props.alarmNamePrefix}*` },
      },
    },
  );
}

/** Lex V2 bot ARN, the resource type of lex:DeleteUtterances (Service Authorization Reference, Amazon Lex V2). */
export const lexBotArn = (env: { region: string; account: string }, botId: string): string =>
  `arn:aws:lex:${env.region}:${env.account}:bot/${botId}`;

/** The deleter may write its own logs and call exactly lex:DeleteUtterances on exactly this bot. */
export function utteranceDeleterPolicy(props: { logGroupArn: string; botArn: string }): PolicyDocument {
  return policyDocument(
    { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${props.logGroupArn}:*` },
    { Sid: 'DeleteThisBotsUtterances', Effect: 'Allow', Action: ['lex:DeleteUtterances'], Resource: props.botArn },
  );
}

/** EventBridge Scheduler assumes the role only for schedules of this account (its user guide, execution role). */
export const schedulerTrustPolicy = (account: string): PolicyDocument =>
  policyDocument({
    Sid: 'SchedulerAssumesRole',
    Effect: 'Allow',
    Principal: { Service: 'scheduler.amazonaws.com' },
    Action: 'sts:AssumeRole',
    Condition: { StringEquals: { 'aws:SourceAccount': account } },
  });

/** The schedule may invoke the deleter and nothing else. */
export const schedulerInvokePolicy = (functionArn: string): PolicyDocument =>
  policyDocument({ Sid: 'InvokeUtteranceDeleter', Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: functionArn });
