// The CI roles and the capture module (aws_connect_contact_flow_module): the statements of their own, the
// flow-module ARNs of this account and Region only. The evaluated rows (plan reads, cannot write; deploy
// writes) are in proofs/iam/iam-matrix.ts; every action and ARN is checked against iam-data in proofs/iam.
import { describe, expect, it } from 'vitest';
import { environments } from '../../test/synth-helpers';
import { deployPolicy, flowModuleArns, planReadPolicy } from './ci-policies';

describe.each(environments.map((env) => [env.name, env] as const))('CI roles and the capture module in %s', (_name, env) => {
  const sid = (statements: { Sid?: string }[], name: string) => statements.find((s) => s.Sid === name);

  it('names the flow modules of any instance of this account and Region, or of one instance when given its id', () => {
    expect(flowModuleArns(env)).toBe(`arn:aws:connect:${env.region}:${env.account}:instance/*/flow-module/*`);
    expect(flowModuleArns(env, '11111111-2222-4333-8444-555555555555')).toBe(`arn:aws:connect:${env.region}:${env.account}:instance/11111111-2222-4333-8444-555555555555/flow-module/*`);
  });

  it('lets the plan role (and so the deploy role) read the module as a refresh does, and nothing more', () => {
    const read = { Sid: 'ReadCaptureModule', Effect: 'Allow', Action: ['connect:DescribeContactFlowModule'], Resource: flowModuleArns(env) };
    expect(sid(planReadPolicy(env).Statement, 'ReadCaptureModule')).toEqual(read);
    expect(sid(deployPolicy(env).Statement, 'ReadCaptureModule')).toEqual(read);
  });

  it('gives the deploy role the calls the provider makes for the module, in a statement of their own', () => {
    expect(sid(deployPolicy(env).Statement, 'CaptureModule')).toEqual({
      Sid: 'CaptureModule', Effect: 'Allow', Resource: flowModuleArns(env),
      Action: ['connect:CreateContactFlowModule', 'connect:UpdateContactFlowModuleContent', 'connect:UpdateContactFlowModuleMetadata', 'connect:DeleteContactFlowModule', 'connect:TagResource', 'connect:UntagResource'],
    });
    expect(sid(planReadPolicy(env).Statement, 'CaptureModule')).toBeUndefined();
  });
});
