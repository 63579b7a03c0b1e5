// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '@/utils/adapters';
import { describePlayground } from './check-playground';

describePlayground({
  site: 'aistudio',
  offer: 'default',
  turns: [
    { role: 'system', text: 'Answer like a museum guide.' },
    { role: 'user', text: 'Who painted the Mona Lisa?' },
    {
      role: 'assistant',
      text: 'Leonardo da Vinci painted it in the early sixteenth century.',
      thinking: 'Leonardo, early 1500s, Louvre.',
    },
    { role: 'user', text: 'Où est-elle exposée ?' },
    { role: 'assistant', text: 'Au musée du Louvre, à Paris.' },
  ],
  excluded: ['Edit', 'More', 'Model'],
  modelId: 'gemini-2.5-pro',
  model: 'google/gemini-2.5-pro',
  maxOutput: 65536,
  streaming: {
    modelId: 'gemini-2.5-flash',
    model: 'google/gemini-2.5-flash',
    maxOutput: 8192,
    draft: 'and K2?',
    roles: ['system', 'user', 'assistant'],
  },
  empty: { modelId: 'gemini-2.5-flash' },
});

describe('aistudio specifics', () => {
  it('a new chat has no id yet; a saved prompt has one', () => {
    const adapter = getAdapter('aistudio')!;
    expect(adapter.conversationId(new URL('https://aistudio.google.com/prompts/new_chat'))).toBe(
      null,
    );
    expect(adapter.conversationId(new URL('https://aistudio.google.com/prompts/1AbC_dEf'))).toBe(
      '1AbC_dEf',
    );
  });
});
