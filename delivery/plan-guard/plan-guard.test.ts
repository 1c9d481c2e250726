import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { terraformDataWorkspace, terraformHere } from '../test-support/terraform-data-plans';
import { ACTIONS, PROTECTED_TYPES, guardPlan, kindOf, NOT_A_PLAN, OVERRIDE_VARIABLE, summaryMarkdown } from './plan-guard';
import { loadAllEnvironments } from '../../environments';
import { canPlanOffline, plansOf, PROTECTED_CHANGES, RETIRED_BUCKET_ADDRESS, synthesizeStacksOf, writeFixtureStacks, writeStateWithRetiredBucket } from './real-plans';

const root = path.resolve(__dirname, '..', '..');

describe('kindOf', () => {
  it.each([
    [['create'], 'create'], [['update'], 'update'], [['delete', 'create'], 'replace'], [['create', 'delete'], 'replace'],
    [['delete'], 'delete'], [['read'], 'read'], [['no-op'], 'no-op'], [['forget'], 'forget'], [['create', 'forget'], 'forget'],
  ])('%j is %s', (actions, kind) => expect(kindOf(actions)).toBe(kind));

  it.each([[['destroy']], [['delete', 'forget']], [['update', 'create']], [[]], [['Create']]])('refuses %j, which Terraform does not write', (actions) => {
    expect(() => kindOf(actions)).toThrow(/unknown change actions/);
  });

  it('knows exactly the action lists of Terraform\'s JSON plan format', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual(['create', 'create,delete', 'create,forget', 'delete', 'delete,create', 'forget', 'no-op', 'read', 'update']);
  });
});

/** npm run plan-guard on a JSON value written to a file. */
const runGuard = (value: unknown, env: Record<string, string> = {}) => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'guard-cli-')), 'plan.json');
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return spawnSync(process.execPath, [path.join(root, 'scripts/run-ts.mjs'), 'scripts/plan-guard.ts', '--', file, '--title', 'dev'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, [OVERRIDE_VARIABLE]: '', ...env },
  });
};
const refusedInOneLine = (r: ReturnType<typeof runGuard>, why: RegExp) => {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(why);
};

