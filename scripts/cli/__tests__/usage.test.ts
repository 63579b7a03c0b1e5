import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TokenCounter } from '../../../utils/core/tokenize';
import { loadVocabFromNodeModules } from '../count';
import { readUsage } from '../usage';

// `usage --url <request URL> <file|->` over the sites' real captures (utils/sites/<id>/fixtures/
// capture.txt, recorded August 2026): the same readers as the page hook, in Node.
const ROOT = join(import.meta.dirname, '..', '..', '..');
const capture = (site: string) =>
  readFileSync(join(ROOT, 'utils', 'sites', site, 'fixtures', 'capture.txt'), 'utf8');
const counter = new TokenCounter(loadVocabFromNodeModules);

const URLS = {
  zai: 'https://chat.z.ai/api/v2/chat/completions?timestamp=1787086383696&token=REDACTED',
  deepseek: 'https://chat.deepseek.com/api/v0/chat/completion',
  qwen: 'https://chat.qwen.ai/api/v2/chat/completions',
  chatgpt: 'https://chatgpt.com/backend-api/f/conversation',
  claude: 'https://claude.ai/api/organizations/o/chat_conversations/c/completion',
  gemini:
    'https://gemini.google.com/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate?rt=c',
  kimi: 'https://www.kimi.com/apiv2/kimi.gateway.chat.v1.ChatService/Chat',
};

describe('usage: the site numbers are the authority', () => {
  it('z.ai: 165 output tokens split into thinking and answer, never added to', async () => {
    const r = await readUsage(URLS.zai, capture('zai'), counter);
    expect(r).toMatchObject({
      site: 'zai',
      complete: true,
      input: 39,
      source: 'site',
      model: null,
    });
    expect(r.output! + r.reasoning!).toBe(165);
    expect(r.reasoning!).toBeGreaterThan(r.output!);
  });

  it('DeepSeek: input = the final running count minus this reply; the model from DeepThink', async () => {
    const r = await readUsage(URLS.deepseek, capture('deepseek'), counter);
    const text = {
      answer: '```json\n{"id":"probe_net","calls":[{"tool":"list","path":"C:/temp"}]}\n```',
      thinking: '我们只需要按指令输出给定的JSON。',
    };
    const answer = await counter.count(text.answer, 'deepseek/deepseek-reasoner');
    const thinking = await counter.count(text.thinking, 'deepseek/deepseek-reasoner');
    expect(r).toMatchObject({
      site: 'deepseek',
      complete: true,
      model: 'deepseek-reasoner',
      canonical: 'deepseek/deepseek-reasoner',
      output: answer.tokens,
      reasoning: thinking.tokens,
      input: 603 - answer.tokens - thinking.tokens,
      opening: 513,
      source: 'site',
    });
  });

  it('DeepSeek cut before its final count: counted numbers, not the site’s', async () => {
    const body = capture('deepseek');
    const r = await readUsage(URLS.deepseek, body.slice(0, body.indexOf('BATCH') - 30), counter);
    expect(r).toMatchObject({ complete: false, input: null, source: 'tokenizer' });
  });

  it('Qwen: exact input and output', async () => {
    expect(await readUsage(URLS.qwen, capture('qwen'), counter)).toMatchObject({
      site: 'qwen',
      complete: true,
      input: 2646,
      output: 46,
      source: 'site',
    });
  });

  it.each([
    ['chatgpt', 'gpt-5-6', null, 'tokenizer'],
    ['claude', 'claude-sonnet-5', 'anthropic/claude-sonnet-5', 'estimate'],
    ['gemini', '3.6 Flash', null, 'tokenizer'],
    ['kimi', 'K2.6 Instant', 'moonshotai/kimi-k2.6', 'tokenizer'],
  ] as const)(
    '%s: the model that answered (%s → %s), output counted',
    async (site, model, canonical, source) => {
      const r = await readUsage(URLS[site], capture(site), counter);
      expect(r).toMatchObject({ site, complete: true, model, canonical, input: null, source });
      expect(r.output).toBeGreaterThan(10);
    },
  );

  it('Claude: the 5-hour and 7-day windows', async () => {
    expect((await readUsage(URLS.claude, capture('claude'), counter)).limits).toEqual([
      { window: '5h', used: 0.02, resetsAt: '2026-08-08T07:10:00.000Z' },
      { window: '7d', used: 0, resetsAt: '2026-08-11T09:00:00.000Z' },
    ]);
  });

  it('a URL no site owns, or a body of another format: nulls, never a number', async () => {
    expect(await readUsage('https://example.com/api', capture('zai'), counter)).toMatchObject({
      site: null,
      complete: false,
      input: null,
      output: null,
    });
    expect(await readUsage(URLS.qwen, 'not a stream\n\u0000\u00ff', counter)).toMatchObject({
      site: 'qwen',
      input: null,
      output: null,
      source: null,
    });
  });
});

describe('npm run cli -- usage', () => {
  it('prints one JSON object for a file and for stdin; a bad URL is an error', () => {
    const run = (args: string[], input?: string) =>
      spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli.ts', 'usage', ...args], {
        cwd: ROOT,
        input,
        encoding: 'utf8',
      });
    const file = join(ROOT, 'utils', 'sites', 'qwen', 'fixtures', 'capture.txt');
    const fromFile = run(['--url', URLS.qwen, file]);
    expect(fromFile.status, fromFile.stderr).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toEqual({
      site: 'qwen',
      complete: true,
      model: null,
      canonical: null,
      input: 2646,
      output: 46,
      reasoning: null,
      source: 'site',
      limits: [],
    });
    const fromStdin = run(['--url', URLS.qwen, '-'], capture('qwen'));
    expect(fromStdin.stdout).toBe(fromFile.stdout);
    const bad = run(['--url', 'nope', file]);
    expect(bad.status).toBe(2);
    expect(JSON.parse(bad.stderr)).toHaveProperty('error');
  }, 60_000);
});

describe('usage: MiMo, the model from the request body', () => {
  const fixture = (name: string) =>
    readFileSync(join(ROOT, 'utils', 'sites', 'mimo', 'fixtures', name), 'utf8');
  const url = 'https://aistudio.xiaomimimo.com/open-apis/bot/chat?xiaomichatbot_ph=x';

  it("the site's numbers, the reasoning inside the completion once, the requested model", async () => {
    expect(
      await readUsage(url, fixture('reconstructed.txt'), counter, fixture('request.json')),
    ).toEqual({
      site: 'mimo',
      complete: true,
      model: 'mimo-v2-flash-studio',
      canonical: 'xiaomi/mimo-v2-flash',
      input: 142,
      output: 37,
      reasoning: 21,
      source: 'site',
      limits: [],
    });
    // Without the request, no model (never guessed).
    expect(await readUsage(url, fixture('reconstructed.txt'), counter)).toMatchObject({
      model: null,
      input: 142,
    });
  });

  it('--request on the command line', () => {
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/cli.ts',
        'usage',
        '--url',
        url,
        '--request',
        join(ROOT, 'utils', 'sites', 'mimo', 'fixtures', 'request.json'),
        join(ROOT, 'utils', 'sites', 'mimo', 'fixtures', 'reconstructed.txt'),
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ model: 'mimo-v2-flash-studio', output: 37 });
    const missing = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/cli.ts',
        'usage',
        '--url',
        url,
        '--request',
        '/nonexistent',
        '-',
      ],
      { cwd: ROOT, encoding: 'utf8', input: '' },
    );
    expect(missing.status).toBe(2);
  }, 60_000);
});
