import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { Construct } from 'constructs';
import type { EnvironmentConfig } from '../../environments';
import { FLOW_NAME, MODULE_NAME } from '../../flows';
import { functionName, resourceName } from '../naming';
import { alarmTopicKeyPolicy } from '../policies/monitoring-policies';
import { alarmSpecs, ENCRYPT_LOG_METRICS, logMetricNamespace, type AlarmSpec, type MetricRef } from './monitoring-alarms';
import type { ContactCenter } from './contact-center';
import type { SecureInputBot } from './secure-input-bot';
import { SETTINGS, type SecureInputFunctions } from './secure-input-functions';
import { UtteranceDeleter } from './utterance-deleter';

export interface MonitoringProps {
  env: EnvironmentConfig;
  functions: SecureInputFunctions;
  bot: SecureInputBot;
  contactCenter: ContactCenter;
}

/**
 * Day-one operations: the utterance deleter, alarms on every capture path (to a KMS-encrypted topic with
 * its own key, never the capture key) and one dashboard of the same metrics (docs/operations.md).
 */
export class Monitoring extends Construct {
  readonly topic: SnsTopic;
  readonly topicKey: KmsKey;
  readonly deleter: UtteranceDeleter;
  readonly alarms: CloudwatchMetricAlarm[];
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, { env, functions, bot, contactCenter }: MonitoringProps) {
    super(scope, id);
    const botId = bot.bot.identifier('Id');
    this.deleter = new UtteranceDeleter(this, 'utterance-deleter', { env, botId });

    const alarmNamePrefix = resourceName(env, '');
    this.topicKey = new KmsKey(this, 'topic-key', {
      description: `${env.prefix} ${env.name}: encrypts alarm notifications (alarm topic only)`,
      enableKeyRotation: true,
      rotationPeriodInDays: env.kms.rotationPeriodInDays,
      deletionWindowInDays: env.kms.deletionWindowInDays,
      policy: JSON.stringify(alarmTopicKeyPolicy({ account: env.account, region: env.region, administrators: env.kms.administrators, alarmNamePrefix })),
    });
    new KmsAlias(this, 'topic-key-alias', { name: `alias/${env.prefix}-${env.name}-alarm-topic`, targetKeyId: this.topicKey.keyId });
    this.topic = new SnsTopic(this, 'topic', { name: resourceName(env, 'alarms'), kmsMasterKeyId: this.topicKey.arn });
    env.monitoring.alarmEmails.forEach((endpoint, i) =>
      new SnsTopicSubscription(this, `email-${i}`, { topicArn: this.topic.arn, protocol: 'email', endpoint }));

    // Metric filters on the Encrypt log group (the function's logging_config names it).
    const encryptLogGroup = functions.encryptFunction.loggingConfig.logGroup;
    for (const [key, { metricName, pattern }] of Object.entries(ENCRYPT_LOG_METRICS)) {
      new CloudwatchLogMetricFilter(this, `encrypt-${key}-filter`, {
        name: `${resourceName(env, 'encrypt')}-${metricName}`,
        logGroupName: encryptLogGroup,
        pattern,
        metricTransformation: { name: metricName, namespace: logMetricNamespace(env.name), value: '1', unit: 'Count' },
      });
    }

    const specs = alarmSpecs(env.monitoring, {
      envName: env.name,
      encryptFunctionName: functionName(env, 'encrypt'),
      encryptTimeoutSeconds: SETTINGS.encrypt.timeout,
      decryptFunctionName: functionName(env, 'decrypt'),
      deleterFunctionName: resourceName(env, 'delete-utterances'),
      botId,
      botAliasId: bot.alias.identifier('BotAliasId'),
      connectInstanceId: contactCenter.instance.id,
      contactFlowName: FLOW_NAME,
      captureModuleName: MODULE_NAME,
    });
    const actions = [this.topic.arn];
    this.alarms = specs.map((spec) => new CloudwatchMetricAlarm(this, `alarm-${spec.id}`, {
      alarmName: `${alarmNamePrefix}${spec.id}`,
      alarmDescription: spec.description,
      comparisonOperator: spec.comparison,
      threshold: spec.threshold,
      evaluationPeriods: 1,
      treatMissingData: spec.treatMissingData,
      alarmActions: actions,
      okActions: actions,
      ...alarmMetric(spec),
    }));
    this.dashboard = new CloudwatchDashboard(this, 'dashboard', {
      dashboardName: resourceName(env, 'secure-input'),
      dashboardBody: JSON.stringify(dashboardBody(specs, env.region)),
    });
  }
}

function alarmMetric(spec: AlarmSpec): Partial<CloudwatchMetricAlarmConfig> {
  if (spec.metric) {
    const m = spec.metric;
    return {
      namespace: m.namespace, metricName: m.metricName, statistic: m.stat, period: spec.periodSeconds,
      ...(Object.keys(m.dimensions).length > 0 ? { dimensions: m.dimensions } : {}),
    };
  }
  if (spec.math) {
    return {
      metricQuery: [
        { id: 'result', expression: spec.math.expression, label: spec.math.label, returnData: true },
        ...Object.entries(spec.math.metrics).map(([id, m]) => ({
          id, returnData: false,
          metric: { namespace: m.namespace, metricName: m.metricName, stat: m.stat, period: spec.periodSeconds, ...(Object.keys(m.dimensions).length > 0 ? { dimensions: m.dimensions } : {}) },
        })),
      ],
    };
  }
  const q = spec.insightsQuery!;
  return { metricQuery: [{ id: 'result', expression: q.query, label: q.label, period: spec.periodSeconds, returnData: true }] };
}

const metricRow = (m: MetricRef, options: Record<string, unknown>) =>
  [m.namespace, m.metricName, ...Object.entries(m.dimensions).flat(), { stat: m.stat, ...options }];

/** One graph per alarm, with the alarm's threshold drawn in: the same metrics the alarms watch. */
function dashboardBody(specs: AlarmSpec[], region: string) {
  return {
    widgets: specs.map((spec, i) => {
      let metrics: unknown[];
      if (spec.metric) metrics = [metricRow(spec.metric, { label: spec.metric.metricName })];
      else if (spec.math) {
        metrics = [
          [{ expression: spec.math.expression, label: spec.math.label, id: 'result' }],
          ...Object.entries(spec.math.metrics).map(([id, m]) => metricRow(m, { id, visible: false })),
        ];
      } else metrics = [[{ expression: spec.insightsQuery!.query, label: spec.insightsQuery!.label, id: 'result' }]];
      return {
        type: 'metric', x: (i % 2) * 12, y: Math.floor(i / 2) * 6, width: 12, height: 6,
        properties: {
          title: spec.description, region, view: 'timeSeries', period: spec.periodSeconds, metrics,
          annotations: { horizontal: [{ value: spec.threshold, label: 'alarm threshold' }] },
        },
      };
    }),
  };
}
