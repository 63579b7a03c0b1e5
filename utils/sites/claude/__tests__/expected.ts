import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'claude',
  conversation: {
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
  },
  streaming: { label: 'Opus 4.1', model: 'anthropic/claude-opus-4-1', draft: '' },
  urls: {
    conversation: 'https://claude.ai/chat/1b2c3d4e-aaaa-bbbb-cccc-0123456789ab',
    id: '1b2c3d4e-aaaa-bbbb-cccc-0123456789ab',
    newChat: 'https://claude.ai/',
  },
  labels: [
    ['Sonnet 4.5', 'anthropic/claude-sonnet-4-5'],
    ['Claude Sonnet 4.5 (new)', 'anthropic/claude-sonnet-4-5'],
  ],
  e2e: {
    url: 'https://claude.ai/chat/e2e-claude',
    exchange: { user: '[data-testid="user-message"]', assistant: '.font-claude-response' },
  },
};
