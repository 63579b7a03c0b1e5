// @vitest-environment happy-dom
// Every adapter over its reconstructed fixtures: turns (role, text, shown thinking), the model
// label and what it resolves to, the draft, the streaming state, and the empty page.
import { describe, expect, it } from 'vitest';
import { getAdapter } from '@/utils/adapters';
import { resolveSiteModel } from '@/utils/core/site-models';
import { parseFixture } from './fixtures';

interface Expectation {
  site: string;
  turns: { role: 'user' | 'assistant'; includes: string; thinking?: string }[];
  /** Text that must not leak into any turn (screen-reader labels, buttons, thinking). */
  excluded: string[];
  label: string | null;
  model: string | null;
  streamingLabel: string | null;
  /** The composer of the streaming fixture holds this draft ('' when empty). */
  streamingDraft: string;
}

const TABLE: Expectation[] = [
  {
    site: 'chatgpt',
    turns: [
      { role: 'user', includes: 'How many tokens does a Chinese sentence use' },
      { role: 'assistant', includes: '我们用同一段中文测试' },
      { role: 'user', includes: 'So the same prompt costs' },
      { role: 'assistant', includes: 'price per million tokens' },
    ],
    excluded: ['You said', 'ChatGPT said', 'Copy'],
    label: 'ChatGPT 5 Thinking',
    model: 'openai/gpt-5',
    streamingLabel: 'ChatGPT 5 Instant',
    streamingDraft: 'next question',
  },
  {
    site: 'claude',
    turns: [
      { role: 'user', includes: 'Summarise the trade-offs' },
      {
        role: 'assistant',
        includes: 'Prompt caching cuts the cost',
        thinking: 'cover cost, latency',
      },
      { role: 'user', includes: '用中文再说一遍' },
      { role: 'assistant', includes: '提示缓存可以降低' },
    ],
    excluded: ['cover cost, latency'],
    label: 'Sonnet 4.5',
    model: 'anthropic/claude-sonnet-4-5',
    streamingLabel: 'Opus 4.1',
    streamingDraft: '',
  },
  {
    site: 'gemini',
    turns: [
      { role: 'user', includes: 'What is a context window?' },
      { role: 'assistant', includes: 'a million tokens', thinking: 'Define it plainly' },
      { role: 'user', includes: '中文呢' },
      { role: 'assistant', includes: '上下文窗口' },
    ],
    excluded: ['You said', 'Define it plainly'],
    label: '2.5 Pro',
    model: 'google/gemini-2.5-pro',
    streamingLabel: 'Fast',
    streamingDraft: '',
  },
  {
    site: 'deepseek',
    turns: [
      { role: 'user', includes: '请用一句话解释' },
      {
        role: 'assistant',
        includes: '一个汉字大约是 0.6 个 token',
        thinking: '用户想要一句话的定义',
      },
      { role: 'user', includes: 'And in English?' },
      { role: 'assistant', includes: 'about 1.3 tokens' },
    ],
    excluded: ['用户想要一句话的定义', '复制'],
    label: 'DeepThink',
    model: 'deepseek/deepseek-reasoner',
    streamingLabel: 'DeepSeek',
    streamingDraft: '',
  },
  {
    site: 'qwen',
    turns: [
      { role: 'user', includes: '用三句话介绍杭州' },
      { role: 'assistant', includes: '西湖是它最著名的景点', thinking: '介绍地理' },
      { role: 'user', includes: 'Now in English.' },
      { role: 'assistant', includes: 'famous for West Lake' },
    ],
    excluded: ['介绍地理', 'Copy'],
    label: 'Qwen3-Max',
    model: 'alibaba/qwen3-max',
    streamingLabel: 'Qwen3-235B-A22B-2507',
    streamingDraft: '',
  },
  {
    site: 'kimi',
    turns: [
      { role: 'user', includes: '今天天气很好' },
      { role: 'assistant', includes: 'The weather is very nice today.' },
      { role: 'user', includes: 'And more formally?' },
      { role: 'assistant', includes: 'exceptionally pleasant' },
    ],
    excluded: ['Copy'],
    label: 'K2',
    model: 'moonshotai/kimi-k2-0905-preview',
    streamingLabel: 'K2 Thinking',
    streamingDraft: '',
  },
  {
    site: 'zai',
    turns: [
      { role: 'user', includes: 'What does GLM stand for?' },
      {
        role: 'assistant',
        includes: 'General Language Model, the model family',
        thinking: 'GLM is General',
      },
      { role: 'user', includes: '中文名是什么' },
      { role: 'assistant', includes: '通用语言模型' },
    ],
    excluded: ['Copy', 'mention the GLM family'],
    label: 'GLM-4.6',
    model: 'zai/glm-4.6',
    streamingLabel: 'GLM-4.5',
    streamingDraft: '',
  },
  {
    site: 'grok',
    turns: [
      { role: 'user', includes: 'fun fact about octopuses' },
      { role: 'assistant', includes: 'three hearts' },
      { role: 'user', includes: 'Another?' },
      { role: 'assistant', includes: 'taste what it touches' },
    ],
    excluded: ['Copy'],
    label: 'Grok 4',
    model: 'x-ai/grok-4',
    streamingLabel: 'Fast',
    streamingDraft: '',
  },
];

