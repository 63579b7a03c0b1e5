import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'chatgpt',
  conversation: {
    turns: [
      { role: 'user', includes: 'How many tokens does a Chinese sentence use' },
      { role: 'assistant', includes: '我们用同一段中文测试' },
      { role: 'user', includes: 'So the same prompt costs' },
      { role: 'assistant', includes: 'price per million tokens' },
    ],
    excluded: ['You said', 'ChatGPT said', 'Copy'],
    label: 'ChatGPT 5 Thinking',
    model: 'openai/gpt-5',
  },
  streaming: {
    label: 'ChatGPT 5 Instant',
    model: 'openai/gpt-5-chat-latest',
    draft: 'next question',
  },
  urls: {
    conversation: 'https://chatgpt.com/c/68f0a1b2-0000-8000-9000-abcdef012345',
    id: '68f0a1b2-0000-8000-9000-abcdef012345',
    newChat: 'https://chatgpt.com/',
  },
  labels: [
    ['ChatGPT 5 Thinking', 'openai/gpt-5'],
    ['GPT-5 Thinking', 'openai/gpt-5'],
    ['GPT-5.1 Thinking', 'openai/gpt-5.1'],
    ['Instant', 'openai/gpt-5-chat-latest'],
  ],
  e2e: {
    url: 'https://chatgpt.com/c/e2e-chatgpt',
    exchange: {
      user: '[data-message-author-role="user"]',
      assistant: '[data-message-author-role="assistant"]',
    },
  },
};
