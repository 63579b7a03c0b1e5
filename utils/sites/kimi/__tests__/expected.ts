import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'kimi',
  conversation: {
    turns: [
      { role: 'user', includes: '今天天气很好' },
      { role: 'assistant', includes: 'The weather is very nice today.' },
      { role: 'user', includes: 'And more formally?' },
      { role: 'assistant', includes: 'exceptionally pleasant' },
    ],
    excluded: ['Copy', 'Share'],
    label: 'K2',
    model: 'moonshotai/kimi-k2-0905-preview',
  },
  streaming: {
    label: 'K2 Thinking',
    model: 'moonshotai/kimi-k2-thinking',
    draft: '',
    roles: ['user', 'assistant'],
  },
  urls: {
    conversation: 'https://www.kimi.com/chat/d1e2f3a4b5c6',
    id: 'd1e2f3a4b5c6',
    newChat: 'https://www.kimi.com/',
  },
  labels: [['K2', 'moonshotai/kimi-k2-0905-preview']],
  e2e: {
    url: 'https://www.kimi.com/chat/e2e-kimi',
    exchange: { user: '.segment-user', assistant: '.segment-assistant' },
  },
};
