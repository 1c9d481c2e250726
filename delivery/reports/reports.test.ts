import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BODY_LIMIT, commentBody, commentMarker, driftIssueBody, driftMarker, keepEnd } from './reports';

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