describe.each(TABLE)('$site adapter', (expected) => {
  const adapter = getAdapter(expected.site)!;

  it('reads both roles in order, with shown thinking apart from the reply', () => {
    const turns = adapter.readTurns(parseFixture(expected.site, 'conversation.html'));
    expect(turns.map((t) => t.role)).toEqual(expected.turns.map((t) => t.role));
    expected.turns.forEach((want, i) => {
      expect(turns[i].text).toContain(want.includes);
      if (want.thinking) expect(turns[i].thinking).toContain(want.thinking);
      else expect(turns[i].thinking).toBe('');
    });
    for (const text of expected.excluded) {
      for (const turn of turns) expect(turn.text).not.toContain(text);
    }
  });

  it('reads the model label and resolves it to a rate-card id', () => {
    const doc = parseFixture(expected.site, 'conversation.html');
    expect(adapter.readModelLabel(doc)).toBe(expected.label);
    expect(resolveSiteModel(expected.site, expected.label)?.model ?? null).toBe(expected.model);
    expect(adapter.isStreaming(doc)).toBe(false);
    expect(adapter.readDraft(doc)).toBe('');
  });

  it('sees a reply streaming (dark page) and the draft in the composer', () => {
    const doc = parseFixture(expected.site, 'streaming.html');
    const turns = adapter.readTurns(doc);
    expect(turns.at(-1)?.role).toBe('assistant');
    expect(turns.at(-1)?.text.length).toBeGreaterThan(0);
    expect(adapter.readModelLabel(doc)).toBe(expected.streamingLabel);
    expect(adapter.readDraft(doc)).toBe(expected.streamingDraft);
    // Sites whose streaming indicator is unverified still get the runner's growth detection.
    if (adapter.selectors.streaming?.length || adapter.id === 'deepseek')
      expect(adapter.isStreaming(doc)).toBe(true);
  });

  it('reads an empty chat: composer present, no turns, no model label', () => {
    const doc = parseFixture(expected.site, 'empty.html');
    expect(adapter.findComposer(doc)).not.toBeNull();
    expect(adapter.readDraft(doc)).toBe('');
    expect(adapter.readTurns(doc)).toEqual([]);
    expect(adapter.readModelLabel(doc)).toBeNull();
    expect(adapter.isStreaming(doc)).toBe(false);
  });

  it('extracts a conversation id from its URLs, null on a new chat', () => {
    const base = adapter.matches[0].replace('/*', '');
    const paths: Record<string, string> = {
      chatgpt: '/c/68f0a1b2-0000-8000-9000-abcdef012345',
      claude: '/chat/1b2c3d4e-aaaa-bbbb-cccc-0123456789ab',
      gemini: '/app/3f2a1b0c9d8e7f6a',
      deepseek: '/a/chat/s/5e6f7a8b-1111-2222-3333-444455556666',
      qwen: '/c/0a1b2c3d-1111-2222-3333-444455556666',
      kimi: '/chat/d1e2f3a4b5c6',
      zai: '/c/9a8b7c6d-1111-2222-3333-444455556666',
      grok: '/c/7c6d5e4f-1111-2222-3333-444455556666',
    };
    const id = adapter.conversationId(new URL(base + paths[expected.site]));
    expect(id).toBe(paths[expected.site].split('/').at(-1));
    expect(adapter.conversationId(new URL(base + '/'))).toBeNull();
  });
});

describe('demo adapter', () => {
  it('reads the demo page served by npm start', () => {
    const adapter = getAdapter('demo')!;
    const doc = parseFixture('demo', 'index.html');
    const turns = adapter.readTurns(doc);
    expect(turns.length).toBeGreaterThanOrEqual(4);
    expect(turns[0].role).toBe('user');
    expect(turns[1].thinking).toContain('tokenizer efficiency');
    expect(turns[1].text).not.toContain('tokenizer efficiency');
    expect(adapter.readModelLabel(doc)).toBeTruthy();
    expect(resolveSiteModel('demo', adapter.readModelLabel(doc))).not.toBeNull();
  });
});

describe('a page where the selectors stop matching', () => {
  it('reads nothing rather than guessing', () => {
    const doc = new DOMParser().parseFromString(
      '<main><div class="renamed">hi</div></main>',
      'text/html',
    );
    for (const site of TABLE.map((t) => t.site)) {
      const adapter = getAdapter(site)!;
      expect(adapter.readTurns(doc)).toEqual([]);
      expect(adapter.readDraft(doc)).toBeNull();
    }
  });
});
