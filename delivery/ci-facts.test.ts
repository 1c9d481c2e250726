import { Testing } from 'cdktf';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAllEnvironments } from '../environments';
import { SecureInputStack } from '../stacks/secure-input-stack';
import { ciFacts, planBackendConfig } from './ci-facts';

const envs = loadAllEnvironments();
const dev = envs.find((e) => e.name === 'dev')!;
const workflowsDir = path.resolve(__dirname, '..', '.github', 'workflows');
const workflows = readdirSync(workflowsDir).map((f) => readFileSync(path.join(workflowsDir, f), 'utf8')).join('\n');

it.each(envs.map((e) => [e.name, e] as const))('gives the workflows every fact they read for %s, one line each', (_name, env) => {
  const facts = ciFacts(env);
  const read = [...workflows.matchAll(/steps\.env\.outputs\.(\w+)/g)].map((m) => m[1]!);
  expect(read.length).toBeGreaterThan(0);
  for (const name of new Set(read)) expect(facts[name], name).toBeTruthy();
  for (const value of Object.values(facts)) expect(value).not.toMatch(/[\r\n]/);
  expect(facts).toMatchObject({ account: env.account, plan_role_arn: env.planRoleArn, deploy_role_arn: env.deployRoleArn });
});

// The real Terraform configures the synthesized S3 backend; with no network its first call is the
// AssumeRole, and its error names the role it tried. No providers are needed, so this takes a second.
const terraformHere = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0;
describe.skipIf(!terraformHere)('terraform init of the synthesized backend', () => {
  const stack = JSON.parse(Testing.synth(new SecureInputStack(Testing.app(), dev)));
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
