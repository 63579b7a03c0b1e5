import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'anthropic-workbench',
  conversation: {
    turns: [
      { role: 'system', text: 'You are a careful copy editor.' },
      { role: 'user', text: 'Fix: "Their going to the libary."' },
      { role: 'assistant', text: "They're going to the library." },
      { role: 'user', text: 'And: "Its a nice day."' },
      {
        role: 'assistant',
        text: "It's a nice day.",
        thinking: 'Missing apostrophe in the contraction.',
      },
    ],
    excluded: ['User', 'Assistant', 'Copy', 'Missing apostrophe'],
    label: 'claude-sonnet-4-5-20250929',
    model: 'anthropic/claude-sonnet-4-5',
    maxOutput: 1024,
  },
  streaming: {
    label: 'claude-haiku-4-5',
    model: 'anthropic/claude-haiku-4-5',
    maxOutput: 8192,
    draft: '',
    roles: ['system', 'user', 'assistant'],
  },
  empty: { label: 'claude-opus-4-1-20250805' },
  urls: {
    conversation: 'https://console.anthropic.com/workbench/9f8e7d6c-1111-2222-3333-444455556666',
    id: '9f8e7d6c-1111-2222-3333-444455556666',
    newChat: 'https://console.anthropic.com/workbench',
  },
  pricing: { modelLabel: 'api-id', offer: 'default' },
  e2e: {
    url: 'https://platform.claude.com/playground',
    typeInto: '[data-testid="message-user"] textarea',
  },
};
