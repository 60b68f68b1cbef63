import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // End-to-end tests spawn the built binary and sandbox servers: give them room, and keep
    // two workers so a 2-core CI machine is not oversubscribed.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    maxWorkers: 2,
    // The JSON report lets .ci/run print a plain 'N passed, N failed' line for CI to read.
    reporters: ['default', ['json', { outputFile: '.vitest/results.json' }]],
  },
});
