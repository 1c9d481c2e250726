// Captures everything a test's code writes to stdout and stderr (console, Powertools Logger and direct
// writes all end in these two streams), so tests can prove no digits they fed reach a log.
export interface CapturedOutput {
  readonly text: () => string;
  restore(): void;
}

export function captureOutput(): CapturedOutput {
  const chunks: string[] = [];
  const originals = { out: process.stdout.write, err: process.stderr.write };
  const grab = (chunk: unknown, ...rest: unknown[]) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  };
  process.stdout.write = grab as typeof process.stdout.write;
  process.stderr.write = grab as typeof process.stderr.write;
  return {
    text: () => chunks.join(''),
    restore() {
      process.stdout.write = originals.out;
      process.stderr.write = originals.err;
    },
  };
}

/** Every run of 4 or more digits fed to a test, and the digits with separators taken out. */
export function secretsIn(values: readonly unknown[]): string[] {
  const found = new Set<string>();
  for (const v of values) {
    if (typeof v !== 'string') continue;
    const bare = v.replace(/[ -]/g, '');
    for (const run of bare.match(/[0-9]{4,}/g) ?? []) found.add(run);
  }
  return [...found];
}
