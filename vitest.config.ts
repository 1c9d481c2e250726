import { defineConfig } from 'vitest/config';

// Tests that run a Lambda handler, a bundled zip or an SDK client against a stand-in keep vitest's per-file
// isolation: each handler keeps its runtime (config, KMS client, keyring) per module, as a Lambda container
// does, and each file points the SDK at its own stand-in through process.env. The rest only synthesize
// and read stacks, flows and configs: they share one module cache per worker, which saves reloading cdktf
// and the provider bindings in every file (measured: about a third of the suite's CPU).
const ISOLATED = [
  'functions/**/*.test.ts', 'bundler/**/*.test.ts', 'stand-ins/**/*.test.ts', 'simulator/**/*.test.ts', 'scripts/**/*.test.ts', 'smoke/**/*.test.ts',
  'delivery/preflight/**/*.test.ts', 'test/monitoring-log-filters.test.ts', 'test/simulator-scenarios.test.ts',
];
const EXCLUDE = ['node_modules/**', 'cdktf.out/**', '.build/**'];

export default defineConfig({
  test: {
    // Synthesizing stacks and real Encryption SDK crypto are CPU-bound; two cores, two workers.
    maxWorkers: 2,
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'isolated', include: ISOLATED, exclude: EXCLUDE, isolate: true } },
      { extends: true, test: { name: 'shared', include: ['**/*.test.ts'], exclude: [...EXCLUDE, ...ISOLATED], isolate: false } },
    ],
  },
});
