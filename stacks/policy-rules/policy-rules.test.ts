import { describe, expect, it } from 'vitest';
import { environments, synthEnvironment } from '../../test/synth-helpers';
import { checkPolicies, POLICY_RULES, type PolicyRule, type TerraformJson } from './index';
import { keyDataUseConditioned } from './rules/key-data-use-conditioned';
import { logGroupsHaveRetention } from './rules/log-groups-have-retention';
import { noImplicitLogGroups } from './rules/no-implicit-log-groups';
import { noWildcardActions } from './rules/no-wildcard-actions';
import { servicePermissionsScoped } from './rules/service-permissions-scoped';
import { rolesHavePermissionsBoundary } from './rules/roles-have-permissions-boundary';

const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const contextCondition = { StringEquals: { 'kms:EncryptionContext:application': 'secure-lex-input' } };
const roleArn = '${aws_iam_role.encrypt.arn}';
const fn = { function_name: 'p-dev-encrypt' };
const group = { name: '/aws/lambda/p-dev-encrypt', retention_in_days: 14 };
const instance = { instance_alias: 'pay-line', contact_flow_logs_enabled: true };
const connectGroup = { name: '/aws/connect/pay-line', retention_in_days: 14 };
// CloudWatch on a key that encrypts an SNS topic and nothing else (the alarm topic key).
const cloudWatchGrant = (extra: object = {}) => ({ Sid: 'C', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey'], Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } }, ...extra });
const topicKey = (statement: object, more: object = {}): TerraformJson =>
  ({ resource: { aws_kms_key: { k: { policy: policy(statement) } }, aws_sns_topic: { t: { kms_master_key_id: '${aws_kms_key.k.arn}' } }, ...more } });

// Each rule: a stack fragment it passes and one it fails.
const cases: [PolicyRule, TerraformJson, TerraformJson][] = [
  [noWildcardActions,
    { resource: { aws_iam_role_policy: { p: { policy: policy({ Sid: 'A', Effect: 'Allow', Action: ['kms:Decrypt'], Resource: 'k' }) } } } },
    { resource: { aws_iam_role_policy: { p: { policy: policy({ Sid: 'A', Effect: 'Allow', Action: ['kms:*'], Resource: 'k' }) } } } }],
  [keyDataUseConditioned,
    { resource: { aws_kms_key: { k: { policy: policy({ Sid: 'E', Effect: 'Allow', Principal: { AWS: roleArn }, Action: 'kms:GenerateDataKey', Resource: '*', Condition: contextCondition }) } } } },
    { resource: { aws_kms_key: { k: { policy: policy({ Sid: 'E', Effect: 'Allow', Principal: { AWS: roleArn }, Action: 'kms:GenerateDataKey', Resource: '*' }) } } } }],
  [keyDataUseConditioned,
    { resource: { aws_kms_key: { k: { policy: policy({ Sid: 'R', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:DescribeKey', Resource: '*' }) } } } },
    { resource: { aws_kms_key: { k: { policy: policy({ Sid: 'R', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:Decrypt', Resource: '*', Condition: contextCondition }) } } } }],
  // the alarm-topic exception, and what falls outside it: the key also used by a function, a third action, no source condition
  [keyDataUseConditioned, topicKey(cloudWatchGrant()),
    topicKey(cloudWatchGrant(), { aws_lambda_function: { f: { environment: { variables: { KEY_ARN: '${aws_kms_key.k.arn}' } } } } })],
  [keyDataUseConditioned, topicKey(cloudWatchGrant()), topicKey(cloudWatchGrant({ Action: ['kms:Decrypt', 'kms:GenerateDataKey', 'kms:Encrypt'] }))],
  [keyDataUseConditioned, topicKey(cloudWatchGrant()), topicKey(cloudWatchGrant({ Condition: undefined }))],
  [keyDataUseConditioned, topicKey(cloudWatchGrant()),
    { resource: { aws_kms_key: { k: { policy: policy(cloudWatchGrant()) } } } }],
  [logGroupsHaveRetention,
    { resource: { aws_cloudwatch_log_group: { g: group } } },
    { resource: { aws_cloudwatch_log_group: { g: { name: group.name } } } }],
  // Connect's flow-log group: made by Terraform with retention, before the instance.
  [logGroupsHaveRetention,
    { resource: { aws_connect_instance: { i: { ...instance, depends_on: ['aws_cloudwatch_log_group.c'] } }, aws_cloudwatch_log_group: { c: connectGroup } } },
    { resource: { aws_connect_instance: { i: instance } } }],
  [logGroupsHaveRetention,
    { resource: { aws_connect_instance: { i: { ...instance, contact_flow_logs_enabled: false } } } },
    { resource: { aws_connect_instance: { i: instance }, aws_cloudwatch_log_group: { c: connectGroup } } }],
  [noImplicitLogGroups,
    { resource: { aws_lambda_function: { f: fn }, aws_cloudwatch_log_group: { g: group } } },
    { resource: { aws_lambda_function: { f: fn } } }],
  [noImplicitLogGroups,
    { resource: { aws_lambda_function: { f: { ...fn, logging_config: { log_group: '${aws_cloudwatch_log_group.g.name}' } } }, aws_cloudwatch_log_group: { g: group } } },
    { resource: { aws_lambda_function: { f: { ...fn, logging_config: { log_group: '${aws_cloudwatch_log_group.other.name}' } } }, aws_cloudwatch_log_group: { g: group } } }],
  [noImplicitLogGroups,
    { resource: { aws_iam_role_policy: { p: { policy: policy({ Sid: 'L', Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: 'g' }) } } } },
    { resource: { aws_iam_role_policy: { p: { policy: policy({ Sid: 'L', Effect: 'Allow', Action: ['logs:CreateLogGroup'], Resource: 'g' }) } } } }],
  [servicePermissionsScoped,
    { resource: { aws_lambda_permission: { p: { principal: 'lexv2.amazonaws.com', source_arn: 'arn', source_account: '111122223333' } } } },
    { resource: { aws_lambda_permission: { p: { principal: 'lexv2.amazonaws.com' } } } }],
  [rolesHavePermissionsBoundary,
    { resource: { aws_iam_role: { r: { name: 'p-dev-encrypt-fn', permissions_boundary: 'arn:aws:iam::111122223333:policy/p-dev-permissions-boundary' } } } },
    { resource: { aws_iam_role: { r: { name: 'p-dev-encrypt-fn' } } } }],
];

describe.each(cases.map(([rule, pass, fail], i) => [`${rule.name} #${i}`, rule, pass, fail] as const))('%s', (_label, rule, pass, fail) => {
  it('passes the good fragment', () => expect(rule.check(pass)).toEqual([]));
  it('fails the bad fragment, naming rule and resource', () => {
    const problems = rule.check(fail);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ rule: rule.name, address: expect.stringMatching(/^aws_[a-z_]+\.[a-z]$/) });
  });
});

it('every rule has a passing and a failing case', () => {
  expect(new Set(cases.map(([r]) => r))).toEqual(new Set(POLICY_RULES));
});

it.each(environments.map((env) => [env.name, env] as const))('the %s stack passes every rule', (_name, env) => {
  expect(checkPolicies(synthEnvironment(env) as TerraformJson)).toEqual([]);
});
