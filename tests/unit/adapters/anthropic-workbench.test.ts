// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findAdapter, getAdapter } from '@/utils/adapters';
import { describePlayground } from './check-playground';
import { parseFixture } from './fixtures';

describePlayground({
  site: 'anthropic-workbench',
  offer: 'default',
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
  modelId: 'claude-sonnet-4-5-20250929',
  model: 'anthropic/claude-sonnet-4-5',
  maxOutput: 1024,
  streaming: {
    modelId: 'claude-haiku-4-5',
    model: 'anthropic/claude-haiku-4-5',
    maxOutput: 8192,
    draft: '',
    roles: ['system', 'user', 'assistant'],
  },
  empty: { modelId: 'claude-opus-4-1-20250805' },
});

describe('workbench specifics', () => {
  const adapter = getAdapter('anthropic-workbench')!;

  it('the user messages after the last reply are the draft of the next run, not turns', () => {
    const doc = parseFixture('anthropic-workbench', 'conversation.html');
    const pending = doc.querySelectorAll('[data-testid="message-user"] textarea')[2];
    (pending as HTMLTextAreaElement).value = 'And: "Whose there?"';
    expect(adapter.readDraft(doc)).toBe('And: "Whose there?"');
    expect(adapter.readTurns(doc)).toHaveLength(5);
    expect(adapter.findComposer(doc)).toBe(pending.closest('[data-testid="message-user"]'));
  });

  it('answers on both console hosts, workbench paths only', () => {
    expect(findAdapter('https://console.anthropic.com/workbench/abc')?.id).toBe(
      'anthropic-workbench',
    );
    expect(findAdapter('https://platform.claude.com/workbench')?.id).toBe('anthropic-workbench');
    expect(findAdapter('https://console.anthropic.com/settings/keys')).toBeNull();
  });
});
