import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**', 'cdktf.out/**', '.build/**'],
    // Synthesizing stacks and real Encryption SDK crypto are CPU-bound; two cores, two workers.
    maxWorkers: 2,
    testTimeout: 30_000,
  },
});
