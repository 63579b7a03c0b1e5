import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'grok',
  conversation: {
    turns: [
      { role: 'user', includes: 'fun fact about octopuses' },
      { role: 'assistant', includes: 'three hearts' },
      { role: 'user', includes: 'Another?' },
      { role: 'assistant', includes: 'taste what it touches' },
    ],
    excluded: ['Copy', 'Share', 'Grok 4'],
    label: 'Grok 4',
    model: 'x-ai/grok-4',
  },
  // A mode, not a model: not priced until the user picks one.
  streaming: { label: 'Fast', model: null, draft: '', roles: ['user', 'assistant'] },
  urls: {
    conversation: 'https://grok.com/c/7c6d5e4f-1111-2222-3333-444455556666',
    id: '7c6d5e4f-1111-2222-3333-444455556666',
    newChat: 'https://grok.com/',
  },
  labels: [
    ['Grok 4', 'x-ai/grok-4'],
    ['  grok   4 ', 'x-ai/grok-4'],
    ['Grok 4 Fast', 'x-ai/grok-4-fast'],
  ],
  e2e: {
    url: 'https://grok.com/c/e2e-grok',
    exchange: {
      user: '[id^="response-"].items-end',
      assistant: '[id^="response-"].items-start',
    },
  },
};
