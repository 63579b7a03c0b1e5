import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: WXT's plugin gives `fakeBrowser` as `browser`, auto-imports and the `@/` alias.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: ['{utils,components,scripts}/**/__tests__/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/setup-unit.ts'],
    globalSetup: ['tests/vocab-cache.global.ts'],
    restoreMocks: true,
    // Loading a vocabulary (Gemma 3: ~1 s alone) can take several times longer on a loaded 2-core
    // machine (13 s seen for the first Gemma 3 test, while other suites ran); a timeout is not a
    // speed target (those live in `npm run bench`).
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
