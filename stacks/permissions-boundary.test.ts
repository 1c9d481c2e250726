import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { PROJECT_SETTINGS } from '../environments/project';
import { environments, synthEnvironment } from '../test/synth-helpers';
import { BootstrapStack } from './bootstrap-stack';
import { permissionsBoundaryArn, permissionsBoundaryName } from './naming';
import { deployPolicy } from './policies/ci-policies';
import { deployPolicyNamePrefix } from './policies/deploy-guards';

// IAM User Guide, "Permissions boundaries for IAM entities":
// https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
// The simulation matrix (proofs/iam, docs/iam-matrix.md) proves what these policies allow and deny.
describe.each(environments.map((env) => [env.name, env] as const))('%s', (_name, env) => {
  it('the bootstrap stack creates the boundary under the name the environment stack derives from config', () => {
    const json = JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), env, PROJECT_SETTINGS)));
    // The bootstrap stack's other managed policies hold the deploy role's statements (deploy-policy-parts.ts).
    const policies = Object.values(json.resource.aws_iam_policy as Record<string, any>).filter((p) => !p.name.startsWith(deployPolicyNamePrefix(env)));
    expect(policies.map((p) => p.name)).toEqual([permissionsBoundaryName(env)]);
    expect(permissionsBoundaryArn(env)).toBe(`arn:aws:iam::${env.account}:policy/${policies[0].name}`);
    const actions = JSON.parse(policies[0].policy).Statement.flatMap((s: any) => s.Action);
    expect(actions.filter((a: string) => /^iam:|^sts:|\*/.test(a))).toEqual([]);
  });

  it('puts the boundary on every role of the environment stack', () => {
    const roles = Object.values(synthEnvironment(env).resource.aws_iam_role!);
    expect(roles.length).toBeGreaterThan(0);
    for (const role of roles) expect(role.permissions_boundary, role.name).toBe(permissionsBoundaryArn(env));
  });

  it('lets the deploy role create, extend or re-bound a role only with that boundary, and never lift or change it', () => {
    const statements = deployPolicy(env).Statement;
    const escalating = ['iam:CreateRole', 'iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:PutRolePermissionsBoundary'];
    for (const s of statements.filter((x) => x.Effect === 'Allow' && [x.Action].flat().some((a) => escalating.includes(a)))) {
      if (s.Sid.startsWith('ConnectServiceLinkedRole')) continue; // aws-service-role/connect.amazonaws.com/* only
      expect(s.Condition, s.Sid).toEqual({ StringEquals: { 'iam:PermissionsBoundary': permissionsBoundaryArn(env) } });
    }
    const denied = statements.filter((s) => s.Effect === 'Deny').flatMap((s) => s.Action);
    expect(denied).toEqual(expect.arrayContaining(['iam:DeleteRolePermissionsBoundary', 'iam:CreatePolicyVersion', 'iam:DeletePolicy', 'iam:SetDefaultPolicyVersion']));
  });
});
