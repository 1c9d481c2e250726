import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { loadExampleEnvironments } from '../../environments';
import { bootstrapStackName } from '../../stacks/naming';
import { placeLockFiles } from './place';

const root = path.resolve(__dirname, '..', '..');
const LOCK = (stack: string) => `# This file is maintained automatically by "terraform init".\nprovider "registry.terraform.io/hashicorp/aws" {\n  version = "6.25.0"\n  hashes = ["h1:${stack}"]\n}\n`;

function outdirWith(stacks: string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'locks-'));
  for (const s of stacks) {
    mkdirSync(path.join(dir, 'out', 'stacks', s), { recursive: true });
    writeFileSync(path.join(dir, 'out', 'stacks', s, 'cdk.tf.json'), '{}');
  }
  mkdirSync(path.join(dir, 'locks'));
  return { out: path.join(dir, 'out'), locks: path.join(dir, 'locks') };
}
const place = (out: string, locks: string) =>
  spawnSync(process.execPath, [path.join(root, 'scripts/run-ts.mjs'), 'delivery/provider-locks/place.ts', '--', out, '--locks', locks], { cwd: root, encoding: 'utf8' });

it('places nothing while no lock file exists, and says init runs without -lockfile=readonly', () => {
  const { out, locks } = outdirWith(['dev', 'bootstrap-dev']);
  const r = place(out, locks);
  expect(r.status).toBe(0);
  expect(r.stdout).toMatch(/no lock files yet/);
  expect(existsSync(path.join(out, 'stacks', 'dev', '.terraform.lock.hcl'))).toBe(false);
});

it('puts each stack\'s lock file where terraform init reads it', () => {
  const { out, locks } = outdirWith(['dev', 'bootstrap-dev']);
  for (const s of ['dev', 'bootstrap-dev', 'gone']) writeFileSync(path.join(locks, `${s}.terraform.lock.hcl`), LOCK(s));
  expect(placeLockFiles(out, locks)).toEqual({ placed: ['bootstrap-dev', 'dev'], missing: [], stale: ['gone'] });
  for (const s of ['dev', 'bootstrap-dev']) expect(readFileSync(path.join(out, 'stacks', s, '.terraform.lock.hcl'), 'utf8')).toBe(LOCK(s));
});

it('stops the build when one stack has no lock file once any exists (a new environment needs the workflow run again)', () => {
  const { out, locks } = outdirWith(['dev', 'qa']);
  writeFileSync(path.join(locks, 'dev.terraform.lock.hcl'), LOCK('dev'));
  const r = place(out, locks);
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(/no lock file for qa: run the provider-locks workflow/);
  expect(existsSync(path.join(out, 'stacks', 'dev', '.terraform.lock.hcl'))).toBe(false);
});

it('with --allow-missing (the provider-locks workflow\'s own build) places what exists and names the rest', () => {
  const { out, locks } = outdirWith(['dev', 'qa']);
  writeFileSync(path.join(locks, 'dev.terraform.lock.hcl'), LOCK('dev'));
  expect(placeLockFiles(out, locks, true)).toEqual({ placed: ['dev'], missing: ['qa'], stale: [] });
  const r = spawnSync(process.execPath, [path.join(root, 'scripts/run-ts.mjs'), 'delivery/provider-locks/place.ts', '--', out, '--locks', locks, '--allow-missing'], { cwd: root, encoding: 'utf8' });
  expect(r.status).toBe(0);
  expect(r.stderr).toMatch(/no lock file yet for qa/);
});

// The examples' stacks (environments/examples/) are synthesized but no workflow initialises them.
it('asks no lock file of the examples\' stacks, which no workflow initialises', () => {
  const examples = loadExampleEnvironments().flatMap((e) => [e.name, bootstrapStackName(e)]);
  expect(examples.length).toBeGreaterThan(0);
  const { out, locks } = outdirWith(['dev', ...examples]);
  writeFileSync(path.join(locks, 'dev.terraform.lock.hcl'), LOCK('dev'));
  expect(placeLockFiles(out, locks, false, examples)).toEqual({ placed: ['dev'], missing: [], stale: [] });
  const r = place(out, locks);
  expect(r.status, r.stderr).toBe(0);
  expect(r.stdout).toMatch(/placed the lock files of dev;/);
});
