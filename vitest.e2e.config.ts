import { defineConfig } from 'vitest/config';

/**
 * End-to-end tests: the built extension in real Chromium (tests/e2e/support/browser.ts).
 * `npm run test:e2e` builds first. No setupFiles: the unit tests' fakes must not leak in here.
 */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/support/global-setup.ts'],
    // One browser at a time: the machines have two cores, and each file launches its own Chromium.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
