#!/usr/bin/env node
// npm run bench [-- --runs N]: prints every benchmark's figures as a table (medians over fresh processes).
// The README's "Benchmarks" section holds the figures of the last run on the project's machine.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fs from 'node:fs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const modules = ['foundation.mjs', 'functions.mjs', 'simulator.mjs'].filter((m) => fs.existsSync(path.join(root, 'scripts/bench', m)));

console.log(`# secure-lex-input benchmarks: node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${runs} runs each (median)\n`);
let allOk = true;
for (const m of modules) {
  const { run } = await import(pathToFileURL(path.join(root, 'scripts/bench', m)).href);
  const { title, rows, ok } = await run({ root, runs });
  allOk &&= ok;
  console.log(`## ${title}\n\n| measure | value | note |\n|---|---|---|`);
  for (const [a, b, c = ''] of rows) console.log(`| ${a} | ${b} | ${c} |`);
  console.log('');
}
console.log(allOk ? 'All bars met.' : 'Some bars missed.');
process.exitCode = allOk ? 0 : 1;
