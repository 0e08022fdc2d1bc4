import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    // The CLI tests spawn `node bin/landfall.js`; give them room on a 2-core machine.
    testTimeout: 30_000,
  },
});
