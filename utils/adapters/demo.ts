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
  // The demo page serves a fake completion endpoint in the DeepSeek stream format so the
  // MAIN-world hook can be tried offline.
  usageStream: { path: /^\/api\/v0\/chat\/completion$/, format: 'deepseek' },
});
