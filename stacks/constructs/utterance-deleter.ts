import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { bundleFunction } from '../../bundler/bundle-function';
import { DELETER_ENV } from '../../contract/deleter-env';
import { permissionsBoundaryArn, resourceName } from '../naming';
import { lambdaTrustPolicy } from '../policies/function-policies';
import { bundledCode } from './bundled-code';
import { lexBotArn, schedulerInvokePolicy, schedulerTrustPolicy, utteranceDeleterPolicy } from '../policies/monitoring-policies';

export interface UtteranceDeleterProps {
  env: EnvironmentConfig;
  /** The bot's id (a Terraform expression from the bot construct). */
  botId: string;
}

/**
 * Keeps no utterances: a schedule (daily by default) runs a function that calls Lex V2 DeleteUtterances for
 * this environment's bot. One call with the bot id only covers every session and locale of the bot.
 */
export class UtteranceDeleter extends Construct {
  readonly function: LambdaFunction;
  readonly schedule: SchedulerSchedule;

  constructor(scope: Construct, id: string, { env, botId }: UtteranceDeleterProps) {
    super(scope, id);
    const name = resourceName(env, 'delete-utterances');
    const role = new IamRole(this, 'role', {
      name: resourceName(env, 'delete-utterances-fn'),
      description: 'Utterance deleter: lex:DeleteUtterances on this environment\'s bot only',
      assumeRolePolicy: JSON.stringify(lambdaTrustPolicy()),
      permissionsBoundary: permissionsBoundaryArn(env),
    });
    const logGroup = new CloudwatchLogGroup(this, 'logs', { name: `/aws/lambda/${name}`, retentionInDays: env.logRetentionInDays });
    const policy = new IamRolePolicy(this, 'policy', {
      name: `${name}-permissions`,
      role: role.id,
      policy: JSON.stringify(utteranceDeleterPolicy({ logGroupArn: logGroup.arn, botArn: lexBotArn(env, botId) })),
    });
    const bundle = bundleFunction('delete-utterances');
    this.function = new LambdaFunction(this, 'function', {
      functionName: name,
      description: 'Deletes the utterances Lex V2 stores for this environment\'s bot (DeleteUtterances)',
      role: role.arn,
      ...bundledCode(this, 'bundle', bundle),
      // One API call; 30 s leaves room for the SDK's retries. No reserved concurrency (see the functions construct).
      timeout: 30,
      memorySize: 256,
      environment: { variables: { [DELETER_ENV.botId]: botId, POWERTOOLS_SERVICE_NAME: name } },
      loggingConfig: { logFormat: 'JSON', logGroup: logGroup.name },
      dependsOn: [logGroup, policy],
    });

    const schedulerRole = new IamRole(this, 'scheduler-role', {
      name: resourceName(env, 'delete-utterances-schedule'),
      description: 'EventBridge Scheduler: invokes the utterance deleter only',
      assumeRolePolicy: JSON.stringify(schedulerTrustPolicy(env.account)),
      // A boundary caps permissions only; it never affects who may assume the role (the trust policy).
      permissionsBoundary: permissionsBoundaryArn(env),
    });
    const schedulerPolicy = new IamRolePolicy(this, 'scheduler-policy', {
      name: `${name}-schedule-invoke`,
      role: schedulerRole.id,
      policy: JSON.stringify(schedulerInvokePolicy(this.function.arn)),
    });
    this.schedule = new SchedulerSchedule(this, 'schedule', {
      name,
      description: 'Deletes stored Lex utterances of this environment\'s bot',
      scheduleExpression: env.monitoring.deleteUtterancesSchedule,
      scheduleExpressionTimezone: env.monitoring.deleteUtterancesTimezone,
      flexibleTimeWindow: { mode: 'OFF' },
      // The input is ignored by the handler; a fixed empty object keeps anything else out of the event.
      target: { arn: this.function.arn, roleArn: schedulerRole.arn, input: '{}', retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 } },
      dependsOn: [schedulerPolicy],
    });
  }
}
