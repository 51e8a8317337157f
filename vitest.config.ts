import { defineConfig } from 'vitest/config';

// Projects: `core` is pure logic (fake clock, in-memory SQLite); `integration` uses real parts
// (files on disk, the input hook under Xvfb, the built agent and CLI). scripts/test-inner.sh runs them.
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
    ],
  },
});
