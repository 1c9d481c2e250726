// Issue 9 bar: the 1,000-call leak test stays within 60 s, so the simulator must play at least 1000/60
// calls per second (in-process, one warm container of the bundled Encrypt zip, one KMS stand-in).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, median } from './measure.mjs';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CALLS = 300;

export async function run({ root = PROJECT_ROOT, runs = 5 } = {}) {
  const harness = path.join(root, '.build', 'bench', 'simulator-harness.cjs');
  await build({ entryPoints: [path.join(root, 'scripts/bench/simulator-harness.ts')], outfile: harness, bundle: true,
    platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'warning' });
  const samples = [];
  for (let i = 0; i < Math.min(runs, 3); i++) {
    samples.push(JSON.parse(execFileSync(process.execPath, [harness, String(CALLS)], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop()));
  }
  const rate = median(samples.map((s) => s.callsPerSecond));
  const bar = 1000 / 60;
  const ok = rate >= bar;
  const last = samples.at(-1);
  return {
    title: 'Simulator: calls through the synthesized flow, the Lex model and the bundled code hook',
    ok,
    rows: [
      [`simulated calls per second (${CALLS} random calls, a quarter failing; bar >= ${bar.toFixed(1)})`, rate.toFixed(1), fmt.verdict(ok)],
      ['  so 1,000 calls take', `${(1000 / rate).toFixed(1)} s`, 'the leak test plays 1,000'],
      ['CPU time per call (whatever the machine\'s load)', `${median(samples.map((s) => s.cpuMsPerCall)).toFixed(1)} ms`, 'handler, SDK, Encryption SDK, stand-in and the models'],
      ['KMS calls per call (counted by the stand-in)', last.kmsPerCall.toFixed(2), `${last.captured} of ${CALLS} captured: 2 each; failures 0 or 1`],
      ['Lex turns per call', last.lexTurnsPerCall.toFixed(2), ''],
    ],
  };
}