describe('input that is not a plan: exit 2, one line', () => {
  const notAPlan = new RegExp(NOT_A_PLAN.replace(/[.*+?^${}()|[\]\\`]/g, '\\$&'));
  it.each([
    ['{}', {}], ['[]', []], ['null', null], ['a string', 'plan'],
    ['package.json', JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'))],
    ['a format_version alone', { format_version: '1.2' }],
    ['resource_changes that are not a list', { format_version: '1.2', resource_changes: {}, planned_values: {} }],
  ])('refuses %s', (_name, value) => {
    expect(() => guardPlan(value)).toThrow(notAPlan);
  });

  it('refuses text that is not JSON without echoing it', () => {
    const r = runGuard('{"card": "4111111111111111"');
    refusedInOneLine(r, notAPlan);
    expect(r.stderr).not.toContain('4111');
  });

  it('refuses a plan with an action it does not know', () => {
    refusedInOneLine(runGuard({ format_version: '1.2', resource_changes: [{ address: 'aws_kms_key.key', type: 'aws_kms_key', change: { actions: ['purge'] } }] }), /unknown change actions \["purge"\]/);
  });
});

// Real state files and an errored plan, from Terraform's own terraform_data (no provider: about 2 s in all).
describe.skipIf(!terraformHere())('real Terraform output that is not a finished plan', () => {
  let state: { file: any; shown: any };
  let errored: { status: number; json: any };
  beforeAll(() => {
    const ws = terraformDataWorkspace();
    state = ws.state();
    errored = ws.plan({ input: 'second', healthy: 'false' });
  }, 60_000);

  it('refuses a state file, as written and as `terraform show -json` prints it', () => {
    expect(state.file).toHaveProperty('resources');
    expect(state.shown).toHaveProperty('format_version');
    refusedInOneLine(runGuard(state.file), /not a Terraform plan/);
    expect(() => guardPlan(state.shown)).toThrow(/not a Terraform plan/);
  });

  it('refuses a plan that errored, which Terraform still saves', () => {
    expect(errored.status).toBe(1);
    expect(errored.json).toMatchObject({ errored: true, applyable: false });
    refusedInOneLine(runGuard(errored.json), /the plan errored/);
  });
});

// A finished real plan (terraform_data, an in-place update), then one thing changed that the guard cannot
// judge. Terraform 1.11 writes no deferred changes without its experimental -allow-deferral, so those
// cases are this real plan with the field added as plan.go would write it.
describe.skipIf(!terraformHere())('what the guard cannot judge: exit 2, one line, never a pass', () => {
  let plan: any;
  beforeAll(() => {
    plan = terraformDataWorkspace().plan({ input: 'second' }).json;
  }, 60_000);
  const changed = (edit: (p: any) => void) => {
    const copy = structuredClone(plan);
    edit(copy);
    return copy;
  };

  it('passes the real plan as Terraform wrote it (format 1.2, complete, not errored, no deferrals)', () => {
    expect(plan).toMatchObject({ format_version: '1.2', complete: true, errored: false });
    expect(plan.deferred_changes).toBeUndefined();
    expect(plan.resource_changes.map((rc: any) => rc.address)).toEqual(['terraform_data.item']);
    expect(runGuard(plan).status).toBe(0);
  });

  it.each([
    ['a format_version major other than 1 ("2.0")', (p: any) => { p.format_version = '2.0'; }, /major version is not 1/],
    ['a format_version major 0 ("0.2")', (p: any) => { p.format_version = '0.2'; }, /major version is not 1/],
    ['a format_version that is no version ("1")', (p: any) => { p.format_version = '1'; }, /not a version number/],
    ['complete: false', (p: any) => { p.complete = false; }, /incomplete \(`complete: false`\)/],
    ['complete given as a string', (p: any) => { p.complete = 'true'; }, /`complete` is not a boolean/],
    ['a non-empty deferred_changes (a deferred KMS key delete)', (p: any) => {
      p.deferred_changes = [{ reason: 'provider_config_unknown', resource_change: { address: 'aws_kms_key.key', type: 'aws_kms_key', change: { actions: ['delete'] } } }];
    }, /deferred_changes/],
    ['deferred_changes that is not a list', (p: any) => { p.deferred_changes = {}; }, /deferred_changes/],
    ['errored given as the string "true"', (p: any) => { p.errored = 'true'; }, /`errored` is not a boolean/],
    ['errored given as the string "false"', (p: any) => { p.errored = 'false'; }, /`errored` is not a boolean/],
    ['an entry without type', (p: any) => { delete p.resource_changes[0].type; }, /resource_changes\[0\] has no type/],
    ['an entry without address', (p: any) => { delete p.resource_changes[0].address; }, /resource_changes\[0\] has no address/],
    ['an entry with an empty type', (p: any) => { p.resource_changes[0].type = ''; }, /has no type/],
    ['an entry that is not an object', (p: any) => { p.resource_changes.push(null); }, /resource_changes\[1\] is not an object/],
    ['one address twice (a delete hidden behind an update)', (p: any) => {
      p.resource_changes.push({ ...p.resource_changes[0], change: { ...p.resource_changes[0].change, actions: ['delete'] } });
    }, /resource_changes\[1\] repeats the address of resource_changes\[0\]/],
  ])('refuses %s', (_name, edit, why) => {
    refusedInOneLine(runGuard(changed(edit)), why);
  });

  it('reads a deposed object as another object at the same address, not as a duplicate', () => {
    const withDeposed = changed((p) => p.resource_changes.push({ ...p.resource_changes[0], deposed: '3a2b1c0d', change: { ...p.resource_changes[0].change, actions: ['delete'] } }));
    expect(guardPlan(withDeposed).counts).toMatchObject({ update: 1, delete: 1 });
    expect(() => guardPlan(changed((p) => p.resource_changes.push({ ...withDeposed.resource_changes[1] }, { ...withDeposed.resource_changes[1] })))).toThrow(/repeats the address/);
  });

  it('never echoes the input it refuses', () => {
    const r = runGuard(changed((p) => { p.format_version = '4111111111111111.0'; p.resource_changes[0].address = '4111111111111111'; p.resource_changes.push({ ...p.resource_changes[0] }); }));
    expect(r.status).toBe(2);
    expect(r.stderr).not.toMatch(/4111/);
  });
});

// Plans made by the real Terraform 1.11.4 and AWS provider mirror, offline, in one run of the offline
// check over two stacks (each costs seconds): a fixture planned from hand-written state that deletes,
// replaces (in both orders), updates, creates and forgets, and dev's bootstrap stack with a state that holds
// only a bucket the config no longer has: every other change of that plan is the bootstrap's first plan.
// An environment stack's first plan is judged in delivery/reports/reports.test.ts (prod's, planned there).
describe.skipIf(!canPlanOffline())('the guard on real Terraform plans', () => {
  let plans: Record<string, any>;
  const devEnv = loadAllEnvironments().find((e) => e.name === 'dev')!;

  beforeAll(() => {
    const out = synthesizeStacksOf(['dev']);
    writeFixtureStacks(out);
    writeStateWithRetiredBucket(out, 'bootstrap-dev', devEnv.state.bucket);
    plans = plansOf(out, [PROTECTED_CHANGES, 'bootstrap-dev']);
  }, 300_000);
  // The bootstrap's own resources, planned from a state that holds none of them: its first plan.
  const firstPlan = () => ({ ...plans['bootstrap-dev'], resource_changes: plans['bootstrap-dev'].resource_changes.filter((rc: any) => rc.address !== RETIRED_BUCKET_ADDRESS) });

  it('passes a bootstrap stack\'s first plan (the state bucket, roles, OIDC provider: creates only)', () => {
    const result = guardPlan(firstPlan());
    expect(result.counts.create).toBe(firstPlan().resource_changes.length);
    expect(result).toMatchObject({ ok: true, violations: [] });
    expect(Object.keys(result.byType)).toEqual(expect.arrayContaining(['aws_s3_bucket', 'aws_iam_role', 'aws_iam_openid_connect_provider']));
  });

  it('refuses a bootstrap plan that deletes the state bucket: its prevent_destroy left with its resource block', () => {
    const result = guardPlan(plans['bootstrap-dev']);
    expect(result.ok).toBe(false);
    expect(result.violations).toEqual([{ address: RETIRED_BUCKET_ADDRESS, kind: 'delete', what: PROTECTED_TYPES.aws_s3_bucket }]);
    expect(runGuard(plans['bootstrap-dev']).status).toBe(1);
  });

  it('refuses deleting and forgetting a key and replacing the bucket and the number, in either order, and nothing else', () => {
    const result = guardPlan(plans[PROTECTED_CHANGES]);
    expect(result.ok).toBe(false);
    expect(result.violations.map((v) => [v.address, v.kind]).sort()).toEqual([
      ['aws_connect_phone_number.number', 'replace'], ['aws_kms_key.forgotten', 'forget'], ['aws_kms_key.key', 'delete'], ['aws_s3_bucket.state', 'replace'],
    ]);
    // Passing alongside: an update of a protected type, a create of one, an update, a delete and a forget of unprotected ones.
    expect(result.counts).toMatchObject({ create: 1, update: 2, replace: 2, delete: 2, forget: 2 });
    expect(result.byType.aws_kms_key).toEqual({ update: 1, delete: 1, forget: 1 });
    const summary = summaryMarkdown(result, 'dev');
    expect(summary).toMatch(/Plan guard: refused/);
    expect(summary).toContain('| | create | update | replace | delete | forget | read |');
    expect(summary).toContain('| `aws_cloudwatch_log_group` | 0 | 1 | 0 | 1 | 1 | 0 |');
    expect(summary).toMatch(/2 resource\(s\) will be forgotten/);
  });

  describe('npm run plan-guard', () => {
    it('exits 1 with a clear list when protected resources go', () => {
      const r = runGuard(plans[PROTECTED_CHANGES]);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^### dev/);
      expect(r.stderr).toMatch(/refused: .*delete aws_kms_key\.key/);
      expect(r.stderr).toMatch(/forget aws_kms_key\.forgotten/);
    });

    it('turns the refusal into a loud warning when the override is set', () => {
      const r = runGuard(plans[PROTECTED_CHANGES], { [OVERRIDE_VARIABLE]: 'true' });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/OVERRIDDEN/);
      expect(r.stderr).toMatch(/WARNING/);
    });

    it('exits 0 on a plan that only creates', () => {
      expect(runGuard(firstPlan()).status).toBe(0);
    });
  });
});
