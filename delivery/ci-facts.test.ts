import { Testing } from 'cdktf';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { App } from 'cdktf';
import { parse } from 'yaml';
import { environmentInputs, loadAllEnvironments, loadEnvironments, loadExampleEnvironments } from '../environments';
import stage from '../environments/stage';
import { buildApp } from '../main';
import { bootstrapStateKey } from '../stacks/naming';
import { synthBootstrap, synthEnvironment } from '../test/synth-helpers';
import { bootstrapCiFacts, ciFacts, ciMatrix, ciStackFacts, planBackendConfig, planRoleVar } from './ci-facts';
import { TERRAFORM_VERSION } from '../environments/toolchain';

const envs = loadAllEnvironments();
const dev = envs.find((e) => e.name === 'dev')!;
const workflowsDir = path.resolve(__dirname, '..', '.github', 'workflows');
const workflowFiles = readdirSync(workflowsDir).filter((f) => f.endsWith('.yml'));
const jobs = workflowFiles.flatMap((f) => Object.values<any>(parse(readFileSync(path.join(workflowsDir, f), 'utf8')).jobs ?? {}));
const factsRead = (js: any[]) => new Set(js.flatMap((j) => [...JSON.stringify(j).matchAll(/steps\.env\.outputs\.(\w+)/g)].map((m) => m[1]!)));
/** Jobs that run once per stack (pull-request plans, drift): bootstrap stacks go through them too. */
const perStackJobs = jobs.filter((j) => j.strategy?.matrix?.stack);

it.each(envs.map((e) => [e.name, e] as const))('gives the workflows every fact they read for the %s stack, one line each', (_name, env) => {
  const facts = ciFacts(env);
  const read = factsRead(jobs);
  expect(read.size).toBeGreaterThan(0);
  for (const name of read) expect(facts[name], name).toBeTruthy();
  for (const value of Object.values(facts)) expect(value).not.toMatch(/[\r\n]/);
  expect(facts).toMatchObject({ kind: 'environment', environment: env.name, account: env.account, plan_role_arn: env.planRoleArn, deploy_role_arn: env.deployRoleArn, plan_role_var: planRoleVar(env) });
});

it.each(envs.map((e) => [e.name, e] as const))('gives the per-stack jobs every fact they read for bootstrap-%s: the plan role\'s own session, no override', (_name, env) => {
  const facts = bootstrapCiFacts(env);
  expect(perStackJobs.length).toBeGreaterThanOrEqual(2);
  for (const name of factsRead(perStackJobs)) expect(typeof facts[name], name).toBe('string');
  expect(facts).toMatchObject({ kind: 'bootstrap', environment: env.name, plan_role_arn: env.planRoleArn, plan_backend_config: '', plan_role_var: '', state_key: bootstrapStateKey(env) });
  // The synthesized bootstrap stack assumes no role in backend or provider: the job's session is used as it is.
  const json = synthBootstrap(env);
  expect(json.terraform.backend.s3.assume_role).toBeUndefined();
  expect(json.terraform.backend.s3.key).toBe(facts.state_key);
  expect(json.provider.aws[0].assume_role).toBeUndefined();
  expect(json.variable?.aws_role_arn).toBeUndefined();
});

it('names every stack once: the environments in deploy order, then their bootstrap stacks', () => {
  expect(Object.keys(ciStackFacts(envs))).toEqual([...envs.map((e) => e.name), ...envs.map((e) => `bootstrap-${e.name}`)]);
});

