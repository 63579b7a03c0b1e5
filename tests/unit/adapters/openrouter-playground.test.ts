// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findAdapter } from '@/utils/adapters';
import { describePlayground } from './check-playground';

describePlayground({
  site: 'openrouter-playground',
  offer: 'openrouter',
  turns: [
    { role: 'system', text: 'Translate everything into Spanish.' },
    { role: 'user', text: 'Good morning, how are you?' },
    { role: 'assistant', text: 'Buenos días, ¿cómo estás?' },
    { role: 'user', text: 'I like coffee.' },
    { role: 'assistant', text: 'Me gusta el café.' },
  ],
  excluded: ['42 tokens', 'Copy'],
  modelId: 'qwen/qwen3-max',
  model: 'alibaba/qwen3-max',
  maxOutput: 1000,
  streaming: {
    modelId: 'moonshotai/kimi-k2.5',
    model: 'moonshotai/kimi-k2.5',
    maxOutput: 512,
    draft: 'another one',
    // An empty system prompt is not a turn.
    roles: ['user', 'assistant'],
  },
  empty: { modelId: 'openai/gpt-5' },
});

describe('openrouter playground specifics', () => {
  it('chat and playground are told apart by path; the rest of openrouter.ai is neither', () => {
    expect(findAdapter('https://openrouter.ai/playground?session=1')?.id).toBe(
      'openrouter-playground',
    );
    expect(findAdapter('https://openrouter.ai/chat?room=1')?.id).toBe('openrouter');
    expect(findAdapter('https://openrouter.ai/models')).toBeNull();
  });
});
