import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { FLOW_NAME, MODULE_NAME } from '../flows';
import { instanceTarget } from '../environments/connect-target';
import { environments, examples, synthEnvironment, type SynthesizedStack } from '../test/synth-helpers';
import { SecureInputStack } from './secure-input-stack';
import { SETTINGS } from './constructs/secure-input-functions';

// Alarms, topic, dashboard and the utterance deleter as Terraform reads them. Metric names, namespaces
// and dimensions are the documented ones (docs/operations.md cites each page):
// - AWS/Lambda Errors, Throttles, Duration by FunctionName: Lambda developer guide, "Types of metrics for Lambda functions";
// - AWS/Lex RuntimeSystemErrors, RuntimeThrottledEvents by BotId and BotAliasId (plus operation/locale/mode):
//   https://docs.aws.amazon.com/lexv2/latest/dg/monitoring-cloudwatch.html;
// - AWS/Connect ContactFlowErrors, ContactFlowFatalErrors by InstanceId, MetricGroup=ContactFlow, ContactFlowName:
//   https://docs.aws.amazon.com/connect/latest/adminguide/monitoring-cloudwatch.html;
// - lex:DeleteUtterances on resource type bot (arn:aws:lex:<region>:<account>:bot/<botId>):
//   https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonlexv2.html.
const dev = environments.find((e) => e.name === 'dev')!;
const json = synthEnvironment(dev);
const all = (type: string, stack: SynthesizedStack = json) => Object.entries(stack.resource[type] ?? {});
const only = (type: string, part: string, stack: SynthesizedStack = json) => {
  const found = all(type, stack).filter(([name]) => name.includes(part));
  if (found.length !== 1) throw new Error(`expected one ${type} named *${part}*, found ${found.length}`);
  return { address: `${type}.${found[0]![0]}`, body: found[0]![1] };
};
const ref = (address: string, attribute: string) => `\${${address}.${attribute}}`;

const topic = only('aws_sns_topic', 'monitoring_topic');
const alarms = Object.fromEntries(all('aws_cloudwatch_metric_alarm').map(([, a]) => [String(a.alarm_name).replace('secure-input-dev-', ''), a]));
const encrypt = only('aws_lambda_function', 'functions_encrypt');
const bot = only('aws_cloudcontrolapi_resource', 'bot_resource');
const deleter = only('aws_lambda_function', 'utterance-deleter');
const instance = only('aws_connect_instance', 'instance');

describe('the alarm topic', () => {
  it('is encrypted with its own rotating customer-managed key, not the capture key and not alias/aws/sns', () => {
    const key = only('aws_kms_key', 'topic-key');
    expect(topic.body.kms_master_key_id).toBe(ref(key.address, 'arn'));
    expect(key.body.enable_key_rotation).toBe(true);
    expect(encrypt.body.environment.variables.KEY_ARN).not.toBe(ref(key.address, 'arn'));
  });

  it('lets CloudWatch use that key only for this account\'s alarms of this environment', () => {
    const policy = JSON.parse(only('aws_kms_key', 'topic-key').body.policy);
    const service = policy.Statement.filter((s: any) => s.Principal.Service);
    expect(service).toEqual([{
      Sid: 'CloudWatchAlarmsPublishToTopic', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': dev.account }, ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:${dev.region}:${dev.account}:alarm:secure-input-dev-*` } },
    }]);
    for (const name of Object.keys(alarms)) expect(`secure-input-dev-${name}`).toMatch(/^secure-input-dev-/);
  });

  it('has no subscription by default, and one email subscription per configured address', () => {
    expect(all('aws_sns_topic_subscription')).toEqual([]);
    const withEmails = { ...dev, monitoring: { ...dev.monitoring, alarmEmails: ['oncall@example.com', 'lead@example.com'] } };
    const stack = JSON.parse(Testing.synth(new SecureInputStack(Testing.app(), withEmails))) as SynthesizedStack;
    const subs = all('aws_sns_topic_subscription', stack).map(([, s]) => s);
    expect(subs.map((s) => [s.protocol, s.endpoint])).toEqual([['email', 'oncall@example.com'], ['email', 'lead@example.com']]);
    for (const s of subs) expect(s.topic_arn).toBe(ref(only('aws_sns_topic', 'monitoring_topic', stack).address, 'arn'));
  });
});

