// What the environment is watched for: one list that both the alarms and the dashboard are made from.
// Namespaces, metric names and dimensions are those AWS documents (cited per metric in docs/operations.md).
import type { MonitoringConfig } from '../../environments/monitoring-schema';

/** One CloudWatch metric as an alarm or a dashboard names it. */
export interface MetricRef {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
  stat: 'Sum' | 'Maximum';
}

export type TreatMissingData = 'missing' | 'ignore' | 'breaching' | 'notBreaching';

export interface AlarmSpec {
  /** Short id: part of the alarm's name and the Terraform construct id. */
  id: string;
  description: string;
  threshold: number;
  comparison: 'GreaterThanOrEqualToThreshold' | 'GreaterThanThreshold';
  periodSeconds: number;
  /** Why missing data counts as it does for this alarm. */
  treatMissingData: TreatMissingData;
  /** Either one metric, or metric math over named metrics, or a Metrics Insights query. */
  metric?: MetricRef;
  math?: { expression: string; label: string; metrics: Record<string, MetricRef> };
  insightsQuery?: { query: string; label: string };
}

/** Custom namespace of the metrics the log filters make (AWS/ is reserved for AWS services). */
export const logMetricNamespace = (envName: string): string => `SecureLexInput/${envName}`;

/** Metric filters on the Encrypt log: Powertools JSON lines, matched on fields that carry no values. */
export const ENCRYPT_LOG_METRICS = {
  kmsFailures: { metricName: 'EncryptKmsFailures', pattern: '{ $.outcome = "encrypt-failed" }' },
  captured: { metricName: 'CapturesSucceeded', pattern: '{ $.outcome = "captured" }' },
  failed: { metricName: 'CapturesFailed', pattern: '{ $.message = "capture ended" || $.message = "capture crashed" }' },
} as const;

export interface MonitoredResources {
  envName: string;
  encryptFunctionName: string;
  encryptTimeoutSeconds: number;
  decryptFunctionName: string;
  deleterFunctionName: string;
  botId: string;
  botAliasId: string;
  connectInstanceId: string;
  contactFlowName: string;
  /** The capture module's name: whether Connect publishes its blocks' errors under it or under the invoking flow's is not documented. */
  captureModuleName: string;
}

const lambda = (metricName: string, functionName: string, stat: MetricRef['stat'] = 'Sum'): MetricRef =>
  ({ namespace: 'AWS/Lambda', metricName, dimensions: { FunctionName: functionName }, stat });
const fromLog = (envName: string, metricName: string): MetricRef =>
  ({ namespace: logMetricNamespace(envName), metricName, dimensions: {}, stat: 'Sum' });
const connect = (metricName: string, r: MonitoredResources, contactFlowName = r.contactFlowName): MetricRef =>
  ({ namespace: 'AWS/Connect', metricName, dimensions: { InstanceId: r.connectInstanceId, MetricGroup: 'ContactFlow', ContactFlowName: contactFlowName }, stat: 'Sum' });
// Lex V2 publishes runtime metrics under several dimension sets (per operation, locale and input mode); a
// Metrics Insights query sums every set that carries this bot and alias, whichever operation Connect uses.
const lexQuery = (metricName: string, r: MonitoredResources) =>
  `SELECT SUM(${metricName}) FROM "AWS/Lex" WHERE BotId = '${r.botId}' AND BotAliasId = '${r.botAliasId}'`;

// Missing data: these metrics are published only when something happens (an invocation, a matching log
// line, a Lex request, a flow run). No data means no traffic, not a failure, so it counts as OK
// (notBreaching); an alarm that went off clears once a quiet period passes.
const QUIET_IS_OK: TreatMissingData = 'notBreaching';

