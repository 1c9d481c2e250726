// Wall time and peak memory of a command, over fresh processes. Peak memory is read from every node
// process the command starts (npm itself is one), through a preload that reports its own maxRSS.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const preload = path.join(path.dirname(fileURLToPath(import.meta.url)), 'report-rss.cjs');

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Runs `cmd args` `runs` times; returns median seconds and the largest peak RSS (MB) of any node process. */
export function measure(cmd, args, { runs = 5, cwd = process.cwd(), env = {}, before } = {}) {
  const times = [];
  let peakMb = 0;
  for (let i = 0; i < runs; i++) {
    before?.();
    const rssFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'bench-')), 'rss');
    const nodeOptions = `${process.env.NODE_OPTIONS ?? ''} --require ${preload}`.trim();
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env, NODE_OPTIONS: nodeOptions, BENCH_RSS_FILE: rssFile }, encoding: 'utf8' });
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${r.stderr}`);
    times.push(seconds);
    if (fs.existsSync(rssFile)) {
      for (const line of fs.readFileSync(rssFile, 'utf8').trim().split('\n')) peakMb = Math.max(peakMb, Number(line) / 1024);
    }
    fs.rmSync(path.dirname(rssFile), { recursive: true, force: true });
  }
  return { seconds: median(times), peakMb, runs };
}

/**
 * Runs several commands in rounds, each once per round, so that a shared machine that speeds up or slows
 * down between batches moves all of them alike. Each result keeps its per-round times, for ratios.
 */
export function measureRounds(commands, { runs = 5 } = {}) {
  const results = commands.map(() => ({ times: [], peakMb: 0 }));
  for (let i = 0; i < runs; i++) {
    commands.forEach(({ cmd, args, ...options }, j) => {
      const one = measure(cmd, args, { ...options, runs: 1 });
      results[j].times.push(one.seconds);
      results[j].peakMb = Math.max(results[j].peakMb, one.peakMb);
    });
  }
  return results.map((r) => ({ seconds: median(r.times), peakMb: r.peakMb, times: r.times, runs }));
}

/** The median, over rounds, of a's time over b's time in the same round. */
export const roundRatio = (a, b) => median(a.times.map((t, i) => t / b.times[i]));

export const fmt = {
  s: (x) => `${x.toFixed(3)} s`,
  mb: (x) => `${x.toFixed(0)} MB`,
  ratio: (x) => x.toFixed(3),
  verdict: (ok) => (ok ? 'meets the bar' : 'MISSES the bar'),
};

/** Median milliseconds that `require` of the given modules takes inside a fresh node process (startup excluded). */
export function measureRequire(modules, { cwd = process.cwd(), runs = 5 } = {}) {
  const code = `const t = process.hrtime.bigint(); ${modules.map((m) => `require(${JSON.stringify(m)});`).join(' ')} ` +
    'process.stdout.write(String(Number(process.hrtime.bigint() - t) / 1e6));';
  const times = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ['-e', code], { cwd, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`require of ${modules.join(', ')} failed:\n${r.stderr}`);
    times.push(Number(r.stdout));
  }
  return median(times);
}
