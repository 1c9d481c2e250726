#!/usr/bin/env node
// node delivery/ci-tools/build.mjs <outdir>: the tools the AWS jobs run, each one self-contained CommonJS
// file (no node_modules needed), built in the job that ran `npm ci` and handed on with cdktf.out. The jobs
// that can request an OIDC token thus never install a dependency.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TOOLS = {
  'plan-guard': 'scripts/plan-guard.ts',
  'plan-digest': 'delivery/plan-digest/cli.ts',
  report: 'delivery/reports/cli.ts',
  // required by the actions/github-script steps
  github: 'delivery/github/github-steps.ts',
  // the live smoke test, run by the apply job as the smoke role
  smoke: 'smoke/ci-entry.ts',
  // reads a failed apply's output and names the runbook step (docs/operations.md)
  'apply-failure': 'delivery/apply-failures/cli.ts',
};

const outdir = process.argv[2];
if (!outdir) {
  console.error('usage: node delivery/ci-tools/build.mjs <outdir>');
  process.exit(2);
}
await build({
  entryPoints: Object.fromEntries(Object.entries(TOOLS).map(([name, entry]) => [name, path.join(root, entry)])),
  outdir: path.resolve(outdir), outExtension: { '.js': '.cjs' },
  bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning',
});
console.log(`ci-tools: ${Object.keys(TOOLS).map((t) => `${t}.cjs`).join(', ')} in ${outdir}`);
