import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'openrouter',
  conversation: {
    turns: [
      { role: 'user', includes: 'regex for a UK postcode' },
      {
        role: 'assistant',
        includes: 'with the i flag',
        thinking: 'outward code then inward code',
      },
      { role: 'user', includes: 'SW1A 1AA' },
      { role: 'assistant', includes: 'Yes, it matches' },
    ],
    excluded: ['$0.0021', '1.2s', 'Copy', 'outward code'],
    // A model whose OpenRouter price differs from the lab's, so the offer is seen to matter.
    label: 'moonshotai/kimi-k2.5',
    model: 'moonshotai/kimi-k2.5',
  },
  streaming: {
    label: 'deepseek/deepseek-v3.2',
    model: 'deepseek/deepseek-v3.2',
    draft: '',
  },
  urls: {
    conversation: 'https://openrouter.ai/chat?room=orc-1730000000-abcdef',
    id: 'orc-1730000000-abcdef',
    newChat: 'https://openrouter.ai/chat',
  },
  pricing: { modelLabel: 'api-id', offer: 'openrouter' },
  e2e: {
    url: 'https://openrouter.ai/chat?room=e2e-room',
    typeInto: 'textarea[data-testid="composer-input"]',
  },
};
