// No import circles between files, in any folder: tests, scripts and JavaScript files included, type-only
// imports included (the graph is the compiler's: test/import-graph.ts says why not esbuild, madge or
// dependency-cruiser). A circle makes load order matter and hides which part depends on which.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles, importGraph, sourceFiles } from './import-graph';

const root = path.resolve(__dirname, '..');

describe('the checker', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'cycles-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(path.join(scratch, file)), { recursive: true });
    writeFileSync(path.join(scratch, file), text);
  };

  it('finds a circle made of a type-only import, and a longer one across folders, and nothing else', () => {
    write('a/schema.ts', "import { smoke } from './smoke';\nexport const schema = { smoke };\nexport type Config = typeof schema;\n");
    write('a/smoke.ts', "import type { Config } from './schema';\nexport const smoke = 1;\nexport const read = (c: Config) => c.smoke;\n");
    write('b/one.ts', "export { two } from '../c/two';\nexport const one = 1;\n");
    write('c/two.ts', "import { three } from './three.mjs';\nexport const two = three;\n");
    write('c/three.mjs', "import { one } from '../b/one';\nexport const three = () => one;\n");
    write('d/leaf.ts', "import { schema } from '../a/schema';\nimport('../b/one');\nexport const leaf = schema;\n");
    const files = ['a/schema.ts', 'a/smoke.ts', 'b/one.ts', 'c/two.ts', 'c/three.mjs', 'd/leaf.ts'];
    expect(importCycles(importGraph(scratch, files))).toEqual([
      ['a/schema.ts', 'a/smoke.ts'],
      ['b/one.ts', 'c/three.mjs', 'c/two.ts'],
    ]);
  });

  it('finds none once the type moves out of the circle', () => {
    write('e/types.ts', 'export interface Config { smoke: number }\n');
    write('e/schema.ts', "import { smoke } from './smoke';\nimport type { Config } from './types';\nexport const schema: Config = { smoke };\n");
    write('e/smoke.ts', "import type { Config } from './types';\nexport const smoke = 1;\nexport const read = (c: Config) => c.smoke;\n");
    expect(importCycles(importGraph(scratch, ['e/types.ts', 'e/schema.ts', 'e/smoke.ts']))).toEqual([]);
  });
});

describe('this project', () => {
  const files = sourceFiles(root);
  const graph = importGraph(root, files);

  it('reads every source file with its imports, type-only ones included', () => {
    expect(files.length).toBeGreaterThan(200);
    for (const file of files) expect(graph.has(file), file).toBe(true);
    expect(graph.get('main.ts')).toContain('stacks/secure-input-stack.ts');
    // `import type { BundledFunction }` only: esbuild would not see this edge.
    expect(graph.get('stacks/constructs/bundled-code.ts')).toContain('bundler/bundle-function.ts');
    expect(graph.get('scripts/bench/foundation.mjs')).toContain('scripts/bench/measure.mjs');
  });

  it('has no import circle', () => {
    expect(importCycles(graph)).toEqual([]);
  });
});
