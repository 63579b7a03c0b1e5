import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'openai-playground',
  conversation: {
    turns: [
      { role: 'system', text: 'You are a terse assistant. Answer in one sentence.' },
      { role: 'user', text: 'What is a token?' },
      {
        role: 'assistant',
        text: 'A token is a chunk of text, often part of a word, that a model reads as one unit.',
      },
      { role: 'user', text: '一个汉字是几个 token？' },
      { role: 'assistant', text: '通常一个汉字约为一到两个 token。' },
    ],
    excluded: ['User', 'Assistant', 'Copy'],
    label: 'gpt-5-mini',
    model: 'openai/gpt-5-mini',
    maxOutput: 2048,
  },
  streaming: {
    label: 'gpt-4.1',
    model: 'openai/gpt-4.1',
    maxOutput: 4096,
    draft: 'and Lyon?',
    roles: ['system', 'user', 'assistant'],
  },
  empty: { label: 'gpt-5' },
  urls: {
    conversation:
      'https://platform.openai.com/chat/edit?models=gpt-5-mini&prompt=pmpt_68a1b2c3&version=2',
    id: 'pmpt_68a1b2c3',
    newChat: 'https://platform.openai.com/chat/edit?models=gpt-5-mini',
  },
  pricing: { modelLabel: 'api-id', offer: 'default' },
  e2e: {
    url: 'https://platform.openai.com/chat/edit?models=gpt-5-mini',
    typeInto: 'textarea[placeholder^="Chat with your prompt"]',
  },
};
