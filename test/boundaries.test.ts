// Which part may import which (README, "Layout"). Imports point one way: scripts -> smoke, simulator,
// delivery, proofs -> stacks -> flows, bundler -> contract, environments; functions -> contract. The
// graph is the compiler's, type-only imports included (test/import-graph.ts).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTION_NAMES } from '../bundler/bundle-function';
import { importGraph, reachableFrom, type ImportGraph } from './import-graph';

const root = path.resolve(__dirname, '..');
const graph = importGraph(root);
const isTest = (file: string) => file.endsWith('.test.ts');
const under = (...folders: string[]) => (file: string) => folders.some((f) => (f.endsWith('.ts') ? file === f : file.startsWith(`${f}/`)));

/** `importer -> imported` for every import from a file `from` accepts into a file `to` accepts. */
function imports(g: ImportGraph, from: (f: string) => boolean, to: (f: string) => boolean): string[] {
  return [...g].filter(([file]) => from(file)).flatMap(([file, targets]) => [...targets].filter(to).map((t) => `${file} -> ${t}`));
}

// The Lambda entry points the bundler reads by path: what runs in AWS, and the only way stacks reach functions/.
const HANDLERS = FUNCTION_NAMES.map((name) => `functions/${name}/handler.ts`);
// What `npm run synth` loads and what the zips hold.
const DEPLOYED = reachableFrom(graph, ['main.ts', ...HANDLERS]);

describe('the rules', () => {
  it('find an import that breaks them', () => {
    const g: ImportGraph = new Map([
      ['stacks/a.ts', new Set(['functions/shared/b.ts', 'delivery/c.ts'])],
      ['functions/shared/b.ts', new Set(['contract/d.ts'])],
    ]);
    expect(imports(g, under('stacks'), under('functions'))).toEqual(['stacks/a.ts -> functions/shared/b.ts']);
    expect([...reachableFrom(g, ['stacks/a.ts'])].filter(under('contract'))).toEqual(['contract/d.ts']);
  });
});

describe('this project', () => {
  it('reaches functions/ from flows/, stacks/, simulator/, smoke/ and delivery/ only through the bundler', () => {
    for (const handler of HANDLERS) expect(existsSync(path.join(root, handler)), handler).toBe(true);
    expect(imports(graph, under('flows', 'stacks', 'simulator', 'smoke', 'delivery'), under('functions'))).toEqual([]);
    // synth loads no function module: the bundler reads the entry files by path.
    expect([...reachableFrom(graph, ['main.ts'])].filter(under('functions'))).toEqual([]);
  });

  it('has the operator\'s decrypt CLI check requests with contract/ rules, reaching no function code', () => {
    const reached = [...reachableFrom(graph, ['scripts/decrypt.ts'])];
    expect(reached.filter(under('functions'))).toEqual([]);
    expect(reached).toContain('contract/decrypt-request.ts');
  });

  it('has stacks/ import nothing from delivery/', () => {
    expect(imports(graph, under('stacks'), under('delivery'))).toEqual([]);
  });

  it('deploys nothing of the proofs, the simulator, the smoke test, the stand-ins, the tests or the tools', () => {
    expect(DEPLOYED.size).toBeGreaterThan(50);
    expect([...DEPLOYED].filter(under('proofs', 'simulator', 'smoke', 'stand-ins', 'test', 'scripts', 'delivery')).sort()).toEqual([]);
    const deploys = (f: string) => !isTest(f) && under('main.ts', 'stacks', 'flows', 'environments', 'contract', 'functions', 'bundler')(f);
    expect(imports(graph, deploys, under('proofs', 'simulator', 'smoke'))).toEqual([]);
  });

  it('bundles only functions/ and contract/ into the zips', () => {
    const bundled = reachableFrom(graph, HANDLERS);
    expect([...bundled].filter((f) => !under('functions', 'contract')(f))).toEqual([]);
    expect([...bundled].filter(under('contract')).length).toBeGreaterThan(0);
  });

  it('keeps contract/ and environments/ as the ground: each imports only itself', () => {
    expect(imports(graph, under('contract'), (f) => !under('contract')(f))).toEqual([]);
    expect(imports(graph, (f) => under('environments')(f) && !isTest(f), (f) => !under('environments')(f))).toEqual([]);
  });
});
