import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { canPlanOffline, renderedPlansOf, synthesizeStacksOf } from '../plan-guard/real-plans';
import { guardPlan, summaryMarkdown } from '../plan-guard/plan-guard';
import { BODY_LIMIT, commentBody, commentMarker, driftIssueBody, driftMarker, keepEnd, plannedChanges, SUMMARY_LIMIT, summaryBody, utf8Bytes } from './reports';

const longPlan = () => `${Array.from({ length: 5_000 }, (_, i) => `  # aws_thing.item[${i}] will be created`).join('\n')}\n\nPlan: 5000 to add, 0 to change, 0 to destroy.\n`;

describe('keepEnd', () => {
  it('keeps a short text as it is', () => expect(keepEnd('Plan: 1 to add', 100, 'x')).toBe('Plan: 1 to add'));

  it('keeps the end of a long plan, the Plan: line included, drops whole lines from the front and says so', () => {
    const plan = longPlan();
    const kept = keepEnd(plan, 10_000, 'the artifact plan-dev');
    expect(kept.length).toBeLessThanOrEqual(10_000 + 120);
    expect(kept).toContain('Plan: 5000 to add, 0 to change, 0 to destroy.');
    expect(kept).not.toContain('aws_thing.item[0] ');
    const [note, firstKept] = kept.split('\n');
    expect(note).toMatch(/^… \d+ characters cut from the start; the whole text is in the artifact plan-dev$/);
    expect(firstKept).toMatch(/^ {2}# aws_thing\.item\[\d+\] will be created$/);
    expect(Number(note!.match(/\d+/)![0]) + kept.length - note!.length - 1).toBe(plan.length);
  });
});

describe('the pull-request comment', () => {
  it('shows the guard, then the plan, cut from the front to fit one comment', () => {
    const body = commentBody({ env: 'dev', guard: '### dev\n\n**Plan guard: passed.**', plan: longPlan(), artifact: 'plan-dev' });
    expect(body.startsWith(`${commentMarker('dev')}\n### dev`)).toBe(true);
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body).toMatch(/Plan: 5000 to add[^]*<\/details>$/);
  });

  it('says the plan failed, with the tail of the error, instead of a stale plan', () => {
    const error = `${'Refreshing state...\n'.repeat(3_000)}Error: AccessDenied: kms:DescribeKey\n`;
    const body = commentBody({ env: 'prod', plan: undefined, error, artifact: 'plan-prod' });
    expect(body).toContain('terraform plan failed');
    expect(body).toContain('Error: AccessDenied: kms:DescribeKey');
    expect(body).not.toContain('Plan guard');
    expect(body.length).toBeLessThan(21_000);
  });

  it('fails closed when the guard gave no verdict', () => {
    expect(commentBody({ env: 'dev', guard: '', plan: 'Plan: 1 to add', artifact: 'plan-dev' })).toMatch(/gave no verdict/);
  });
});

it('writes the drift issue with its marker, the run that found it and the plan', () => {
  const body = driftIssueBody({ env: 'stage', guard: '### stage\n\n**Plan guard: passed.**', plan: longPlan(), artifact: 'drift-stage', runUrl: 'https://github.com/o/r/actions/runs/1' });
  expect(body.startsWith(driftMarker('stage'))).toBe(true);
  expect(body).toContain('https://github.com/o/r/actions/runs/1');
  expect(body).toContain('Plan: 5000 to add');
  expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
});

it('node report.cjs comment: a missing error file means the plan finished', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'report-'));
  writeFileSync(path.join(dir, 'plan.txt'), 'Plan: 2 to add, 0 to change, 0 to destroy.');
  writeFileSync(path.join(dir, 'guard.md'), '### dev\n\n**Plan guard: passed.**');
  const root = path.resolve(__dirname, '..', '..');
  const run = (...extra: string[]) => spawnSync(process.execPath, [path.join(root, 'scripts/run-ts.mjs'), 'delivery/reports/cli.ts', '--', 'comment', '--env', 'dev', '--artifact', 'plan-dev',
    '--guard', path.join(dir, 'guard.md'), '--plan', path.join(dir, 'plan.txt'), ...extra], { cwd: root, encoding: 'utf8' });
  expect(run('--error', path.join(dir, 'absent.txt')).stdout).toMatch(/Plan guard: passed[^]*Plan: 2 to add/);
  writeFileSync(path.join(dir, 'error.txt'), 'Error: No valid credential sources found');
  expect(run('--error', path.join(dir, 'error.txt')).stdout).toMatch(/plan failed[^]*No valid credential sources/);
});

