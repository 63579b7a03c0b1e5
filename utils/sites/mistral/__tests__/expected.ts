import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'mistral',
  conversation: {
    turns: [
      { role: 'user', includes: 'Explain mixture-of-experts' },
      { role: 'assistant', includes: 'routes each token to a few expert' },
      { role: 'user', includes: 'En français ?' },
      { role: 'assistant', includes: 'mélange d’experts' },
    ],
    excluded: ['Copy', 'Regenerate', 'Le Chat a dit'],
    label: 'Mistral Medium 3.1',
    model: 'mistral/mistral-medium-2508',
  },
  streaming: {
    label: 'Magistral Medium',
    model: 'mistral/magistral-medium-latest',
    draft: 'and 393?',
  },
  urls: {
    conversation: 'https://chat.mistral.ai/chat/0d9f7a2e-1111-4222-8333-444455556666',
    id: '0d9f7a2e-1111-4222-8333-444455556666',
    newChat: 'https://chat.mistral.ai/chat',
  },
  e2e: {
    url: 'https://chat.mistral.ai/chat/0d9f7a2e-1111-4222-8333-444455556666',
    typeInto: 'textarea[name="message.text"]',
  },
};
