// The project's import graph as the TypeScript compiler resolves it, for the no-cycles and the boundary
// tests. `tsc --explainFiles` says, for every file of the program, which files import it and through which
// specifier ("Imported via './schema' from file 'environments/smoke-schema.ts'"): the compiler's own module
// resolution, `import type` and type-only specifiers included, JavaScript files included with allowJs.
// esbuild's metafile was the other candidate (already a devDependency) but it drops type-only imports
// before it resolves anything, and two of the circles this project had (environments/schema.ts <->
// smoke-schema.ts, simulator/connect-actions.ts <-> connect-runtime.ts) were type-only. madge and
// dependency-cruiser read TypeScript through the `typescript` package's JavaScript API, which the
// TypeScript 7 installed here (the native compiler) no longer has.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** importer -> the project files it imports, all as paths relative to the root, '/'-separated. */
export type ImportGraph = Map<string, Set<string>>;

const TSC = path.join(path.dirname(createRequire(__filename).resolve('typescript/package.json')), 'bin', 'tsc');
const IMPORTED_VIA = /^\s+Imported via (["'`])(?:.*?)\1 from file '([^']+)'/;
const OUTSIDE = /^(?:node_modules\/|\.\.\/|\/)/;

/** The source files git knows under `root` (tracked, or new and not ignored): .ts, .mts, .mjs, .cjs. */
export function sourceFiles(root: string): string[] {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '--', '*.ts', '*.mts', '*.mjs', '*.cjs'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  return listed.stdout.split('\n').filter((f) => f && existsSync(path.join(root, f)));
}

/** The files (paths relative to `root`) and every project file they import. */
export function importGraph(root: string, files: string[] = sourceFiles(root)): ImportGraph {
  const scratch = mkdtempSync(path.join(tmpdir(), 'import-graph-'));
  try {
    const config = path.join(scratch, 'tsconfig.json');
    writeFileSync(config, JSON.stringify({
      compilerOptions: {
        module: 'esnext', moduleResolution: 'bundler', target: 'es2022', allowJs: true, checkJs: false,
        resolveJsonModule: true, noEmit: true, skipLibCheck: true, types: [],
      },
      files: files.map((f) => path.join(root, f)),
    }));
    // --noCheck: resolution only, no type checking (npm run typecheck does that); about 2 s here.
    const run = spawnSync(process.execPath, [TSC, '-p', config, '--explainFiles', '--noCheck'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
    if (run.status !== 0) throw new Error(`tsc --explainFiles failed (${run.status}):\n${run.stdout}${run.stderr}`);
    return parseExplainFiles(run.stdout);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** Reads `tsc --explainFiles` output: a file's path, then one indented line per reason it is in the program. */
export function parseExplainFiles(output: string): ImportGraph {
  const graph: ImportGraph = new Map();
  const node = (file: string) => graph.get(file) ?? graph.set(file, new Set()).get(file)!;
  let current: string | undefined;
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    if (!/^\s/.test(line)) {
      current = OUTSIDE.test(line) ? undefined : line.trim();
      if (current) node(current);
      continue;
    }
    const via = IMPORTED_VIA.exec(line);
    if (current && via && !OUTSIDE.test(via[2]!)) node(via[2]!).add(current);
  }
  return graph;
}

/** The import circles: strongly connected components of more than one file, or a file importing itself. */
export function importCycles(graph: ImportGraph): string[][] {
  // Tarjan's algorithm; a few hundred files, so recursion depth is no concern.
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || graph.get(file)?.has(file)) cycles.push(component.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return cycles.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** Every file reachable from `entries` through imports, the entries included. */
export function reachableFrom(graph: ImportGraph, entries: string[]): Set<string> {
  const seen = new Set<string>();
  const todo = [...entries];
  while (todo.length > 0) {
    const file = todo.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...(graph.get(file) ?? []));
  }
  return seen;
}
