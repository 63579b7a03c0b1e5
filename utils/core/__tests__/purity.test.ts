import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rule that keeps utils/core pure is itself tested: a rule that silently stopped
// matching would let browser code creep into the shared engine.
describe('utils/core purity lint rule', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (code: string) => {
    const [result] = await eslint.lintText(code, { filePath: 'utils/core/example.ts' });
    return result.messages.map((m) => m.ruleId);
  };

  it.each([
    ['DOM global', 'export const n = document.title.length;', 'no-restricted-globals'],
    ['extension API', 'export const id = chrome.runtime.id;', 'no-restricted-globals'],
    [
      'WXT import',
      "import { browser } from 'wxt/browser';\nexport const b = browser;",
      'no-restricted-imports',
    ],
    [
      'Dexie import',
      "import Dexie from 'dexie';\nexport const d = Dexie;",
      'no-restricted-imports',
    ],
  ])('rejects a %s', async (_label, code, rule) => {
    expect(await lint(code)).toContain(rule);
  });

  it('accepts pure code', async () => {
    expect(await lint('export const add = (a: number, b: number): number => a + b;\n')).toEqual([]);
  });
});