// The real Terraform configures the synthesized S3 backend; with no network its first call is the
// AssumeRole, and its error names the role it tried. No providers are needed, so this takes a second.
const terraformHere = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
describe.skipIf(!terraformHere)('terraform init of the synthesized backend', () => {
  const stack = synthEnvironment(dev);
  const init = (...args: string[]) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'plan-backend-'));
    writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({ terraform: { backend: stack.terraform.backend } }));
    const r = spawnSync('terraform', ['init', '-input=false', '-no-color', ...args], {
      cwd: dir, encoding: 'utf8', timeout: 60_000,
      env: {
        PATH: process.env.PATH, HOME: dir, TF_IN_AUTOMATION: '1', CHECKPOINT_DISABLE: '1',
        AWS_ACCESS_KEY_ID: 'offline', AWS_SECRET_ACCESS_KEY: 'offline', AWS_MAX_ATTEMPTS: '1', AWS_EC2_METADATA_DISABLED: 'true',
        AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9', AWS_CONFIG_FILE: path.join(dir, 'none'), AWS_SHARED_CREDENTIALS_FILE: path.join(dir, 'none'),
      },
    });
    return `${r.stdout}${r.stderr}`.replace(/\s+/g, ' ');
  };

  it('reads the state as the plan role when the pull-request job passes planBackendConfig', () => {
    const out = init(`-backend-config=${planBackendConfig(dev)}`);
    expect(out).toContain(`IAM Role (${dev.planRoleArn}) cannot be assumed`);
    expect(out).not.toContain(dev.deployRoleArn);
  });

  it('reads it as the deploy role otherwise', () => {
    expect(init()).toContain(`IAM Role (${dev.deployRoleArn}) cannot be assumed`);
  });
});

describe('the build job\'s outputs that drive every workflow (npm run ci-env -- --matrix)', () => {
  it('lists the environments in deploy order, every stack and the Terraform version', () => {
    expect(ciMatrix(envs)).toEqual({
      environments: JSON.stringify(envs.map((e) => e.name)),
      stacks: JSON.stringify([...envs.map((e) => e.name), ...envs.map((e) => `bootstrap-${e.name}`)]),
      terraform_version: TERRAFORM_VERSION,
    });
  });

  // The README's recipe done in-process: copy stage.ts to qa.ts, give it its own account, and add it to
  // environments/index.ts (test/add-qa-environment.test.ts does it for real, in a copy). Less any real qa,
  // so that this keeps working once one is added for good.
  it('includes an environment added as the README says, with no workflow edit', () => {
    const account = '123456789012';
    const others = environmentInputs.filter((e) => e.name !== 'qa' && e.account !== account);
    const own = (arn: string) => arn.replace(stage.account, account);
    const qa = {
      ...stage, name: 'qa', account, deployRoleArn: own(stage.deployRoleArn), planRoleArn: own(stage.planRoleArn),
      state: { ...stage.state, bucket: own(stage.state.bucket) }, kms: { ...stage.kms, administrators: stage.kms.administrators.map(own) },
      decryptPrincipals: stage.decryptPrincipals.map(own), connect: { ...stage.connect, instance: { create: { alias: 'secure-input-qa' } } },
    };
    const matrix = ciMatrix(loadEnvironments([...others, qa]));
    expect(JSON.parse(matrix.environments)).toEqual([...others.map((e) => e.name), 'qa']);
    expect(JSON.parse(matrix.stacks)).toEqual([...others.map((e) => e.name), 'qa', ...others.map((e) => `bootstrap-${e.name}`), 'bootstrap-qa']);
  });

  // The examples are synthesized and planned offline (npm run synth), never planned or deployed in AWS.
  it('never lists an example, though synthesis writes its stacks', () => {
    const examples = loadExampleEnvironments().map((e) => e.name);
    expect(examples.length).toBeGreaterThan(0);
    expect(JSON.parse(ciMatrix(envs).environments).filter((name: string) => examples.includes(name))).toEqual([]);
    expect(JSON.parse(ciMatrix(envs).stacks).filter((name: string) => examples.some((e) => name === e || name === `bootstrap-${e}`))).toEqual([]);
    expect(buildApp(Testing.app()).node.children.map((c) => c.node.id)).toEqual(expect.arrayContaining(examples));
  });
});

it(`pins every synthesized stack to Terraform ${TERRAFORM_VERSION}, the version the workflows install`, () => {
  const app = buildApp(new App({ outdir: mkdtempSync(path.join(tmpdir(), 'required-version-')), stackTraces: false }));
  app.synth();
  const stacks = readdirSync(path.join(app.outdir, 'stacks'));
  expect(stacks).toEqual(expect.arrayContaining(['dev', 'bootstrap-dev']));
  for (const name of stacks) {
    const json = JSON.parse(readFileSync(path.join(app.outdir, 'stacks', name, 'cdk.tf.json'), 'utf8'));
    expect(json.terraform.required_version, name).toBe(TERRAFORM_VERSION);
  }
});
