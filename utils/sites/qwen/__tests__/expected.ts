import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'qwen',
  conversation: {
    turns: [
      { role: 'user', includes: '用三句话介绍杭州' },
      { role: 'assistant', includes: '西湖是它最著名的景点', thinking: '介绍地理' },
      { role: 'user', includes: 'Now in English.' },
      { role: 'assistant', includes: 'famous for West Lake' },
    ],
    excluded: ['介绍地理', 'Copy'],
    label: 'Qwen3-Max',
    model: 'alibaba/qwen3-max',
  },
  streaming: { label: 'Qwen3-235B-A22B-2507', model: 'alibaba/qwen3-235b-a22b', draft: '' },
  urls: {
    conversation: 'https://chat.qwen.ai/c/0a1b2c3d-1111-2222-3333-444455556666',
    id: '0a1b2c3d-1111-2222-3333-444455556666',
    newChat: 'https://chat.qwen.ai/',
  },
  labels: [['Qwen3-Max', 'alibaba/qwen3-max']],
  e2e: {
    url: 'https://chat.qwen.ai/c/e2e-qwen',
    exchange: { user: '.qwen-chat-message-user', assistant: '.qwen-chat-message-assistant' },
  },
};
