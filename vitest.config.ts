import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    setupFiles: ['test/setup-pdf-pool.ts'],
    // Database, browser and process tests share 2 cores with everything else a machine runs:
    // generous limits, so a loaded machine slows the suite down instead of failing it.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
