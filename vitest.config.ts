import { defineConfig } from 'vitest/config';

// Projects: `core` is pure logic (fake clock, in-memory SQLite); `integration` uses real parts
// (files on disk, the input hook under Xvfb, the built agent and CLI); `ui` renders the window's components and
// stores in happy-dom; `e2e` drives the built renderer in Chromium against the real core through the
// dev:browser harness. scripts/test-inner.sh runs them.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'core',
          include: ['main/core/**/*.test.ts', 'common/**/*.test.ts', 'main/store/**/*.test.ts', 'main/ipc/**/*.test.ts'],
          environment: 'node',
          // Some core tests simulate whole days second by second (about 90,000 ticks): seconds of CPU on a busy machine.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'native/**/*.test.ts', 'main/adapters/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // Integration tests share one X display and spawn real processes: run files one at a time.
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'ui',
          include: ['renderer/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 240_000,
          hookTimeout: 90_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
