#!/usr/bin/env node
// npm run synth (and cdktf.json's app): synthesize every stack into cdktf.out/stacks/<env>/cdk.tf.json.
//
// Fast on purpose: main.ts and everything it imports (cdktf, the provider's deep imports, zod) are
// bundled by esbuild into one file, rebuilt only when one of its input files changed, and loaded
// through V8's code cache; a larger young generation (--max-semi-space-size in package.json) spares
// most garbage collections, and cdktf's token stack traces are skipped (no-token-stack-traces.cjs). A warm
// synth then costs about as much as starting node three times.
// CommonJS on purpose: no ESM loader to start, and esbuild is loaded only when the app bundle or a
// function zip is stale.
require('./no-token-stack-traces.cjs');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const root = path.resolve(__dirname, '..');
const outDir = path.join(root, '.build', 'app');
const bundle = path.join(outDir, 'app.cjs');
const functionBundler = path.join(outDir, 'function-bundler.cjs');
const inputsFile = path.join(outDir, 'inputs.json');
const codeCache = path.join(outDir, 'app.v8cache');

const stamp = (file) => {
  try {
    const s = fs.statSync(path.join(root, file));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
};

/** True when the last bundle was built from exactly the files that are there now. */
function bundleIsFresh() {
  if (!fs.existsSync(bundle) || !fs.existsSync(inputsFile)) return false;
  const recorded = JSON.parse(fs.readFileSync(inputsFile, 'utf8'));
  return Object.entries(recorded).every(([file, s]) => stamp(file) === s);
}

if (!bundleIsFresh()) {
  const result = require('esbuild').buildSync({
    entryPoints: { app: path.join(root, 'main.ts'), 'function-bundler': path.join(root, 'bundler/bundle-function.ts') },
    outdir: outDir, outExtension: { '.js': '.cjs' }, absWorkingDir: root, bundle: true, platform: 'node',
    format: 'cjs', target: 'node20', minify: true, keepNames: true, metafile: true, logLevel: 'warning',
    external: ['esbuild'], // the function bundler drives esbuild's own binary
    alias: { archiver: './scripts/stubs/archiver-unused.cjs' },
  });
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((f) => [f, stamp(f)]));
  inputs['package-lock.json'] = stamp('package-lock.json');
  inputs['scripts/synth.cjs'] = stamp('scripts/synth.cjs'); // its build options
  fs.writeFileSync(inputsFile, JSON.stringify(inputs));
  fs.rmSync(codeCache, { force: true });
}

/** Loads the bundle as a CommonJS module, compiled from V8's code cache when it has one. */
function loadBundle() {
  const cachedData = fs.existsSync(codeCache) ? fs.readFileSync(codeCache) : undefined;
  const script = new vm.Script(Module.wrap(fs.readFileSync(bundle, 'utf8')), { filename: bundle, cachedData });
  const mod = new Module(bundle);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(outDir);
  const localRequire = Module.createRequire(bundle);
  script.runInThisContext().call(mod.exports, mod.exports, localRequire, mod, bundle, outDir);
  return { exports: mod.exports, saveCache: () => (!cachedData || script.cachedDataRejected) && fs.writeFileSync(codeCache, script.createCachedData()) };
}

async function main() {
  // A stale function is built by esbuild in its own process while this one loads the app; the app's
  // stacks then find both zips already looked up (bundler/bundle-function.ts).
  const functionsReady = require(functionBundler).prebuildFunctions();
  const { exports: app, saveCache } = loadBundle();
  await functionsReady;
  let synthesized;
  try {
    synthesized = app.buildApp();
    synthesized.synth();
  } catch (err) {
    if (!(err instanceof app.EnvironmentConfigError)) throw err;
    console.error(`synth stopped: ${err.message}`);
    process.exit(1);
  }
  const problems = app.policyProblems(synthesized);
  if (problems.length > 0) {
    console.error(`synth stopped: ${problems.length} policy problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  saveCache();
}

main().catch((err) => {
  process.exitCode = 1;
  console.error(err);
});
