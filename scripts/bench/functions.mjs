// Issue 3 bars: each zip <= 170 KB and self-contained; requiring the built encrypt bundle <= 0.6 of
// requiring @aws-crypto/client-node + @aws-sdk/client-kms from node_modules; exactly one KMS call per
// encrypt and per decrypt; `npm run synth` <= 0.25 (functions cached) and <= 0.4 (empty cache) of the
// root provider require, all measured in the same run.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, measure, measureRequire, measureRounds, roundRatio } from './measure.mjs';

const KB = 1024;
const PROVIDER_ROOT = ['@cdktf', 'provider-aws'].join('/'); // the yardstick, loaded on purpose
const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function run({ root = PROJECT_ROOT, runs = 5 } = {}) {
  const out = [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-fn-'));
  const harness = path.join(root, '.build', 'bench', 'functions-harness.cjs');
  await build({ entryPoints: [path.join(root, 'scripts/bench/functions-harness.ts')], outfile: harness, bundle: true,
    platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'warning' });
  const facts = JSON.parse(execFileSync(process.execPath, [harness, scratch, '20'], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop());

  let ok = true;
  for (const fn of ['encrypt', 'decrypt']) {
    const size = facts.built[fn].zipBytes;
    ok &&= size <= 170 * KB;
    out.push([`${fn} zip (bar <= 170 KB, self-contained)`, `${(size / KB).toFixed(1)} KB`, fmt.verdict(size <= 170 * KB)]);
  }
  out.push(['original solution: node_modules layer', '5.45 MB', 'for comparison (DESIGN-NOTES)']);

  // The time of the require call itself, in fresh processes (node's own start-up is the same for both).
  const bundleMs = measureRequire([facts.built.encrypt.index], { cwd: scratch, runs: runs * 2 });
  const libsMs = measureRequire(['@aws-crypto/client-node', '@aws-sdk/client-kms'], { cwd: root, runs: runs * 2 });
  const requireRatio = bundleMs / libsMs;
  ok &&= requireRatio <= 0.6;
  out.push(['require built encrypt bundle', `${bundleMs.toFixed(1)} ms`, 'in-process, median']);
  out.push(['require @aws-crypto/client-node + @aws-sdk/client-kms (node_modules)', `${libsMs.toFixed(1)} ms`, 'in-process, median']);
  out.push(['  ratio (bar <= 0.6)', fmt.ratio(requireRatio), fmt.verdict(requireRatio <= 0.6)]);

  const oneCall = facts.kmsPerEncrypt === 1 && facts.kmsPerDecrypt === 1 && facts.otherKmsCallsDuringEncrypt === 0 && facts.auditRecordsPerDecrypt === 1;
  ok &&= oneCall;
  out.push([`KMS calls per encrypt / per decrypt (${facts.ops} each, counted by the stand-in)`, `${facts.kmsPerEncrypt} / ${facts.kmsPerDecrypt}`, fmt.verdict(oneCall)]);
  out.push(['bundled encrypt / decrypt by contact, per operation (local KMS, Connect and Logs stand-ins)', `${facts.encryptMs.toFixed(2)} ms / ${facts.decryptMs.toFixed(2)} ms`, `ciphertext ${facts.ciphertextChars} base64 chars`]);

  const synthCmd = ['run', '--silent', 'synth'];
  measure('npm', synthCmd, { cwd: root, runs: 1 }); // warm the function cache
  // In rounds: root require, synth with the cache (warm from the round before), synth with it emptied.
  const [rootRequire, cached, cold] = measureRounds([
    { cmd: process.execPath, args: ['-e', `require(${JSON.stringify(PROVIDER_ROOT)})`], cwd: root },
    { cmd: 'npm', args: synthCmd, cwd: root },
    { cmd: 'npm', args: synthCmd, cwd: root, before: () => fs.rmSync(path.join(root, '.build', 'functions'), { recursive: true, force: true }) },
  ], { runs });
  const cachedRatio = roundRatio(cached, rootRequire);
  const coldRatio = roundRatio(cold, rootRequire);
  ok &&= cachedRatio <= 0.25 && coldRatio <= 0.4;
  out.push([`require('${PROVIDER_ROOT}') (root), same run`, fmt.s(rootRequire.seconds), fmt.mb(rootRequire.peakMb)]);
  out.push(['npm run synth, functions cached (bar <= 0.25)', `${fmt.s(cached.seconds)} = ${fmt.ratio(cachedRatio)}`, fmt.verdict(cachedRatio <= 0.25)]);
  out.push(['npm run synth, empty function cache (bar <= 0.4)', `${fmt.s(cold.seconds)} = ${fmt.ratio(coldRatio)}`, fmt.verdict(coldRatio <= 0.4)]);
  fs.rmSync(scratch, { recursive: true, force: true });
  return { title: 'Functions: bundles, KMS calls, synth with and without the cache', rows: out, ok };
}
