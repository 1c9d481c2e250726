// Every name the stacks give a resource after the prefix is one AWS accepts, and no longer than the longest
// the config check assumes for its kind (environments/resource-names.ts): so a prefix the config admits
// yields only names AWS admits, and a new, longer name fails here until its rule is updated.
import { describe, expect, it } from 'vitest';
import { NAME_RULES } from '../environments/resource-names';
import { planBackendConfig } from '../delivery/ci-facts';
import { environments, synthBootstrap, synthEnvironment } from './synth-helpers';

type Json = { resource: Record<string, Record<string, Record<string, any>>>; provider?: any; terraform?: any };
const values = (json: Json, type: string, attribute: string): string[] => Object.values(json.resource[type] ?? {}).map((r) => String(r[attribute]));
const UUID = '0b5c1e6e-7d2a-4c1b-9a8e-3f2d1c0b9a87';

/** The names of each kind the two stacks of one account write that start with the prefix (a generation id as a UUID). */
function namesByKind(env: (typeof environments)[number]): Record<string, string[]> {
  const stack = synthEnvironment(env) as unknown as Json;
  const bootstrap: Json = synthBootstrap(env);
  const both = (type: string, attribute: string) => [...values(stack, type, attribute), ...values(bootstrap, type, attribute)];
  const bots = Object.values(stack.resource.aws_cloudcontrolapi_resource!).filter((r) => r.type_name === 'AWS::Lex::Bot')
    .map((r) => String(JSON.parse(r.desired_state).Name).replace(/\$\{terraform_data\.[^}]+\.id\}/, UUID));
  const sessions = [stack.terraform.backend.s3.assume_role.session_name, stack.provider.aws[0].assume_role[0].session_name, /session_name="([^"]+)"/.exec(planBackendConfig(env))![1]!];
  const all: Record<string, string[]> = {
    'Lex bot name': bots,
    'IAM role name': both('aws_iam_role', 'name'),
    'IAM policy name': [...both('aws_iam_role_policy', 'name'), ...both('aws_iam_policy', 'name')],
    'Lambda function name': values(stack, 'aws_lambda_function', 'function_name'),
    'EventBridge Scheduler schedule name': values(stack, 'aws_scheduler_schedule', 'name'),
    'KMS alias name': values(stack, 'aws_kms_alias', 'name'),
    'CloudWatch Logs log group name': values(stack, 'aws_cloudwatch_log_group', 'name'),
    'CloudWatch Logs metric filter name': values(stack, 'aws_cloudwatch_log_metric_filter', 'name'),
    'SNS topic name': values(stack, 'aws_sns_topic', 'name'),
    'CloudWatch alarm name': values(stack, 'aws_cloudwatch_metric_alarm', 'alarm_name'),
    'CloudWatch dashboard name': values(stack, 'aws_cloudwatch_dashboard', 'dashboard_name'),
    'S3 bucket name': values(stack, 'aws_s3_bucket', 'bucket'),
    'CloudTrail trail name': values(stack, 'aws_cloudtrail', 'name'),
    'STS role session name': sessions,
  };
  // Names the config gives whole (the CI roles by ARN, Connect's flow-log group by instance alias) are not the prefix's.
  const derived = (n: string) => n.includes(env.prefix) && !n.startsWith('/aws/connect/');
  return Object.fromEntries(Object.entries(all).map(([k, names]) => [k, names.filter(derived)]));
}

describe.each(environments.map((e) => [e.name, e] as const))('names in %s', (_n, env) => {
  const names = namesByKind(env);

  it.each(NAME_RULES.map((r) => [r.what, r] as const))('every %s fits AWS\'s rule and the longest the config check assumes', (what, rule) => {
    expect(names[what]!.length, what).toBeGreaterThan(0);
    const longest = rule.longest(env.prefix, env.name).length;
    for (const name of names[what]!) {
      expect(name.length, name).toBeLessThanOrEqual(Math.min(longest, rule.max));
      expect(rule.pattern.test(name), name).toBe(true);
    }
    // The rule's longest is one the stacks really write (not a guess that is too generous).
    expect(names[what]!.map((n) => n.length)).toContain(longest);
  });
});