describe('every alarm', () => {
  it('notifies the topic when it goes off and when it clears, and treats missing data as no traffic', () => {
    expect(Object.keys(alarms).sort()).toEqual([
      'capture-failure-rate', 'decrypt-errors', 'delete-utterances-failed', 'encrypt-duration', 'encrypt-errors', 'encrypt-kms-failures',
      'encrypt-throttles', 'flow-errors', 'flow-fatal-errors', 'lex-system-errors', 'lex-throttled', 'module-errors', 'module-fatal-errors',
    ]);
    for (const a of Object.values(alarms)) {
      expect(a.alarm_actions).toEqual([ref(topic.address, 'arn')]);
      expect(a.ok_actions).toEqual([ref(topic.address, 'arn')]);
      expect(a.treat_missing_data).toBe('notBreaching');
      expect(a.evaluation_periods).toBe(1);
    }
  });

  it.each([
    ['encrypt-errors', 'Errors', 'secure-input-dev-encrypt', 'Sum', 'GreaterThanOrEqualToThreshold', 1],
    ['encrypt-throttles', 'Throttles', 'secure-input-dev-encrypt', 'Sum', 'GreaterThanOrEqualToThreshold', 1],
    ['encrypt-duration', 'Duration', 'secure-input-dev-encrypt', 'Maximum', 'GreaterThanThreshold', SETTINGS.encrypt.timeout * 1000 * 0.8],
    ['decrypt-errors', 'Errors', 'secure-input-dev-decrypt', 'Sum', 'GreaterThanOrEqualToThreshold', 1],
    ['delete-utterances-failed', 'Errors', 'secure-input-dev-delete-utterances', 'Sum', 'GreaterThanOrEqualToThreshold', 1],
  ])('%s watches AWS/Lambda %s of %s (%s)', (name, metric, fn, stat, comparison, threshold) => {
    expect(alarms[name]).toMatchObject({ namespace: 'AWS/Lambda', metric_name: metric, dimensions: { FunctionName: fn }, statistic: stat, period: 300, comparison_operator: comparison, threshold });
    expect(Object.keys(alarms[name].dimensions)).toEqual(['FunctionName']);
  });

  it('the Lambda alarms name functions that exist in the stack', () => {
    const names = all('aws_lambda_function').map(([, f]) => f.function_name);
    for (const name of ['encrypt-errors', 'encrypt-throttles', 'encrypt-duration', 'decrypt-errors', 'delete-utterances-failed']) {
      expect(names).toContain(alarms[name].dimensions.FunctionName);
    }
  });

  it('encrypt-kms-failures sums the KMS-failure metric the Encrypt log filter makes', () => {
    expect(alarms['encrypt-kms-failures']).toMatchObject({ namespace: 'SecureLexInput/dev', metric_name: 'EncryptKmsFailures', statistic: 'Sum', threshold: 1 });
    expect(alarms['encrypt-kms-failures'].dimensions).toBeUndefined();
  });

  it('capture-failure-rate divides failed by finished captures over the configured window', () => {
    const a = alarms['capture-failure-rate'];
    expect(a).toMatchObject({ comparison_operator: 'GreaterThanThreshold', threshold: 20 });
    const [result, ...inputs] = a.metric_query;
    expect(result).toMatchObject({ id: 'result', return_data: true, expression: '100 * FILL(failed, 0) / (FILL(failed, 0) + FILL(captured, 0))' });
    expect(inputs).toEqual([
      { id: 'failed', return_data: false, metric: { namespace: 'SecureLexInput/dev', metric_name: 'CapturesFailed', stat: 'Sum', period: 900 } },
      { id: 'captured', return_data: false, metric: { namespace: 'SecureLexInput/dev', metric_name: 'CapturesSucceeded', stat: 'Sum', period: 900 } },
    ]);
  });

  it.each([['lex-system-errors', 'RuntimeSystemErrors'], ['lex-throttled', 'RuntimeThrottledEvents']])('%s sums AWS/Lex %s of this bot and alias', (name, metric) => {
    const [query] = alarms[name].metric_query;
    expect(alarms[name].metric_query).toHaveLength(1);
    expect(query).toMatchObject({ id: 'result', return_data: true, period: 300 });
    expect(query.expression).toBe(`SELECT SUM(${metric}) FROM "AWS/Lex" WHERE BotId = '${ref(bot.address, 'id')}' AND BotAliasId = '\${local.bot_alias_BotAliasId_E5E8A51F}'`);
  });

  it.each([['flow-errors', 'ContactFlowErrors'], ['flow-fatal-errors', 'ContactFlowFatalErrors']])('%s watches AWS/Connect %s of the capture flow', (name, metric) => {
    expect(alarms[name]).toMatchObject({
      namespace: 'AWS/Connect', metric_name: metric, statistic: 'Sum',
      dimensions: { InstanceId: ref(instance.address, 'id'), MetricGroup: 'ContactFlow', ContactFlowName: FLOW_NAME },
    });
  });

  it.each([['module-errors', 'ContactFlowErrors'], ['module-fatal-errors', 'ContactFlowFatalErrors']])('%s watches AWS/Connect %s under the capture module\'s name, with the flow\'s thresholds', (name, metric) => {
    expect(alarms[name]).toMatchObject({
      namespace: 'AWS/Connect', metric_name: metric, statistic: 'Sum', threshold: alarms[name.replace('module', 'flow')].threshold,
      dimensions: { InstanceId: ref(instance.address, 'id'), MetricGroup: 'ContactFlow', ContactFlowName: MODULE_NAME },
    });
    expect(only('aws_connect_contact_flow_module', 'capture-module').body.name).toBe(MODULE_NAME);
  });

  it('thresholds come from the environment config', () => {
    const tuned = { ...dev, monitoring: { ...dev.monitoring, captureFailureRatePercent: 35, captureFailureWindowMinutes: 30, encryptDurationPercentOfTimeout: 50, periodMinutes: 10 } };
    const stack = JSON.parse(Testing.synth(new SecureInputStack(Testing.app(), tuned))) as SynthesizedStack;
    const byName = Object.fromEntries(all('aws_cloudwatch_metric_alarm', stack).map(([, a]) => [a.alarm_name, a]));
    expect(byName['secure-input-dev-capture-failure-rate'].threshold).toBe(35);
    expect(byName['secure-input-dev-capture-failure-rate'].metric_query[1].metric.period).toBe(1800);
    expect(byName['secure-input-dev-encrypt-duration']).toMatchObject({ threshold: SETTINGS.encrypt.timeout * 500, period: 600 });
  });
});

