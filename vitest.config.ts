import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The compiled build once, and one migrated PGlite snapshot that the database suites open.
    globalSetup: ['test/global-setup.ts', 'test/pglite-snapshot.ts'],
    setupFiles: ['test/setup-pdf-pool.ts'],
    // Database, browser and process tests share 2 cores with everything else a machine runs:
    // generous limits, so a loaded machine slows the suite down instead of failing it.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
