// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../..';
import { describeSite, parseFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('doubao specifics', () => {
  const adapter = getAdapter('doubao')!;

  it('says the model is not on the page, so the user picks it', () => {
    expect(adapter.readModelLabel(parseFixture('doubao', 'conversation.html'))).toBeNull();
    expect(adapter.knownGaps.join(' ')).toMatch(/pick the model/);
  });

  it('reads streaming from the break button being shown, not from its presence', () => {
    const doc = parseFixture('doubao', 'conversation.html');
    const button = doc.querySelector('[data-testid="chat_input_local_break_button"]')!;
    expect(button).not.toBeNull();
    expect(adapter.isStreaming(doc)).toBe(false);
    button.classList.remove('!hidden');
    expect(adapter.isStreaming(doc)).toBe(true);
    button.classList.add('!hidden');
    expect(adapter.isStreaming(doc)).toBe(false);
    // Hidden another way (a wrapper with the `hidden` attribute): still not streaming.
    button.classList.remove('!hidden');
    button.parentElement!.setAttribute('hidden', '');
    expect(adapter.isStreaming(doc)).toBe(false);
  });

  it('keeps the reasoning out of the reply though both carry the same text test id', () => {
    const doc = parseFixture('doubao', 'streaming.html');
    const reply = adapter.readTurns(doc).at(-1)!;
    expect(reply.text).toBe('秋风起，落叶');
    expect(reply.thinking).toBe('短诗，四句，写落叶与风。');
  });

  it('reads a page holding the old think block and the new one (a rollout) once each', () => {
    const doc = parseFixture('doubao', 'conversation.html');
    const old = doc.createElement('div');
    old.setAttribute('data-testid', 'receive_message');
    old.innerHTML =
      '<div data-testid="think_block_content"><p>old reasoning</p></div>' +
      '<div data-testid="message_text_content"><p>old reply</p></div>';
    doc.querySelector('[data-testid="message-list"]')!.appendChild(old);
    const turns = adapter.readTurns(doc);
    expect(turns).toHaveLength(5);
    expect(turns[1].thinking).toBe('用户想要简短介绍，给出长度和用途。');
    expect(turns[4]).toEqual({ role: 'assistant', text: 'old reply', thinking: 'old reasoning' });
  });
});
