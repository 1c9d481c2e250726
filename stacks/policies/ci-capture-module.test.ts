// The CI roles and the capture module (aws_connect_contact_flow_module): a read of its own on the flow-module
// ARNs of this account and Region (one instance's when it is an existing one); the deploy role's writes come
// with its Connect rights (connect:* for an instance the stack creates, tag-scoped statements in an existing
// one). The evaluated rows (plan reads, cannot write; deploy writes) are in proofs/iam/iam-matrix.ts; every
// action and ARN is checked against iam-data in proofs/iam.
import { describe, expect, it } from 'vitest';
import { instanceTarget } from '../../environments/connect-target';
import { connectVariants, synthesizedEnvironments } from '../../test/synth-helpers';
import { deployPolicy, planReadPolicy } from './ci-policies';
import { deployPolicyParts } from './deploy-policy-parts';
import { CAPTURE_MODULE_WRITES, flowModuleArns } from './connect-ci-policies';

describe.each([...synthesizedEnvironments, ...connectVariants].map((env) => [env.name, env] as const))('CI roles and the capture module in %s', (_name, env) => {
  const sid = (statements: { Sid?: string }[], name: string) => statements.find((s) => s.Sid === name);
  const instance = instanceTarget(env);
  const modules = flowModuleArns(env, instance.kind === 'existing' ? instance.id : '*');

  it('names the flow modules of any instance of this account and Region, or of one instance when given its id', () => {
    expect(flowModuleArns(env)).toBe(`arn:aws:connect:${env.region}:${env.account}:instance/*/flow-module/*`);
    expect(flowModuleArns(env, '11111111-2222-4333-8444-555555555555')).toBe(`arn:aws:connect:${env.region}:${env.account}:instance/11111111-2222-4333-8444-555555555555/flow-module/*`);
  });

  it('lets the plan role (and so the deploy role) read the module as a refresh does, and nothing more', () => {
    const read = { Sid: 'ReadCaptureModule', Effect: 'Allow', Action: ['connect:DescribeContactFlowModule'], Resource: modules };
    expect(sid(planReadPolicy(env, deployPolicyParts(env).map((p) => p.name)).Statement, 'ReadCaptureModule')).toEqual(read);
    expect(sid(deployPolicy(env).Statement, 'ReadCaptureModule')).toEqual(read);
  });

  it('gives the deploy role the calls the provider makes for the module: connect:* with a created instance, tag-scoped in an existing one', () => {
    if (instance.kind === 'create') {
      expect(sid(deployPolicy(env).Statement, 'BotAndContactCenter')).toMatchObject({ Action: expect.arrayContaining(['connect:*']), Resource: '*' });
      return;
    }
    const statements = deployPolicy(env).Statement;
    expect(sid(statements, 'CreateProjectModules')).toEqual({
      Sid: 'CreateProjectModules', Effect: 'Allow', Action: ['connect:CreateContactFlowModule', 'connect:TagResource'], Resource: modules,
      Condition: { StringEquals: { 'aws:RequestTag/project': 'secure-lex-input' } },
    });
    expect(sid(statements, 'ProjectModules')).toMatchObject({ Resource: modules, Condition: { StringEquals: { 'aws:ResourceTag/project': 'secure-lex-input' } } });
    expect(CAPTURE_MODULE_WRITES).toEqual(['connect:CreateContactFlowModule', 'connect:UpdateContactFlowModuleContent', 'connect:UpdateContactFlowModuleMetadata', 'connect:DeleteContactFlowModule', 'connect:TagResource', 'connect:UntagResource']);
    expect(sid(planReadPolicy(env, deployPolicyParts(env).map((p) => p.name)).Statement, 'ProjectModules')).toBeUndefined();
  });
});
