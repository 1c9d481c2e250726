#!/usr/bin/env node
// Runs a TypeScript entry point: esbuild bundles it (dependencies stay in node_modules), node runs it.
//   node scripts/run-ts.mjs scripts/plan-guard.ts -- args...
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [entry, ...rest] = process.argv.slice(2);
if (!entry) {
  console.error('usage: node scripts/run-ts.mjs <entry.ts> [args...]');
  process.exit(2);
}
// Named after the entry's path, not its file name: delivery/reports/cli.ts and delivery/plan-digest/cli.ts,
// run at once by two test workers, would otherwise overwrite each other's bundle.
const outfile = path.join(root, '.build', 'run', `${path.relative(root, path.resolve(entry)).replace(/\.ts$/, '').replace(/[\\/]/g, '__')}.cjs`);
await build({
  entryPoints: [path.resolve(entry)], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node20',
  packages: 'external', sourcemap: 'inline', logLevel: 'warning',
});
const args = rest[0] === '--' ? rest.slice(1) : rest;
const r = spawnSync(process.execPath, ['--enable-source-maps', outfile, ...args], { stdio: 'inherit' });
process.exit(r.status ?? 1);
