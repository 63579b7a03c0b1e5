import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'zai',
  conversation: {
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
  },
  streaming: { label: 'GLM-4.5', model: 'zai/glm-4.5', draft: '' },
  urls: {
    conversation: 'https://chat.z.ai/c/9a8b7c6d-1111-2222-3333-444455556666',
    id: '9a8b7c6d-1111-2222-3333-444455556666',
    newChat: 'https://chat.z.ai/',
  },
  labels: [['GLM-4.6', 'zai/glm-4.6']],
  e2e: {
    url: 'https://chat.z.ai/c/e2e-zai',
    exchange: { user: '.chat-user', assistant: '.chat-assistant' },
  },
};
