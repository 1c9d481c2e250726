import { App } from 'cdktf';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../main';
import { guardPlan, kindOf, OVERRIDE_VARIABLE, summaryMarkdown } from './plan-guard';
import { canPlanOffline, plansOf, PROTECTED_CHANGES, writeFixtureStacks } from './real-plans';

describe('kindOf', () => {
  it.each([
    [['create'], 'create'], [['update'], 'update'], [['delete', 'create'], 'replace'], [['create', 'delete'], 'replace'],
    [['delete'], 'delete'], [['read'], 'read'], [['no-op'], 'no-op'], [['forget'], 'forget'],
  ])('%j is %s', (actions, kind) => expect(kindOf(actions)).toBe(kind));
});

it('refuses input that is not a plan', () => {
  expect(() => guardPlan('x' as never)).toThrow(/terraform show -json/);
});

// Plans made by the real Terraform 1.11.4 and AWS provider mirror, offline, in one run of the offline
// check over two stacks (each costs seconds): the project's own dev stack, and a fixture planned from
// hand-written state that deletes, replaces (in both orders), updates and creates.
describe.skipIf(!canPlanOffline())('the guard on real Terraform plans', () => {
  let plans: Record<string, any>;
  const root = path.resolve(__dirname, '..', '..');

  beforeAll(() => {
    const out = mkdtempSync(path.join(tmpdir(), 'guard-out-'));
    buildApp(new App({ outdir: out, stackTraces: false })).synth();
    writeFixtureStacks(out);
    plans = plansOf(out, ['dev', PROTECTED_CHANGES]);
  }, 300_000);

  it('passes the first plan of an environment (creates only, protected resources included)', () => {
    const result = guardPlan(plans.dev);
    expect(result).toMatchObject({ ok: true, overridden: false, violations: [] });
    expect(result.counts.create).toBeGreaterThanOrEqual(20);
    expect(Object.keys(result.byType)).toEqual(expect.arrayContaining(['aws_kms_key', 'aws_connect_instance', 'aws_connect_phone_number']));
    expect(summaryMarkdown(result, 'dev')).toMatch(/Plan guard: passed/);
  });

  it('refuses deleting the key and replacing the bucket and the number, in either order, and nothing else', () => {
    const result = guardPlan(plans[PROTECTED_CHANGES]);
    expect(result.ok).toBe(false);
    expect(result.violations.map((v) => [v.address, v.kind]).sort()).toEqual([
      ['aws_connect_phone_number.number', 'replace'], ['aws_kms_key.key', 'delete'], ['aws_s3_bucket.state', 'replace'],
    ]);
    // Passing alongside: an update of a protected type, a create of one, an update and a delete of unprotected ones.
    expect(result.counts).toMatchObject({ create: 1, update: 2, replace: 2, delete: 2 });
    expect(result.byType.aws_kms_key).toEqual({ update: 1, delete: 1 });
    const summary = summaryMarkdown(result, 'dev');
    expect(summary).toMatch(/Plan guard: refused/);
    expect(summary).toContain('| `aws_cloudwatch_log_group` | 0 | 1 | 0 | 1 | 0 |');
  });

  describe('npm run plan-guard', () => {
    const run = (plan: unknown, env: Record<string, string> = {}) => {
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'guard-cli-')), 'plan.json');
      writeFileSync(file, JSON.stringify(plan));
      return spawnSync(process.execPath, [path.join(root, 'scripts/run-ts.mjs'), 'scripts/plan-guard.ts', '--', file, '--title', 'dev'], {
        cwd: root, encoding: 'utf8', env: { ...process.env, [OVERRIDE_VARIABLE]: '', ...env },
      });
    };

    it('exits 1 with a clear list when protected resources go', () => {
      const r = run(plans[PROTECTED_CHANGES]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^### dev/);
      expect(r.stderr).toMatch(/refused: .*delete aws_kms_key\.key/);
    });

    it('turns the refusal into a loud warning when the override is set', () => {
      const r = run(plans[PROTECTED_CHANGES], { [OVERRIDE_VARIABLE]: 'true' });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/OVERRIDDEN/);
      expect(r.stderr).toMatch(/WARNING/);
    });

    it('exits 0 on a plan that only creates', () => {
      expect(run(plans.dev).status).toBe(0);
    });
  });
});
