// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findAdapter, getAdapter } from '../..';
import { describeSite, parseFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

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

  it('answers on the playground that replaced the Workbench, and its id is none (no saved prompts)', () => {
    expect(findAdapter('https://platform.claude.com/playground')?.id).toBe('anthropic-workbench');
    expect(adapter.conversationId(new URL('https://platform.claude.com/playground'))).toBeNull();
    expect(findAdapter('https://platform.claude.com/settings/keys')).toBeNull();
  });

  it('answers on both console hosts, workbench paths only', () => {
    expect(findAdapter('https://console.anthropic.com/workbench/abc')?.id).toBe(
      'anthropic-workbench',
    );
    expect(findAdapter('https://platform.claude.com/workbench')?.id).toBe('anthropic-workbench');
    expect(findAdapter('https://console.anthropic.com/settings/keys')).toBeNull();
  });
});
