import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'openrouter-playground',
  conversation: {
    turns: [
      { role: 'system', text: 'Translate everything into Spanish.' },
      { role: 'user', text: 'Good morning, how are you?' },
      { role: 'assistant', text: 'Buenos días, ¿cómo estás?' },
      { role: 'user', text: 'I like coffee.' },
      { role: 'assistant', text: 'Me gusta el café.' },
    ],
    excluded: ['42 tokens', 'Copy'],
    label: 'qwen/qwen3-max',
    model: 'alibaba/qwen3-max',
    maxOutput: 1000,
  },
  streaming: {
    label: 'moonshotai/kimi-k2.5',
    model: 'moonshotai/kimi-k2.5',
    maxOutput: 512,
    draft: 'another one',
    // An empty system prompt is not a turn.
    roles: ['user', 'assistant'],
  },
  empty: { label: 'openai/gpt-5' },
  urls: {
    conversation: 'https://openrouter.ai/playground?session=e2e-9f1c',
    id: 'e2e-9f1c',
    newChat: 'https://openrouter.ai/playground',
  },
  pricing: { modelLabel: 'api-id', offer: 'openrouter' },
  e2e: { url: 'https://openrouter.ai/playground?session=e2e', typeInto: 'form textarea' },
};
