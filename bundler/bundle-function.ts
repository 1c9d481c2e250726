import type { BuildOptions, BuildResult } from 'esbuild';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { deterministicZip } from './deterministic-zip';
import { slimSdkClient } from './slim-sdk-client';

export const FUNCTION_NAMES = ['encrypt', 'decrypt', 'delete-utterances'] as const;
export type FunctionName = (typeof FUNCTION_NAMES)[number];

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
// Modules the bundles replace by smaller stand-ins (see each stub for why), relative to the project root.
const STUB_ALIASES: Record<string, string> = {
  'asn1.js': 'bundler/stubs/asn1.ts',
  '@aws-sdk/credential-provider-node': 'bundler/stubs/credential-provider-node.ts',
};
// SDK clients bundled from a copy whose schemas esbuild can tree-shake, through an entry with only the
// client and the commands the functions call (see slim-sdk-client.ts). A command missing here fails the build.
const SLIM_SDK_CLIENTS: Record<string, string[]> = {
  '@aws-sdk/client-connect': ['ConnectClient', 'commands/GetContactAttributesCommand'],
  '@aws-sdk/client-cloudwatch-logs': ['CloudWatchLogsClient', 'commands/CreateLogStreamCommand', 'commands/PutLogEventsCommand'],
  '@aws-sdk/client-lex-models-v2': ['LexModelsV2Client', 'commands/DeleteUtterancesCommand'],
};
// Lambda runs nodejs22.x on arm64; the bundle carries its own SDK and crypto, nothing from a layer.
const OPTIONS: BuildOptions = {
  bundle: true, minify: true, treeShaking: true, platform: 'node', target: 'node22', format: 'cjs',
  mainFields: ['module', 'main'], legalComments: 'none', logLevel: 'warning',
  alias: Object.fromEntries(Object.entries(STUB_ALIASES).map(([mod, stub]) => [mod, path.join(ROOT, stub)])),
};
// The options as they enter the cache key: without absolute paths, so a checkout anywhere reuses the same key.
const OPTIONS_KEY = JSON.stringify({ ...OPTIONS, alias: STUB_ALIASES, slim: SLIM_SDK_CLIENTS });

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest();

// esbuild is loaded only when something must be built: a synth from cache never pays for it.
const localRequire = createRequire(__filename);
const esbuild = (): typeof import('esbuild') => localRequire('esbuild');
const esbuildVersion: string = localRequire('esbuild/package.json').version;

/** The cache key: every input file's content as of the last build, the options and esbuild's version. */
function inputsKey(sourceRoot: string, inputs: string[], digests: FileDigests): string | undefined {
  const hash = createHash('sha256').update(esbuildVersion).update(OPTIONS_KEY);
  for (const file of inputs) {
    const digest = digests.of(path.join(sourceRoot, file));
    if (!digest) return undefined;
    hash.update(file).update(digest);
  }
  return hash.digest('hex');
}

type Stamps = Record<string, [size: number, mtimeMs: number, digest: string]>;

/**
 * File digests for one bundling call: the functions share most of their ~400 input files. A file whose
 * size and modification time are those recorded beside its digest last time is not read again (the rule
 * scripts/synth.cjs applies to its own bundle); any other file is read and hashed, and the record updated.
 * The record is read when the first digest is asked for: a call the in-process memo answers never reads it.
 */
class FileDigests {
  private readonly known = new Map<string, Buffer | undefined>();
  private loaded: Stamps | undefined;
  private changed = false;

  constructor(private readonly stampFile: string) {}

  private get stamps(): Stamps {
    if (this.loaded === undefined) {
      try {
        this.loaded = JSON.parse(readFileSync(this.stampFile, 'utf8')) as Stamps;
      } catch {
        this.loaded = {}; // missing or unreadable: every file is hashed again
      }
    }
    return this.loaded;
  }

  of(file: string): Buffer | undefined {
    if (!this.known.has(file)) {
      let digest: Buffer | undefined;
      try {
        const { size, mtimeMs } = statSync(file);
        const recorded = this.stamps[file];
        if (recorded && recorded[0] === size && recorded[1] === mtimeMs) digest = Buffer.from(recorded[2], 'hex');
        else {
          digest = sha256(readFileSync(file));
          this.stamps[file] = [size, mtimeMs, digest.toString('hex')];
          this.changed = true;
        }
      } catch {
        digest = undefined; // gone since the last build: the cache entry is stale
      }
      this.known.set(file, digest);
    }
    return this.known.get(file);
  }

  /** Keeps what was hashed for the next call (written then renamed, as the zips are). */
  save(): void {
    if (!this.changed) return;
    writeFileSync(`${this.stampFile}.tmp`, JSON.stringify(this.stamps));
    renameSync(`${this.stampFile}.tmp`, this.stampFile);
    this.changed = false;
  }
}

// Every stack needs both zips: look them up once per process (a synth is one process). Shared through
// globalThis because synth.cjs prebuilds through its own copy of this module, before the app is loaded.
const memo: Map<string, BundledFunction> = ((globalThis as Record<symbol, unknown>)[Symbol.for('secure-lex-input.function-bundles')] ??= new Map()) as Map<string, BundledFunction>;
export const forgetBundles = (): void => memo.clear();

export interface BundleOptions {
  /** Where zips and their input manifests are kept (default .build/functions, gitignored). */
  cacheDir?: string;
  /** The folder holding functions/<name>/handler.ts (default: this project; tests point it at a fixture). */
  sourceRoot?: string;
}

