import { describe, expect, it } from 'vitest';
import { instanceTarget } from '../../environments/connect-target';
import { synthesizedEnvironments } from '../../test/synth-helpers';
import { deployPolicy, planReadPolicy } from './ci-policies';
import { deployPolicyParts } from './deploy-policy-parts';
import type { PolicyStatement } from './policy-document';

// IAM resource wildcards: `*` matches any run of characters (the IAM user guide, "IAM JSON policy elements: Resource").
const matches = (pattern: string, arn: string) =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.?+^$()[\]{}|\\/]/g, '\\$&')).join('.*')}$`).test(arn);
const allows = (statements: PolicyStatement[], action: string, arn: string) =>
  statements.some((s) => s.Effect === 'Allow' && [s.Action].flat().includes(action) && [s.Resource].flat().some((r) => matches(String(r), arn)));

describe.each(synthesizedEnvironments.map((env) => [env.name, env] as const))('CI roles and log groups in %s', (_name, env) => {
  const group = (name: string) => `arn:aws:logs:${env.region}:${env.account}:log-group:${name}`;
  const instance = instanceTarget(env);
  const deploy = deployPolicy(env).Statement;
  const plan = planReadPolicy(env, deployPolicyParts(env).map((p) => p.name)).Statement;

  it.runIf(instance.kind === 'create')('lets the deploy role create, retain and delete Connect\'s flow-log group of this instance, and no other /aws/connect group', () => {
    const connectGroup = `/aws/connect/${(instance as { alias: string }).alias}`;
    for (const action of ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteLogGroup']) {
      expect(allows(deploy, action, group(connectGroup)), action).toBe(true);
      expect(allows(deploy, action, group('/aws/connect/another-instance')), action).toBe(false);
      expect(allows(deploy, action, group(`${connectGroup}-other`)), action).toBe(false);
      expect(allows(deploy, action, group(`/aws/lambda/${env.prefix}-${env.name}-encrypt`)), action).toBe(true);
    }
    expect(allows(plan, 'logs:ListTagsForResource', group(connectGroup))).toBe(true);
  });

  // An existing instance's flow logs go to the team's own group (whatever its alias): not the stack's to touch.
  it.runIf(instance.kind === 'existing')('with an existing instance, lets the deploy role touch no /aws/connect group at all', () => {
    for (const action of ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteLogGroup']) {
      expect(deploy.filter((s) => s.Effect === 'Allow' && [s.Action].flat().includes(action)).flatMap((s) => [s.Resource].flat()).filter((r) => String(r).includes('/aws/connect')), action).toEqual([]);
      expect(allows(deploy, action, group(`/aws/lambda/${env.prefix}-${env.name}-encrypt`)), action).toBe(true);
    }
  });

  it('lets the plan role read no other /aws/connect group\'s tags', () => {
    expect(allows(plan, 'logs:ListTagsForResource', group('/aws/connect/another-instance'))).toBe(false);
  });
});
