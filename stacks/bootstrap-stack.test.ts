import { Testing } from 'cdktf';
import { describe, expect, it } from 'vitest';
import dev from '../environments/dev';
import { loadEnvironment, stateKey } from '../environments';
import { PROJECT_SETTINGS } from '../environments/project';
import { instanceTarget } from '../environments/connect-target';
import { connectVariants, environments, synthesizedEnvironments } from '../test/synth-helpers';
import { BootstrapStack } from './bootstrap-stack';
import { bootstrapStateKey } from './naming';
import { deployPolicy } from './policies/ci-policies';

const synthBootstrap = (env: (typeof environments)[number]) =>
  JSON.parse(Testing.synth(new BootstrapStack(Testing.app(), env, PROJECT_SETTINGS))) as { resource: Record<string, Record<string, any>>; provider: any; terraform: any };
const only = (json: ReturnType<typeof synthBootstrap>, type: string) => {
  const all = Object.values(json.resource[type] ?? {});
  expect(all, type).toHaveLength(1);
  return all[0]!;
};

// Every environment, example and Connect mode: an existing instance gives the deploy role other rights.
describe.each([...synthesizedEnvironments, ...connectVariants].map((env) => [env.name, env] as const))('bootstrap-%s', (_name, env) => {
  const json = synthBootstrap(env);
  const bucketRef = (attr: string) => `\${${'aws_s3_bucket'}.${Object.keys(json.resource.aws_s3_bucket!)[0]}.${attr}}`;

  it('keeps its own state in the bucket it creates, guarded to this account, with no role to assume yet', () => {
    expect(json.terraform.backend.s3).toMatchObject({ bucket: env.state.bucket, key: `${env.prefix}/bootstrap-${env.name}/terraform.tfstate`, encrypt: true, use_lockfile: true });
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

  it('trusts GitHub OIDC for this repository only: plans from pull requests and main, deploys from the GitHub Environment', () => {
    expect(only(json, 'aws_iam_openid_connect_provider')).toMatchObject({ url: 'https://token.actions.githubusercontent.com', client_id_list: ['sts.amazonaws.com'] });
    const roles = Object.values(json.resource.aws_iam_role!);
    const trust = (arn: string) => JSON.parse(roles.find((r) => arn.endsWith(`:role/${r.name}`))!.assume_role_policy).Statement;
    const repo = PROJECT_SETTINGS.githubRepository;
    expect(trust(env.planRoleArn)[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toEqual([`repo:${repo}:pull_request`, `repo:${repo}:ref:refs/heads/main`]);
    expect(trust(env.deployRoleArn)[0].Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe(`repo:${repo}:environment:${env.name}`);
    for (const arn of [env.planRoleArn, env.deployRoleArn]) {
      expect(trust(arn)[0].Condition.StringEquals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
      expect(trust(arn)[1]).toMatchObject({ Action: 'sts:AssumeRole', Condition: { ArnEquals: { 'aws:PrincipalArn': arn } } });
    }
  });

  const rolePolicy = (name: string) => JSON.parse(Object.values(json.resource.aws_iam_role_policy!).find((p) => p.name === name)!.policy).Statement as any[];
  const actionsOf = (statements: any[]) => statements.flatMap((s) => s.Action);
  const plan = rolePolicy('plan-secure-input');
  // The deploy role's statements live in customer managed policies attached to it.
  const deployRoleName = env.deployRoleArn.split('/').pop()!;
  const deployRole = Object.entries(json.resource.aws_iam_role!).find(([, r]) => r.name === deployRoleName)![0];
  const attached = Object.values(json.resource.aws_iam_role_policy_attachment ?? {}).filter((a) => a.role === `\${aws_iam_role.${deployRole}.name}`).map((a) => a.policy_arn);
  const deployPolicies = Object.entries(json.resource.aws_iam_policy!).filter(([name]) => attached.includes(`\${aws_iam_policy.${name}.arn}`)).map(([, p]) => p);
  const deploy = deployPolicies.flatMap((p) => JSON.parse(p.policy).Statement) as any[];
  const sid = (statements: any[], s: string) => statements.find((x) => x.Sid === s);

  it('gives the plan role reads only: its own state, the stack\'s resources, and re-assuming itself', () => {
    // Its inline policy only: every attachment in the stack is one of the deploy role's policies.
    expect(Object.values(json.resource.aws_iam_role_policy_attachment ?? {}).filter((a) => !attached.includes(a.policy_arn))).toEqual([]);
    expect(sid(plan, 'ReadState')).toMatchObject({ Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${env.state.bucket}/${env.prefix}/${env.name}/terraform.tfstate` });
    expect(sid(plan, 'ReassumeItself')).toMatchObject({ Action: ['sts:AssumeRole'], Resource: env.planRoleArn });
    const reads = plan.filter((s) => s.Sid !== 'ReassumeItself');
    for (const action of actionsOf(reads)) expect(action).toMatch(/^[a-z0-9]+:(Describe|Get|List)[A-Za-z]+$/);
    // Nothing that reads captured data: no utterances, no log events, no decrypt, no other S3 object.
    expect(actionsOf(plan).filter((a) => /Utterance|LogEvents|Decrypt|GetContactAttributes|GetSession/.test(a))).toEqual([]);
  });

  it('scopes the deploy role\'s IAM, Lambda and state rights to this project\'s names', () => {
    expect(sid(deploy, 'ProjectRoles').Resource).toBe(`arn:aws:iam::${env.account}:role/${env.prefix}-${env.name}-*`);
    expect(sid(deploy, 'Functions').Resource).toBe(`arn:aws:lambda:${env.region}:${env.account}:function:${env.prefix}-${env.name}-*`);
    expect(sid(deploy, 'StateObjects').Resource).toBe(`arn:aws:s3:::${env.state.bucket}/${env.prefix}/${env.name}/*`);
    const writable = new RegExp(`^${sid(deploy, 'StateObjects').Resource.split('*').map((p: string) => p.replace(/[.?+^$()[\]{}|\\/]/g, '\\$&')).join('.*')}$`);
    expect(`arn:aws:s3:::${env.state.bucket}/${stateKey(env)}`).toMatch(writable);
    expect(`arn:aws:s3:::${env.state.bucket}/${bootstrapStateKey(env)}`).not.toMatch(writable);
    expect(sid(deploy, 'ReassumeItself')).toMatchObject({ Action: ['sts:AssumeRole'], Resource: env.deployRoleArn });
    expect(actionsOf(deploy)).not.toContain('kms:Decrypt');
  });

  // Each resource type of the bootstrap stack, and the plan role's statement that lets its refresh read it.
  const BOOTSTRAP_READS: Record<string, string> = {
    aws_s3_bucket: 'ReadStateBucketConfiguration', aws_s3_bucket_lifecycle_configuration: 'ReadStateBucketConfiguration',
    aws_s3_bucket_ownership_controls: 'ReadStateBucketConfiguration', aws_s3_bucket_policy: 'ReadStateBucketConfiguration',
    aws_s3_bucket_public_access_block: 'ReadStateBucketConfiguration', aws_s3_bucket_server_side_encryption_configuration: 'ReadStateBucketConfiguration',
    aws_s3_bucket_versioning: 'ReadStateBucketConfiguration',
    aws_iam_role: 'ReadBootstrapRoles', aws_iam_role_policy: 'ReadBootstrapRoles', aws_iam_role_policy_attachment: 'ReadBootstrapRoles',
    aws_iam_policy: 'ReadBootstrapPolicies', aws_iam_openid_connect_provider: 'ReadGithubOidcProvider',
  };
  it('lets the plan role read what the bootstrap stack manages, by name, so its plan runs in pull requests and drift', () => {
    for (const type of Object.keys(json.resource)) expect(BOOTSTRAP_READS, `${type}: which plan-role statement reads it?`).toHaveProperty(type);
    for (const type of Object.keys(json.resource)) expect(sid(plan, BOOTSTRAP_READS[type]!), type).toBeDefined();
    expect(sid(plan, 'ReadBootstrapState')).toMatchObject({ Action: ['s3:GetObject'], Resource: `arn:aws:s3:::${env.state.bucket}/${bootstrapStateKey(env)}` });
    expect(sid(plan, 'ReadStateBucketConfiguration').Resource).toBe(`arn:aws:s3:::${only(json, 'aws_s3_bucket').bucket}`);
    const roleArns = Object.values(json.resource.aws_iam_role!).map((r) => `arn:aws:iam::${env.account}:role${r.path ?? '/'}${r.name}`);
    expect([...sid(plan, 'ReadBootstrapRoles').Resource].sort()).toEqual(roleArns.sort());
    // Every managed policy the bootstrap stack holds is read by name: the boundary and the deploy role's parts.
    expect([...sid(plan, 'ReadBootstrapPolicies').Resource].sort()).toEqual(Object.values(json.resource.aws_iam_policy!).map((p) => `arn:aws:iam::${env.account}:policy/${p.name}`).sort());
    expect(Object.values(json.resource.aws_iam_policy!).filter((p) => String(p.name).endsWith('-permissions-boundary'))).toHaveLength(1);
    if (json.resource.aws_iam_openid_connect_provider) {
      expect(sid(plan, 'ReadGithubOidcProvider').Resource).toBe(`arn:aws:iam::${env.account}:oidc-provider/${only(json, 'aws_iam_openid_connect_provider').url.replace('https://', '')}`);
    } else expect(sid(plan, 'ReadGithubOidcProvider')).toBeUndefined();
    // Reads only, on those resources only: never the environment's state folder for writing, never another object.
    for (const statement of plan.filter((x) => x.Sid.startsWith('ReadBootstrap') || ['ReadStateBucketConfiguration', 'ReadGithubOidcProvider'].includes(x.Sid))) {
      for (const resource of [statement.Resource].flat()) expect(resource, statement.Sid).not.toContain('*');
    }
  });

  it('gives both CI roles the reads of Decrypt\'s alias and invoke trail, and the deploy role alone their writes', () => {
    for (const statements of [plan, deploy]) {
      expect(sid(statements, 'ReadDecryptAliases')).toBeDefined();
      // Reads name the bucket itself, never its objects.
      expect(sid(statements, 'ReadInvokeTrailBucketConfiguration').Resource).toBe(`arn:aws:s3:::${env.prefix}-${env.name}-decrypt-invokes-${env.account}`);
    }
    expect(sid(deploy, 'PublishDecryptAndItsAlias').Resource).toBe(`arn:aws:lambda:${env.region}:${env.account}:function:${env.prefix}-${env.name}-*`);
    const trail = `arn:aws:cloudtrail:${env.region}:${env.account}:trail/${env.prefix}-${env.name}-decrypt-invokes`;
    const bucket = `arn:aws:s3:::${env.prefix}-${env.name}-decrypt-invokes-${env.account}`;
    expect(sid(deploy, 'ManageInvokeTrail').Resource).toBe(trail);
    expect(sid(deploy, 'ManageInvokeTrailBucket').Resource).toBe(bucket);
    expect(sid(deploy, 'NeverStopTheInvokeTrail')).toEqual({ Sid: 'NeverStopTheInvokeTrail', Effect: 'Deny', Action: ['cloudtrail:StopLogging'], Resource: trail });
    expect(sid(deploy, 'NeverReadOrDeleteInvokeRecords')).toMatchObject({ Effect: 'Deny', Resource: `${bucket}/*` });
    for (const name of ['PublishDecryptAndItsAlias', 'ManageInvokeTrail', 'ManageInvokeTrailBucket']) expect(sid(plan, name), name).toBeUndefined();
  });

  it('lets the deploy role read everything the plan role reads of the environment stack, so an apply refreshes what a plan did', () => {
    const bootstrapOnly = new Set([...Object.values(BOOTSTRAP_READS), 'ReadBootstrapState']);
    const planReads = plan.filter((s) => !['ListState', 'ReadState', 'ReassumeItself'].includes(s.Sid) && !bootstrapOnly.has(s.Sid));
    for (const statement of planReads) expect(deploy).toContainEqual(statement);
  });

  it('gives the deploy role Connect rights on every instance when the stack creates it, on that instance only when it uses an existing one', () => {
    const existing = instanceTarget(env).kind === 'existing';
    expect(actionsOf(deploy).includes('connect:*')).toBe(!existing);
    expect(actionsOf(deploy)).toContain('lex:*');
    if (existing) expect(sid(deploy, 'ExistingInstanceStaysAsItIs')).toMatchObject({ Effect: 'Deny', Resource: (instanceTarget(env) as { arn: string }).arn });
    else expect(sid(deploy, 'ExistingInstanceStaysAsItIs')).toBeUndefined();
  });

  it('names only real IAM services; the plan role\'s inline policy stays under 10,240 characters, each deploy policy under 6,144', () => {
    for (const statements of [plan, deploy]) {
      // Cloud Control's IAM prefix is cloudformation; there is no "cloudcontrol" service in IAM.
      for (const action of actionsOf(statements)) expect(action.split(':')[0]).toMatch(/^(s3|sts|kms|iam|lambda|logs|cloudformation|lex|connect|ds|sns|cloudwatch|scheduler|cloudtrail)$/);
    }
    expect(JSON.stringify({ Version: '2012-10-17', Statement: plan }).replace(/\s/g, '').length).toBeLessThan(10_240);
    // IAM counts a policy's characters without white space: "IAM and AWS STS quotas", managed policy size.
    for (const p of deployPolicies) expect(p.policy.replace(/\s/g, '').length, p.name).toBeLessThanOrEqual(6_144);
    expect(deployPolicies.length).toBeGreaterThan(1);
    expect(deployPolicies.length).toBeLessThanOrEqual(10);
    // Every statement of the deploy policy is in exactly one part, in order.
    expect(deploy).toEqual(deployPolicy(env).Statement);
  });
});

it('reads no OIDC provider in bootstrap plans when the account\'s existing one is used (the stack does not manage it)', () => {
  const env = loadEnvironment({ ...dev, bootstrap: { ...dev.bootstrap, useExistingGithubOidcProvider: true } });
  const json = synthBootstrap(env);
  expect(json.resource.aws_iam_openid_connect_provider).toBeUndefined();
  const plan = JSON.parse(Object.values(json.resource.aws_iam_role_policy!).find((p) => p.name === 'plan-secure-input')!.policy).Statement as any[];
  expect(plan.map((s) => s.Sid)).not.toContain('ReadGithubOidcProvider');
  expect(plan.map((s) => s.Sid)).toContain('ReadBootstrapRoles');
});

it('creates a CI role whose ARN has a path under that path, with the last part as its name', () => {
  const env = loadEnvironment({ ...dev, bootstrap: undefined, deployRoleArn: 'arn:aws:iam::111122223333:role/ci/github/deployer' });
  const roles = Object.values(synthBootstrap(env).resource.aws_iam_role!);
  expect(roles.map((r) => [r.name, r.path]).sort()).toEqual([['deployer', '/ci/github/'], ['secure-input-plan', '/'], ['secure-input-smoke-dev', undefined]]);
});
