import { defineConfig } from 'vitest/config';

// E2E tests drive Debian Chromium with the built extension; one file at a time, generous timeouts.
export default defineConfig({
  resolve: { alias: { '@': import.meta.dirname } },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