export function alarmSpecs(m: MonitoringConfig, r: MonitoredResources): AlarmSpec[] {
  const period = m.periodMinutes * 60;
  const count = (id: string, description: string, metric: MetricRef, threshold: number): AlarmSpec =>
    ({ id, description, metric, threshold, comparison: 'GreaterThanOrEqualToThreshold', periodSeconds: period, treatMissingData: QUIET_IS_OK });
  const lex = (id: string, description: string, metricName: string, threshold: number): AlarmSpec => ({
    id, description, threshold, comparison: 'GreaterThanOrEqualToThreshold', periodSeconds: period, treatMissingData: QUIET_IS_OK,
    insightsQuery: { query: lexQuery(metricName, r), label: metricName },
  });
  return [
    count('encrypt-errors', 'Encrypt (the Lex code hook) failed with an error', lambda('Errors', r.encryptFunctionName), m.functionErrors),
    count('encrypt-throttles', 'Encrypt invocations were throttled', lambda('Throttles', r.encryptFunctionName), m.encryptThrottles),
    {
      id: 'encrypt-duration',
      description: `Encrypt ran close to its ${r.encryptTimeoutSeconds} s timeout (${m.encryptDurationPercentOfTimeout}%)`,
      metric: lambda('Duration', r.encryptFunctionName, 'Maximum'),
      threshold: r.encryptTimeoutSeconds * 1000 * m.encryptDurationPercentOfTimeout / 100,
      comparison: 'GreaterThanThreshold', periodSeconds: period, treatMissingData: QUIET_IS_OK,
    },
    count('decrypt-errors', 'Decrypt (operators) failed with an error', lambda('Errors', r.decryptFunctionName), m.functionErrors),
    count('encrypt-kms-failures', 'Encrypt could not encrypt: KMS failed or refused (log outcome encrypt-failed)', fromLog(r.envName, ENCRYPT_LOG_METRICS.kmsFailures.metricName), m.kmsFailures),
    {
      id: 'capture-failure-rate',
      description: `More than ${m.captureFailureRatePercent}% of finished captures failed over ${m.captureFailureWindowMinutes} min`,
      threshold: m.captureFailureRatePercent,
      comparison: 'GreaterThanThreshold',
      periodSeconds: m.captureFailureWindowMinutes * 60,
      treatMissingData: QUIET_IS_OK,
      math: {
        expression: '100 * FILL(failed, 0) / (FILL(failed, 0) + FILL(captured, 0))',
        label: 'Failed captures (%)',
        metrics: {
          failed: fromLog(r.envName, ENCRYPT_LOG_METRICS.failed.metricName),
          captured: fromLog(r.envName, ENCRYPT_LOG_METRICS.captured.metricName),
        },
      },
    },
    lex('lex-system-errors', 'Lex V2 runtime system errors on the live alias', 'RuntimeSystemErrors', m.lexSystemErrors),
    lex('lex-throttled', 'Lex V2 runtime requests throttled on the live alias', 'RuntimeThrottledEvents', m.lexThrottledEvents),
    count('flow-errors', 'The capture flow took an error branch', connect('ContactFlowErrors', r), m.contactFlowErrors),
    count('flow-fatal-errors', 'The capture flow failed with a system error', connect('ContactFlowFatalErrors', r), m.contactFlowFatalErrors),
    // The capture runs in the module now, invoked by this stack's flow and by teams' own flows. The Connect
    // guide names the dimension "The name of your flow" and says nothing of modules: these two watch the
    // module's name in case Connect counts its blocks under it (if it never does, they stay quiet).
    count('module-errors', 'The capture module took an error branch (if Connect counts module blocks under its name: undocumented)', connect('ContactFlowErrors', r, r.captureModuleName), m.contactFlowErrors),
    count('module-fatal-errors', 'The capture module failed with a system error (if Connect counts module blocks under its name: undocumented)', connect('ContactFlowFatalErrors', r, r.captureModuleName), m.contactFlowFatalErrors),
    count('delete-utterances-failed', 'The scheduled DeleteUtterances run failed: Lex may keep utterances', lambda('Errors', r.deleterFunctionName), 1),
  ];
}
