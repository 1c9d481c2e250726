// Captures everything a test's code writes to stdout and stderr, so tests can prove no digits they fed
// reach a log. Both ways out are patched: the streams' write (Powertools Logger's own Console, direct
// writes) and the global console, which vitest replaces with one that does not go through the streams.
import { format } from 'node:util';
import { digitRuns } from '../contract/card-number-text';

export interface CapturedOutput {
  readonly text: () => string;
  restore(): void;
}

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir'] as const;

export function captureOutput(): CapturedOutput {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };
  const originalConsole = CONSOLE_METHODS.map((m) => [m, console[m]] as const);
  const grab = (chunk: unknown, ...rest: unknown[]) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  };
  process.stdout.write = grab as typeof process.stdout.write;
  process.stderr.write = grab as typeof process.stderr.write;
  for (const m of CONSOLE_METHODS) console[m] = (...args: unknown[]) => void chunks.push(`${format(...args)}\n`);
  return {
    text: () => chunks.join(''),
    restore() {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
      for (const [m, original] of originalConsole) console[m] = original as never;
    },
  };
}

/**
 * What a log must never hold of the values fed to a test: every run of 4 or more ASCII digits, the
 * digits with spaces and dashes taken out, and every digit run of any script and separators read as the
 * reason rule reads them (contract/card-number-text.ts), as ASCII digits and as written.
 */
export function secretsIn(values: readonly unknown[]): string[] {
  const found = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const bare = v.replace(/[ -]/g, '');
    for (const run of bare.match(/[0-9]{4,}/g) ?? []) found.add(run);
    for (const run of digitRuns(v)) if (run.length >= 4) found.add(run);
    for (const written of v.match(/\p{Nd}[\p{Nd}\P{L}]*\p{Nd}/gu) ?? []) if (digitRuns(written)[0]!.length >= 4) found.add(written);
  }
  return [...found];
}
