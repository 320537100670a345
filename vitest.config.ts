import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          // One embedded Postgres (≈0.6 GB, ≈1 s to open) is shared by every integration file:
          // files run one after another in a single worker that keeps its module cache.
          fileParallelism: false,
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['tests/infra/**/*.test.ts'],
          environment: 'node',
          // Synthesising an environment takes seconds; one test bundles the scan function for real.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
