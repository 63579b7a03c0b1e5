import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The purity lint rule of utils/core also covers the sites' data files, model tables and stream
// readers, and the shared modules they use: the page-world hook and the Node build load them, so
// no DOM, browser API, WXT or Node built-in may creep in.
describe('site purity lint rule', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (code: string, filePath: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.map((m) => m.ruleId);
  };

  it.each([
    'utils/sites/example/site.ts',
    'utils/sites/example/models.ts',
    'utils/sites/example/stream.ts',
    'utils/sites/models.ts',
    'utils/sites/sse.ts',
    'utils/sites/stream-types.ts',
    'utils/sites/matches.ts',
  ])('covers %s', async (filePath) => {
    expect(await lint('export const n = document.title.length;\n', filePath)).toContain(
      'no-restricted-globals',
    );
    expect(
      await lint("import { browser } from 'wxt/browser';\nexport const b = browser;\n", filePath),
    ).toContain('no-restricted-imports');
    expect(
      await lint('export const add = (a: number, b: number): number => a + b;\n', filePath),
    ).toEqual([]);
  });

  it('leaves the adapters, which read the page, to the browser rules', async () => {
    expect(
      await lint('export const n = document.title.length;\n', 'utils/sites/example/adapter.ts'),
    ).toEqual([]);
  });
});
