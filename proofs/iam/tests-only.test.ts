import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

// @cloud-copilot/iam-simulate is AGPL-3.0-or-later: a devDependency for tests and `npm run iam:matrix`
// only. Nothing the app synthesizes or a function bundles may import it, nor the module that wraps it.
const IAM_PROOF_IMPORT = /(?:from\s+|require\(\s*|import\(\s*)['"](?:@cloud-copilot\/[\w-]+|[./]*proofs\/iam(?:\/[\w-]+)?)['"]/;

export const importsIamProof = (source: string) => source.split('\n').some((line) => IAM_PROOF_IMPORT.test(line));

it('recognises an import of the evaluator or its wrapper', () => {
  expect(importsIamProof(`import { runSimulation } from '@cloud-copilot/iam-simulate';`)).toBe(true);
  expect(importsIamProof(`import { iamWorld } from '../proofs/iam/iam-world';`)).toBe(true);
  expect(importsIamProof(`import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';`)).toBe(false);
});

it('only tests and proofs/iam itself import the IAM evaluator', () => {
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.ts', '*.mts', '*.js', '*.mjs', '*.cjs'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => f && existsSync(f) && !f.startsWith('node_modules/') && !f.startsWith('proofs/iam/') && !f.endsWith('.test.ts'));
  expect(files).toContain('main.ts');
  expect(files.filter((f) => importsIamProof(readFileSync(f, 'utf8')))).toEqual([]);
});
