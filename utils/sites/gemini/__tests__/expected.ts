import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'gemini',
  conversation: {
    turns: [
      { role: 'user', includes: 'What is a context window?' },
      { role: 'assistant', includes: 'a million tokens', thinking: 'Define it plainly' },
      { role: 'user', includes: '中文呢' },
      { role: 'assistant', includes: '上下文窗口' },
    ],
    excluded: ['You said', 'Define it plainly'],
    label: '2.5 Pro',
    model: 'google/gemini-2.5-pro',
  },
  streaming: { label: 'Fast', model: 'google/gemini-2.5-flash', draft: '' },
  urls: {
    conversation: 'https://gemini.google.com/app/3f2a1b0c9d8e7f6a',
    id: '3f2a1b0c9d8e7f6a',
    newChat: 'https://gemini.google.com/',
  },
  labels: [
    ['Gemini 3 Pro', 'google/gemini-3-pro-preview'],
    ['Thinking', 'google/gemini-3-pro-preview'],
  ],
  e2e: {
    url: 'https://gemini.google.com/app/e2egemini',
    exchange: { user: 'user-query', assistant: 'model-response' },
  },
};