/**
 * Bundles functions/<name>/handler.ts into a self-contained, deterministic zip under .build/functions,
 * reusing the last zip when none of that function's input files changed.
 */
export function bundleFunction(name: FunctionName, options: BundleOptions = {}): BundledFunction {
  return bundleFunctions([name], options)[0]!;
}

/**
 * Bundles several functions; the stale ones are built in one esbuild run, so the modules they share
 * (the SDK, the Encryption SDK) are parsed once.
 */
export function bundleFunctions(names: readonly FunctionName[], options: BundleOptions = {}): BundledFunction[] {
  const work = lookUp(names, options);
  return finish(work, work.stale.length > 0 ? esbuild().buildSync(buildOptions(work)) : undefined);
}

/**
 * The same, with esbuild working in its own process while this one goes on: synth.cjs starts it before
 * loading the app, and the app's bundleFunctions then finds the result in the shared memo.
 */
export async function prebuildFunctions(names: readonly FunctionName[] = FUNCTION_NAMES, options: BundleOptions = {}): Promise<BundledFunction[]> {
  const work = lookUp(names, options);
  return finish(work, work.stale.length > 0 ? await esbuild().build(buildOptions(work)) : undefined);
}

interface Work {
  names: readonly FunctionName[];
  cacheDir: string;
  sourceRoot: string;
  digests: FileDigests;
  results: Map<FunctionName, BundledFunction>;
  stale: FunctionName[];
}

/** Which functions the memo or the cache already has, and which must be built. */
function lookUp(names: readonly FunctionName[], options: BundleOptions): Work {
  const { cacheDir = path.join(ROOT, '.build', 'functions'), sourceRoot = ROOT } = options;
  mkdirSync(cacheDir, { recursive: true });
  const work: Work = { names, cacheDir, sourceRoot, digests: new FileDigests(path.join(cacheDir, 'input-digests.json')), results: new Map(), stale: [] };
  for (const name of names) {
    const known = memo.get(`${sourceRoot}\0${cacheDir}\0${name}`);
    const cached = known && existsSync(known.zipPath) ? { ...known, built: false } : fromCache(name, cacheDir, sourceRoot, work.digests);
    if (cached) work.results.set(name, cached);
    else work.stale.push(name);
  }
  return work;
}

function buildOptions({ sourceRoot, stale }: Work): BuildOptions & { write: false; metafile: true } {
  const slim = Object.fromEntries(Object.entries(SLIM_SDK_CLIENTS).map(([pkg, modules]) => [pkg, slimSdkClient(ROOT, pkg, modules)]));
  return {
    ...OPTIONS, alias: { ...OPTIONS.alias, ...slim }, write: false, metafile: true, absWorkingDir: sourceRoot, outdir: 'out',
    entryPoints: Object.fromEntries(stale.map((name) => [name, path.join(sourceRoot, 'functions', name, 'handler.ts')])),
  };
}

/** Zips what esbuild built, records its inputs for the next cache lookup, and remembers everything. */
function finish(work: Work, result: BuildResult<{ write: false; metafile: true }> | undefined): BundledFunction[] {
  const { cacheDir, sourceRoot, digests, results } = work;
  for (const name of result ? work.stale : []) {
    const [outPath, output] = Object.entries(result!.metafile.outputs).find(([out]) => out === `out/${name}.js`)!;
    const inputs = Object.keys(output.inputs).sort();
    const key = inputsKey(sourceRoot, inputs, digests)!;
    const zipPath = path.join(cacheDir, `${name}-${key.slice(0, 16)}.zip`);
    const js = result!.outputFiles.find((f) => f.path === path.join(sourceRoot, outPath))!;
    // Write then rename: a synth running beside this one never sees half a zip.
    writeFileSync(`${zipPath}.tmp`, deterministicZip({ 'index.js': Buffer.from(js.contents) }));
    renameSync(`${zipPath}.tmp`, zipPath);
    writeFileSync(path.join(cacheDir, `${name}.inputs.json`), JSON.stringify({ inputs, key }));
    results.set(name, describe(name, zipPath, true));
  }
  for (const [name, bundled] of results) memo.set(`${sourceRoot}\0${cacheDir}\0${name}`, bundled);
  digests.save();
  return work.names.map((name) => results.get(name)!);
}

/** The zip of the last build, if every input file it was built from is unchanged. */
function fromCache(name: FunctionName, cacheDir: string, sourceRoot: string, digests: FileDigests): BundledFunction | undefined {
  const manifestPath = path.join(cacheDir, `${name}.inputs.json`);
  if (!existsSync(manifestPath)) return undefined;
  const previous = JSON.parse(readFileSync(manifestPath, 'utf8')) as { inputs: string[]; key: string };
  if (inputsKey(sourceRoot, previous.inputs, digests) !== previous.key) return undefined;
  const zipPath = path.join(cacheDir, `${name}-${previous.key.slice(0, 16)}.zip`);
  return existsSync(zipPath) ? describe(name, zipPath, false) : undefined;
}

function describe(name: FunctionName, zipPath: string, built: boolean): BundledFunction {
  const zip = readFileSync(zipPath);
  return { name, zipPath, sourceCodeHash: sha256(zip).toString('base64'), zipBytes: zip.length, built };
}
