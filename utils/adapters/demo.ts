import { defineAdapter } from './define';

/** The offline demo chat page served by `npm start` (tests/fixtures/demo/index.html). */
export default defineAdapter({
  id: 'demo',
  label: 'Demo chat',
  matches: ['http://127.0.0.1/*'],
  selectors: {
    composer: ['#composer', '[data-testid="composer"]'],
    user: ['.turn[data-role="user"]'],
    assistant: ['.turn[data-role="assistant"]'],
    thinking: ['[data-kind="thinking"]', '.thinking'],
    modelLabel: ['#model-select', '[data-testid="model-label"]'],
    streaming: ['[data-streaming="true"]'],
  },
  conversationId: (url) => url.searchParams.get('c') ?? 'demo',
});
