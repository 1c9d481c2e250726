// The synth entry points skip cdktf's token stack traces (scripts/no-token-stack-traces.cjs): only plain
// objects with an empty stack, as cdktf's captureStackTrace passes; every other capture keeps its trace.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const hook = path.join(__dirname, 'no-token-stack-traces.cjs');
const run = (code: string) => spawnSync(process.execPath, ['-e', `require(${JSON.stringify(hook)}); ${code}`], { encoding: 'utf8' });

describe('no token stack traces', () => {
  it('leaves a plain { stack: "" } object empty, so cdktf records no creation stack', () => {
    const r = run(`const o = { stack: '' }; Error.captureStackTrace(o); process.stdout.write(JSON.stringify(o.stack));`);
    expect(r.stdout).toBe('""');
  });

  it('still captures for errors and for objects that ask for a trace otherwise', () => {
    const r = run(`const e = new Error('x'); Error.captureStackTrace(e); const o = {}; Error.captureStackTrace(o);
      process.stdout.write(JSON.stringify([/\\n\\s+at /.test(e.stack), /\\n\\s+at /.test(o.stack)]));`);
    expect(r.stdout).toBe('[true,true]');
  });

  it('makes cdktf\'s own captureStackTrace give no frames', () => {
    const r = run(`const { captureStackTrace } = require('cdktf/lib/tokens/private/stack-trace'); process.stdout.write(JSON.stringify(captureStackTrace()));`);
    expect(r.stdout).toBe('[]');
  });
});
