import { defineAdapter } from '../define';
import { MODELS } from './models';
import { site } from './site';

/** The offline demo chat page served by `npm start` (./fixtures/index.html). */
export default defineAdapter({
  ...site,
  models: MODELS,
  // Every selector: our own demo page, so nothing to check against a live site.
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
