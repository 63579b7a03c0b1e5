import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVocabFromNodeModules } from '../count';
import { TokenCounter } from '../../../utils/core/tokenize';

// The CLI as a user runs it (`npm run cli`: scripts/cli-run.mjs, the prebuilt bundle of
// scripts/cli.ts), checked against the engine in-process.
const ROOT = join(import.meta.dirname, '..', '..', '..');
const FIXTURE = join(ROOT, 'tests', 'fixtures', 'tokenize', 'samples', 'zh-cn.txt');
const counter = new TokenCounter(loadVocabFromNodeModules);

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ['scripts/cli-run.mjs', ...args], {
    cwd: ROOT,
    input,
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('npm run cli -- count', () => {
  it.each([
    ['openai/gpt-5', 'openai/gpt-5', 'o200k_base', 'exact'],
    ['gpt-5', 'openai/gpt-5', 'o200k_base', 'exact'],
    ['deepseek/deepseek-v3.2', 'deepseek/deepseek-v3.2', 'deepseek-v3', 'exact'],
    ['qwen/qwen3-235b-a22b', 'alibaba/qwen3-235b-a22b', 'qwen3', 'exact'],
    ['anthropic/claude-sonnet-4-5', 'anthropic/claude-sonnet-4-5', 'estimate:claude', 'estimate'],
    ['gemini-2.5-pro', 'google/gemini-2.5-pro', 'gemma3', 'vocab'],
    ['google/gemma-3-27b-it', 'google/gemma-3-27b-it', 'gemma3', 'exact'],
  ])(
    'counts a file for %s',
    async (arg, model, family, provenance) => {
      const r = cli(['count', '--model', arg, FIXTURE]);
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      const expected = await counter.count(readFileSync(FIXTURE, 'utf8'), model);
      expect(out).toMatchObject({ model, family, provenance, tokens: expected.tokens });
      expect(expected.family).toBe(family);
    },
    30_000,
  );

  it('reads stdin with "-" and labels an unknown model as the default estimate', async () => {
    const r = cli(['count', '--model', 'no-such-model', '-'], 'hello 世界');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ model: null, family: 'estimate:default', provenance: 'estimate' });
    expect(out.tokens).toBe((await counter.count('hello 世界', null)).tokens);
  }, 60_000);

  it('exits 2 with a usage error when arguments are missing', () => {
    const r = cli(['count', FIXTURE]);
    expect(r.status).toBe(2);
    expect(JSON.parse(r.stderr).error).toMatch(/usage/);
  }, 60_000);
});
