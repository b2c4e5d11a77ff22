import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Tests spawn the real binary and real SQLite files; a slow, busy machine needs room.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    allowOnly: false,
  },
});
