import { describe, expect, it } from 'vitest';
import { environments } from '../../test/synth-helpers';
import { deployPolicy, planReadPolicy } from './ci-policies';
import type { PolicyStatement } from './policy-document';

// IAM resource wildcards: `*` matches any run of characters (the IAM user guide, "IAM JSON policy elements: Resource").
const matches = (pattern: string, arn: string) =>
  new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.?+^$()[\]{}|\\/]/g, '\\$&')).join('.*')}$`).test(arn);
const allows = (statements: PolicyStatement[], action: string, arn: string) =>
  statements.some((s) => s.Effect === 'Allow' && [s.Action].flat().includes(action) && [s.Resource].flat().some((r) => matches(String(r), arn)));

describe.each(environments.map((env) => [env.name, env] as const))('CI roles and log groups in %s', (_name, env) => {
  const group = (name: string) => `arn:aws:logs:${env.region}:${env.account}:log-group:${name}`;
  const connectGroup = `/aws/connect/${env.connect.instanceAlias}`;
  const deploy = deployPolicy(env).Statement;
  const plan = planReadPolicy(env).Statement;

  it('lets the deploy role create, retain and delete Connect\'s flow-log group of this instance, and no other /aws/connect group', () => {
    for (const action of ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:DeleteLogGroup']) {
      expect(allows(deploy, action, group(connectGroup)), action).toBe(true);
      expect(allows(deploy, action, group('/aws/connect/another-instance')), action).toBe(false);
      expect(allows(deploy, action, group(`${connectGroup}-other`)), action).toBe(false);
      expect(allows(deploy, action, group(`/aws/lambda/${env.prefix}-${env.name}-encrypt`)), action).toBe(true);
    }
  });

  it('lets the plan role read that group\'s tags, as a refresh does', () => {
    expect(allows(plan, 'logs:ListTagsForResource', group(connectGroup))).toBe(true);
    expect(allows(plan, 'logs:ListTagsForResource', group('/aws/connect/another-instance'))).toBe(false);
  });
});
