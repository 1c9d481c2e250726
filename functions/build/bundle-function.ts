import { buildSync, version as esbuildVersion, type BuildOptions } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deterministicZip } from './deterministic-zip';

export type FunctionName = 'encrypt' | 'decrypt';

export interface BundledFunction {
  name: FunctionName;
  zipPath: string;
  /** base64 SHA-256 of the zip: Terraform's source_code_hash. */
  sourceCodeHash: string;
  zipBytes: number;
  /** False when the zip came from the cache. */
  built: boolean;
}

/** The project root: the nearest folder up from here with this project's package.json (works bundled or not). */
function projectRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (existsSync(pkg) && JSON.parse(readFileSync(pkg, 'utf8')).name === 'secure-lex-input') return dir;
  }
  throw new Error(`no secure-lex-input package.json above ${from}`);
}
const ROOT = projectRoot(__dirname);
const STUBS = path.join(ROOT, 'functions', 'build', 'stubs');
// Lambda runs nodejs22.x on arm64; the bundle carries its own SDK and crypto, nothing from a layer.
const OPTIONS: BuildOptions = {
  bundle: true, minify: true, treeShaking: true, platform: 'node', target: 'node22', format: 'cjs',
  mainFields: ['module', 'main'], legalComments: 'none', metafile: true, write: false, logLevel: 'warning',
  alias: { 'asn1.js': path.join(STUBS, 'asn1.ts'), '@aws-sdk/credential-provider-node': path.join(STUBS, 'credential-provider-node.ts') },
};

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

/** The cache key: every input file's content as of the last build, the options and esbuild's version. */
function inputsKey(inputs: string[]): string | undefined {
  const hash = createHash('sha256').update(esbuildVersion).update(JSON.stringify(OPTIONS));
  for (const file of inputs) {
    const full = path.join(ROOT, file);
    if (!existsSync(full)) return undefined;
    hash.update(file).update(sha256(readFileSync(full)));
  }
  return hash.digest('hex');
}

// Every stack needs both zips: look them up once per process (a synth is one process).
const memo = new Map<string, BundledFunction>();
export const forgetBundles = (): void => memo.clear();

/**
 * Bundles functions/<name>/handler.ts into a self-contained, deterministic zip under .build/functions,
 * reusing the last zip when no input file changed.
 */
export function bundleFunction(name: FunctionName, cacheDir = path.join(ROOT, '.build', 'functions')): BundledFunction {
  const key = `${cacheDir}\0${name}`;
  const known = memo.get(key);
  if (known && existsSync(known.zipPath)) return { ...known, built: false };
  const bundled = bundleOrReuse(name, cacheDir);
  memo.set(key, bundled);
  return bundled;
}

function bundleOrReuse(name: FunctionName, cacheDir: string): BundledFunction {
  mkdirSync(cacheDir, { recursive: true });
  const manifestPath = path.join(cacheDir, `${name}.inputs.json`);
  const previous = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as { inputs: string[]; key: string }) : undefined;
  if (previous && inputsKey(previous.inputs) === previous.key) {
    const zipPath = path.join(cacheDir, `${name}-${previous.key.slice(0, 16)}.zip`);
    if (existsSync(zipPath)) return describe(name, zipPath, false);
  }

  const result = buildSync({ ...OPTIONS, absWorkingDir: ROOT, entryPoints: [path.join(ROOT, 'functions', name, 'handler.ts')], outfile: 'index.js' });
  const inputs = Object.keys(result.metafile!.inputs).sort();
  const key = inputsKey(inputs)!;
  const zipPath = path.join(cacheDir, `${name}-${key.slice(0, 16)}.zip`);
  const js = result.outputFiles!.find((f) => f.path.endsWith('index.js'))!;
  // Write then rename: a synth running beside this one never sees half a zip.
  writeFileSync(`${zipPath}.tmp`, deterministicZip({ 'index.js': Buffer.from(js.contents) }));
  renameSync(`${zipPath}.tmp`, zipPath);
  writeFileSync(manifestPath, JSON.stringify({ inputs, key }));
  return describe(name, zipPath, true);
}

function describe(name: FunctionName, zipPath: string, built: boolean): BundledFunction {
  const zip = readFileSync(zipPath);
  return { name, zipPath, sourceCodeHash: sha256(zip).toString('base64'), zipBytes: zip.length, built };
}
