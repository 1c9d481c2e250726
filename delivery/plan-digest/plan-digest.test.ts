import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { terraformDataWorkspace, terraformHere } from '../test-support/terraform-data-plans';
import { canonicalJson, differences, planFingerprint } from './plan-digest';

const root = path.resolve(__dirname, '..', '..');

it('serializes equal values alike whatever the key order', () => {
  expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [1, { e: 3, f: 2 }] }, b: 1 }));
  expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
});

it('leaves out no-op changes and refuses what is not a finished plan', () => {
  const plan = (actions: string[]) => ({ format_version: '1.2', resource_changes: [{ address: 'x.y', type: 'x', change: { actions, after: { v: 1 } } }] });
  expect(planFingerprint(plan(['no-op'])).resources).toEqual({});
  expect(planFingerprint(plan(['update'])).resources['x.y']!.actions).toEqual(['update']);
  const deposed = { format_version: '1.2', resource_changes: [
    { address: 'x.y', type: 'x', change: { actions: ['create'], after: { v: 1 } } },
    { address: 'x.y', type: 'x', deposed: '00ab', change: { actions: ['delete'], after: null } },
  ] };
  expect(Object.keys(planFingerprint(deposed).resources)).toEqual(['x.y', 'x.y (deposed 00ab)']);
  const withOutput = (after: string) => ({ format_version: '1.2', resource_changes: [], output_changes: { arn: { actions: ['update'], after, after_unknown: false } } });
  expect(planFingerprint(withOutput('a')).digest).not.toBe(planFingerprint(withOutput('b')).digest);
  expect(() => planFingerprint({})).toThrow(/not a Terraform plan/);
  expect(() => planFingerprint({ ...plan(['update']), errored: true })).toThrow(/errored/);
});

// Real plans of one resource, each from the same prior state (about half a second each; no provider).
describe.skipIf(!terraformHere())('on real Terraform plans', () => {
  let plans: Record<'preview' | 'again' | 'otherValue' | 'replace', any>;
  beforeAll(() => {
    const ws = terraformDataWorkspace();
    plans = {
      preview: ws.plan({ input: 'second' }).json,
      again: ws.plan({ input: 'second' }).json,
      otherValue: ws.plan({ input: 'third' }).json,
      replace: ws.plan({ input: 'second', trigger: 't2' }).json,
    };
  }, 60_000);

  it('gives two separate plans of the same change the same digest', () => {
    expect(planFingerprint(plans.again).digest).toBe(planFingerprint(plans.preview).digest);
  });

  it('tells a changed after-value and a changed action apart from the preview, by address', () => {
    const preview = planFingerprint(plans.preview);
    expect(planFingerprint(plans.otherValue).digest).not.toBe(preview.digest);
    expect(differences(preview, planFingerprint(plans.otherValue))).toEqual(['terraform_data.item: update with different values than in the preview']);
    expect(planFingerprint(plans.replace).digest).not.toBe(preview.digest);
    expect(differences(preview, planFingerprint(plans.replace))).toEqual(['terraform_data.item: update in the preview, delete+create now']);
  });

  describe('the gate (delivery/plan-digest/cli.ts)', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'digest-cli-'));
    const file = (name: string, plan: unknown) => {
      const at = path.join(dir, name);
      writeFileSync(at, JSON.stringify(plan));
      return at;
    };
    const run = (...args: string[]) => spawnSync(process.execPath, [path.join(root, 'scripts/run-ts.mjs'), 'delivery/plan-digest/cli.ts', '--', ...args], { cwd: root, encoding: 'utf8' });

    it('writes the preview, passes the same plan and refuses a different one, telling the operator to re-run', () => {
      const fingerprint = path.join(dir, 'preview.fingerprint.json');
      const written = run(file('preview.json', plans.preview), '--write', fingerprint);
      expect(written.status).toBe(0);
      const digest = written.stdout.trim().replace(/^digest=/, '');
      expect(JSON.parse(readFileSync(fingerprint, 'utf8')).digest).toBe(digest);

      expect(run(file('again.json', plans.again), '--expect', digest, '--preview', fingerprint).status).toBe(0);
      const refused = run(file('replace.json', plans.replace), '--expect', digest, '--preview', fingerprint);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain('terraform_data.item: update in the preview, delete+create now');
      expect(refused.stderr).toMatch(/Nothing was applied\. Re-run all jobs/);
    });

    it('exits 2 with one line on input that is not a plan', () => {
      const r = run(file('package.json', { name: 'x', version: '1.0.0' }), '--expect', 'abc');
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
  });
});