describe('the dashboard', () => {
  // A metric as "namespace metric dim=value ..." with dimensions sorted, from an alarm or a widget row.
  const canonical = (namespace: string, name: string, dims: Record<string, string> = {}) =>
    [namespace, name, ...Object.entries(dims).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`)].join(' ');
  const fromRow = (row: unknown[]) => {
    const [namespace, name, ...rest] = row.filter((x) => typeof x === 'string') as string[];
    const dims: Record<string, string> = {};
    for (let i = 0; i < rest.length; i += 2) dims[rest[i]!] = rest[i + 1]!;
    return canonical(namespace!, name!, dims);
  };

  it('graphs exactly the metrics and queries the alarms watch', () => {
    const body = JSON.parse(only('aws_cloudwatch_dashboard', 'dashboard').body.dashboard_body);
    expect(body.widgets).toHaveLength(Object.keys(alarms).length);
    const rows: unknown[][] = body.widgets.flatMap((w: any) => w.properties.metrics);
    const metrics = new Set(rows.filter((r) => typeof r[0] === 'string').map(fromRow));
    const expressions = new Set(rows.filter((r) => typeof r[0] === 'object').map((r) => (r[0] as { expression: string }).expression));
    const watched = new Set<string>();
    const watchedExpressions = new Set<string>();
    for (const a of Object.values(alarms)) {
      if (a.metric_name) watched.add(canonical(a.namespace, a.metric_name, a.dimensions));
      for (const q of a.metric_query ?? []) {
        if (q.expression) watchedExpressions.add(q.expression);
        if (q.metric) watched.add(canonical(q.metric.namespace, q.metric.metric_name, q.metric.dimensions));
      }
    }
    expect(metrics).toEqual(watched);
    expect(expressions).toEqual(watchedExpressions);
  });
});

describe('the utterance deleter', () => {
  it('runs on an EventBridge Scheduler schedule, daily by default, with a fixed empty input', () => {
    const schedule = only('aws_scheduler_schedule', 'utterance-deleter').body;
    expect(schedule).toMatchObject({ schedule_expression: 'rate(1 day)', schedule_expression_timezone: 'UTC', flexible_time_window: { mode: 'OFF' } });
    expect(schedule.target).toMatchObject({ arn: ref(deleter.address, 'arn'), input: '{}', role_arn: ref(only('aws_iam_role', 'scheduler-role').address, 'arn') });
  });

  it('follows a configured schedule', () => {
    const weekly = { ...dev, monitoring: { ...dev.monitoring, deleteUtterancesSchedule: 'cron(0 3 ? * SUN *)', deleteUtterancesTimezone: 'Europe/Berlin' } };
    const stack = JSON.parse(Testing.synth(new SecureInputStack(Testing.app(), weekly))) as SynthesizedStack;
    expect(only('aws_scheduler_schedule', 'utterance-deleter', stack).body).toMatchObject({ schedule_expression: 'cron(0 3 ? * SUN *)', schedule_expression_timezone: 'Europe/Berlin' });
  });

  it('may call exactly lex:DeleteUtterances on exactly this bot, besides writing its own logs', () => {
    const role = only('aws_iam_role', 'utterance-deleter_role');
    const policies = all('aws_iam_role_policy').map(([, p]) => p).filter((p) => p.role === ref(role.address, 'id'));
    expect(policies).toHaveLength(1);
    expect(JSON.parse(policies[0].policy).Statement).toEqual([
      { Sid: 'WriteOwnLogs', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: `${ref(only('aws_cloudwatch_log_group', 'utterance-deleter').address, 'arn')}:*` },
      { Sid: 'DeleteThisBotsUtterances', Effect: 'Allow', Action: ['lex:DeleteUtterances'], Resource: `arn:aws:lex:${dev.region}:${dev.account}:bot/${ref(bot.address, 'id')}` },
    ]);
    expect(JSON.parse(role.body.assume_role_policy).Statement[0].Principal).toEqual({ Service: 'lambda.amazonaws.com' });
    expect(deleter.body.environment.variables.BOT_ID).toBe(ref(bot.address, 'id'));
    expect(deleter.body.logging_config).toMatchObject({ log_format: 'JSON', log_group: ref(only('aws_cloudwatch_log_group', 'utterance-deleter').address, 'name') });
  });

  it('the scheduler role may only invoke the deleter, and only this account\'s schedules may assume it', () => {
    const role = only('aws_iam_role', 'scheduler-role');
    const policies = all('aws_iam_role_policy').map(([, p]) => p).filter((p) => p.role === ref(role.address, 'id'));
    expect(policies).toHaveLength(1);
    expect(JSON.parse(policies[0].policy).Statement).toEqual([
      { Sid: 'InvokeUtteranceDeleter', Effect: 'Allow', Action: ['lambda:InvokeFunction'], Resource: ref(deleter.address, 'arn') },
    ]);
    expect(JSON.parse(role.body.assume_role_policy).Statement).toEqual([{
      Sid: 'SchedulerAssumesRole', Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceAccount': dev.account } },
    }]);
  });
});

// With an existing instance the Connect metrics carry that instance's id (from config), the same value
// Connect publishes them under; nothing refers to an instance the stack does not have.
describe.each(examples.filter((e) => instanceTarget(e).kind === 'existing').map((e) => [e.name, e] as const))('Connect alarms and dashboard in %s (an existing instance)', (_name, env) => {
  const stack = synthEnvironment(env);
  const id = (instanceTarget(env) as { id: string }).id;
  const connectAlarms = all('aws_cloudwatch_metric_alarm', stack).map(([, a]) => a).filter((a) => a.namespace === 'AWS/Connect');

  it('watch the flow and the capture module of the configured instance', () => {
    expect(connectAlarms.map((a) => `${a.dimensions.ContactFlowName} ${a.metric_name}`).sort()).toEqual(
      [FLOW_NAME, MODULE_NAME].flatMap((name) => [`${name} ContactFlowErrors`, `${name} ContactFlowFatalErrors`]).sort());
    for (const a of connectAlarms) expect(a.dimensions).toEqual({ InstanceId: id, MetricGroup: 'ContactFlow', ContactFlowName: a.dimensions.ContactFlowName });
    const body = JSON.parse(only('aws_cloudwatch_dashboard', 'dashboard', stack).body.dashboard_body);
    const connectRows = body.widgets.flatMap((w: any) => w.properties.metrics).filter((r: unknown[]) => r[0] === 'AWS/Connect');
    expect(connectRows.map((r: unknown[]) => `${r[7]} ${r[1]}`)).toEqual([FLOW_NAME, MODULE_NAME].flatMap((name) => [`${name} ContactFlowErrors`, `${name} ContactFlowFatalErrors`]));
    for (const row of connectRows) expect(row.slice(2, 4)).toEqual(['InstanceId', id]);
    expect(JSON.stringify(stack.resource)).not.toContain('aws_connect_instance.');
  });
});
