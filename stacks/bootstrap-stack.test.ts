import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import { PROJECT_SETTINGS } from '../environments/project';
import { environments } from '../test/synth-helpers';
import { BootstrapStack } from './bootstrap-stack';

const synthBootstrap = (env: (typeof environments)[number]) =>
  JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), env, PROJECT_SETTINGS))) as { resource: Record<string, Record<string, any>>; provider: any; terraform: any };
const only = (json: ReturnType<typeof synthBootstrap>, type: string) => {
  const all = Object.values(json.resource[type] ?? {});
  expect(all, type).toHaveLength(1);
  return all[0]!;
};

describe.each(environments.map((env) => [env.name, env] as const))('bootstrap-%s', (_name, env) => {
  const json = synthBootstrap(env);
  const bucketRef = (attr: string) => `\${${'aws_s3_bucket'}.${Object.keys(json.resource.aws_s3_bucket!)[0]}.${attr}}`;

  it('keeps its own state in the bucket it creates, guarded to this account, with no role to assume yet', () => {
    expect(json.terraform.backend.s3).toMatchObject({ bucket: env.state.bucket, key: `${env.prefix}/bootstrap/terraform.tfstate`, encrypt: true, use_lockfile: true });
    expect(json.provider.aws[0].allowed_account_ids).toEqual([env.account]);
    expect(json.provider.aws[0].assume_role).toBeUndefined();
  });

  it('creates a versioned, encrypted, private, TLS-only state bucket that expires old versions', () => {
    expect(only(json, 'aws_s3_bucket')).toMatchObject({ bucket: env.state.bucket, lifecycle: { prevent_destroy: true } });
    expect(only(json, 'aws_s3_bucket_versioning').versioning_configuration.status).toBe('Enabled');
    expect(only(json, 'aws_s3_bucket_server_side_encryption_configuration').rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
    expect(only(json, 'aws_s3_bucket_public_access_block')).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const policy = JSON.parse(only(json, 'aws_s3_bucket_policy').policy);
    expect(policy.Statement).toEqual([expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Resource: [bucketRef('arn'), `${bucketRef('arn')}/*`], Condition: { Bool: { 'aws:SecureTransport': false } } })]);
    expect(only(json, 'aws_s3_bucket_lifecycle_configuration').rule[0].noncurrent_version_expiration[0].noncurrent_days).toBeGreaterThan(0);
  });

  it('trusts GitHub OIDC for this repository only: plans from pull requests, deploys from the GitHub Environment', () => {
    expect(only(json, 'aws_iam_openid_connect_provider')).toMatchObject({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] });
    const roles = Object.values(json.resource.aws_iam_role!);
    const trust = (arn: string) => JSON.parse(roles.find((r) => arn.endsWith(`:role/${r.name}`))!.assume_role_policy).Statement;
    const repo = PROJECT_SETTINGS.githubRepository;
    expect(trust(env.planRoleArn)[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe(`repo:${repo}:pull_request`);
    expect(trust(env.deployRoleArn)[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe(`repo:${repo}:environment:${env.name}`);
    for (const arn of [env.planRoleArn, env.deployRoleArn]) {
      expect(trust(arn)[0].Condition.StringEquals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
      expect(trust(arn)[1]).toMatchObject({ Action: 'sts:AssumeRole', Condition: { ArnEquals: { 'aws:PrincipalArn': arn } } });
    }
  });

  it('gives the plan role read-only access and the state to read, and nothing that writes', () => {
    expect(only(json, 'aws_iam_role_policy_attachment').policy_arn).toBe('arn:aws:iam::aws:policy/ReadOnlyAccess');
    const planPolicy = Object.values(json.resource.aws_iam_role_policy!).find((p) => p.name === 'read-state')!;
    const actions = JSON.parse(planPolicy.policy).Statement.flatMap((s: any) => s.Action);
    expect(actions.sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
  });

  it('scopes the deploy role\'s IAM, Lambda and state rights to this project\'s names', () => {
    const deploy = JSON.parse(Object.values(json.resource.aws_iam_role_policy!).find((p) => p.name === 'deploy-secure-input')!.policy).Statement;
    const sid = (s: string) => deploy.find((x: any) => x.Sid === s);
    expect(sid('ProjectRoles').Resource).toBe(`arn:aws:iam::${env.account}:role/${env.prefix}-${env.name}-*`);
    expect(sid('Functions').Resource).toBe(`arn:aws:lambda:${env.region}:${env.account}:function:${env.prefix}-${env.name}-*`);
    expect(sid('StateObjects').Resource).toBe(`arn:aws:s3:::${env.state.bucket}/${env.prefix}/${env.name}/*`);
    expect(deploy.flatMap((s: any) => s.Action)).not.toContain('kms:Decrypt');
  });
});
