import { defineConfig } from 'vitest/config';

// `npm run e2e:electron` only (scripts/e2e-electron.mjs): the real Electron app under Playwright. Needs the Electron
// binary, so it is not part of `npm test` (vitest.config.ts does not include test/e2e-electron).
export default defineConfig({
  test: {
    include: ['test/e2e-electron/**/*.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
