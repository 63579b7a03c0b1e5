import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

// Unit tests: WXT's plugin gives `fakeBrowser` as `browser`, auto-imports and the `@/` alias.
export default defineConfig({
  plugins: [WxtVitest()],
  test: {
    include: [
      'tests/unit/**/*.test.{ts,tsx}',
      '{utils,components,entrypoints,scripts}/**/__tests__/**/*.test.{ts,tsx}',
    ],
    setupFiles: ['tests/unit/setup.ts'],
    // A timeout catches a hang, not slowness (speed is `npm run bench`'s): the first test to use
    // a vocabulary loads it from node_modules, which took up to 13 s for Gemma 3's 33 MB
    // tokenizer.json on a busy 2-core machine, past vitest's default of 5 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    restoreMocks: true,
    // Loading a vocabulary (Gemma 3: ~1 s alone) can take several times longer on a loaded 2-core
    // machine; a timeout is not a speed target (those live in `npm run bench`).
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
