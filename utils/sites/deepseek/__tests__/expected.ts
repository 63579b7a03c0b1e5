import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'deepseek',
  conversation: {
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
  },
  streaming: { label: 'DeepSeek', model: 'deepseek/deepseek-chat', draft: '' },
  urls: {
    conversation: 'https://chat.deepseek.com/a/chat/s/5e6f7a8b-1111-2222-3333-444455556666',
    id: '5e6f7a8b-1111-2222-3333-444455556666',
    newChat: 'https://chat.deepseek.com/',
  },
  labels: [
    ['DeepThink', 'deepseek/deepseek-reasoner'],
    ['deepseek-chat', 'deepseek/deepseek-chat'],
  ],
  e2e: {
    url: 'https://chat.deepseek.com/a/chat/s/e2e-deepseek',
    exchange: {
      user: '.ds-message:not(:has(.ds-assistant-message-main-content))',
      assistant: '.ds-message:has(.ds-assistant-message-main-content)',
    },
  },
};
