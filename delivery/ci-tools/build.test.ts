import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
let dir: string;

// Built once into a folder outside the project, where no node_modules can be found: as in the AWS jobs.
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ci-tools-'));
  const r = spawnSync(process.execPath, [path.join(root, 'delivery/ci-tools/build.mjs'), path.join(dir, 'tools')], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
}, 60_000);

it('builds every tool the workflows run as one self-contained file', () => {
  expect(readdirSync(path.join(dir, 'tools')).sort()).toEqual(['apply-failure.cjs', 'github.cjs', 'plan-digest.cjs', 'plan-guard.cjs', 'report.cjs', 'smoke.cjs']);
  writeFileSync(path.join(dir, 'empty.json'), '{}');
  const guard = spawnSync(process.execPath, ['tools/plan-guard.cjs', 'empty.json'], { cwd: dir, encoding: 'utf8' });
  expect(guard.status).toBe(2);
  expect(guard.stderr).toMatch(/not a Terraform plan/);
});

it('names the runbook step from a failed apply\'s output, with no node_modules', () => {
  const log = path.join(root, 'delivery/apply-failures/fixtures/no-identifier.apply.txt');
  const r = spawnSync(process.execPath, ['tools/apply-failure.cjs', log], { cwd: dir, encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/^- \*\*bot-name-taken\*\*: .*docs\/operations\.md#a-bot-create-that-failed/);
});

it('gives the github-script steps their functions through require', () => {
  const r = spawnSync(process.execPath, ['-e', 'console.log(Object.keys(require("./tools/github.cjs")).sort().join(","))'], { cwd: dir, encoding: 'utf8' });
  expect(r.stdout.trim().split(',')).toEqual(expect.arrayContaining(['allowDestroyForPullRequest', 'allowDestroyForPush', 'headOfBranch', 'syncDriftIssue', 'teamMembership', 'upsertPlanComment']));
});