// The approver's view of prod's first deploy: the real plan of the synthesized prod stack with no prior
// state, made by Terraform 1.11.4 offline (tf-offline-check; provider 5.100.0 leaves out the number's flow
// association, which it does not know, so the real plan has one change more).
describe.skipIf(!canPlanOffline())('the deploy preview shows the approver the whole plan', () => {
  let prod: { json: any; text: string };
  beforeAll(() => {
    prod = renderedPlansOf(synthesizeStacksOf(['prod']), ['prod']).prod!;
  }, 300_000);
  const guard = '### prod (preview)\n\n**Plan guard: passed.**';
  const addresses = () => plannedChanges(prod.json).map((c) => c.address);

  it('passes the plan guard: creates only, protected resources included', () => {
    const result = guardPlan(prod.json);
    expect(result).toMatchObject({ ok: true, overridden: false, violations: [] });
    expect(result.counts.create).toBeGreaterThanOrEqual(50);
    expect(Object.keys(result.byType)).toEqual(expect.arrayContaining(['aws_kms_key', 'aws_connect_instance', 'aws_connect_phone_number']));
    expect(summaryMarkdown(result, 'prod')).toMatch(/Plan guard: passed/);
  });

  it('is a first-deploy plan of about 84 KB that one pull-request comment cannot hold', () => {
    expect(prod.text.length).toBeGreaterThan(70_000);
    expect(addresses().length).toBeGreaterThanOrEqual(50);
    expect(plannedChanges(prod.json).every((c) => c.action === 'create')).toBe(true);
    // The old preview (the comment's 60,000 characters, cut from the front) lost resources from the approver's view.
    const old = keepEnd(prod.text, BODY_LIMIT - guard.length - 200, 'the artifact preview-prod');
    const lost = addresses().filter((a) => !old.includes(`# ${a} will be created`));
    expect(lost.length).toBeGreaterThan(0);
    expect(lost).toEqual(expect.arrayContaining([expect.stringMatching(/^aws_cloudwatch_log_group\./), expect.stringMatching(/^aws_cloudcontrolapi_resource\.bot_resource_/)]));
  });

  it('puts the whole rendered plan into the job summary, every resource included, under GitHub\'s 1 MiB', () => {
    const body = summaryBody({ env: 'prod', guard, plan: prod.text, changes: plannedChanges(prod.json), artifact: 'preview-prod', artifactUrl: 'https://github.com/o/r/actions/runs/1/artifacts/2' });
    expect(body).toContain(prod.text.trim());
    for (const address of addresses()) expect(body, address).toContain(`# ${address} will be created`);
    expect(body).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\./);
    expect(body).not.toMatch(/characters cut/);
    expect(utf8Bytes(body)).toBeLessThan(SUMMARY_LIMIT);
  });

  it('beyond 1 MiB keeps every address and action, the plan\'s end, and a link to the whole plan', () => {
    // Copies of the real plan until it is over the cap (the JSON's changes are listed once each). Fourteen
    // were meant to give about 1.2 MB; prod's rendered plan measures about 74 KB here, so 14 stayed under.
    const copies = Math.ceil(SUMMARY_LIMIT / utf8Bytes(prod.text.trim())) + 1;
    const huge = Array.from({ length: copies }, () => prod.text.trim()).join('\n');
    expect(utf8Bytes(huge)).toBeGreaterThan(SUMMARY_LIMIT);
    const url = 'https://github.com/o/r/actions/runs/1/artifacts/2';
    const body = summaryBody({ env: 'prod', guard, plan: huge, changes: plannedChanges(prod.json), artifact: 'preview-prod', artifactUrl: url });
    expect(utf8Bytes(body)).toBeLessThanOrEqual(SUMMARY_LIMIT);
    expect(body).toContain(`**Every change in this plan (${addresses().length}), from its JSON:**`);
    for (const address of addresses()) expect(body, address).toContain(`| create | \`${address}\` |`);
    expect(body).toContain(`the artifact [preview-prod](${url})`);
    expect(body).toMatch(/… \d+ characters cut from the start/);
    // The plan's end: its count, then the stack's outputs (the capture module's ARN and id).
    expect(body).toMatch(/Plan: \d+ to add, 0 to change, 0 to destroy\.\n\nChanges to Outputs:\n( {2}\+ \w+ += \(known after apply\)\n)+```\n<\/details>$/);
  });

  it('node report.cjs summary reads the rendered plan and its JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'summary-'));
    writeFileSync(path.join(dir, 'plan.txt'), prod.text);
    writeFileSync(path.join(dir, 'plan.json'), JSON.stringify(prod.json));
    writeFileSync(path.join(dir, 'guard.md'), guard);
    const root = path.resolve(__dirname, '..', '..');
    const r = spawnSync(process.execPath, [path.join(root, 'scripts/run-ts.mjs'), 'delivery/reports/cli.ts', '--', 'summary', '--env', 'prod', '--artifact', 'preview-prod',
      '--artifact-url', '', '--guard', path.join(dir, 'guard.md'), '--plan', path.join(dir, 'plan.txt'), '--plan-json', path.join(dir, 'plan.json'), '--error', path.join(dir, 'absent')], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain(prod.text.trim());
  });
});

describe('plannedChanges', () => {
  it('lists every change but no-ops, replacements by name and deposed objects apart', () => {
    expect(plannedChanges({ resource_changes: [
      { address: 'a.b', change: { actions: ['create'] } }, { address: 'a.c', change: { actions: ['no-op'] } },
      { address: 'a.d', change: { actions: ['delete', 'create'] } }, { address: 'a.d', deposed: '0abc', change: { actions: ['delete'] } },
    ] })).toEqual([{ address: 'a.b', action: 'create' }, { address: 'a.d', action: 'replace' }, { address: 'a.d (deposed 0abc)', action: 'delete' }]);
    expect(plannedChanges({})).toEqual([]);
  });

  it('gives the comment the list too when its 60,000 characters cut the plan, cut itself if it must', () => {
    const changes = Array.from({ length: 5_000 }, (_, i) => ({ address: `aws_thing.item[${i}]`, action: 'create' }));
    const body = commentBody({ env: 'dev', guard: '### dev', plan: longPlan(), changes, artifact: 'plan-dev' });
    expect(body.length).toBeLessThanOrEqual(BODY_LIMIT);
    expect(body).toContain('| create | `aws_thing.item[0]` |');
    expect(body).toMatch(/… and \d+ more changes: the whole list is in the artifact plan-dev\./);
    expect(body).toContain('Plan: 5000 to add');
  });
});
