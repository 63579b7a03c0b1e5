// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findAdapter, getAdapter } from '../..';
import { describeSite, pricedModel, readFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('openai playground specifics', () => {
  it('the system prompt is read after the user edits it (textarea value, not markup)', () => {
    const adapter = getAdapter('openai-playground')!;
    const doc = new DOMParser().parseFromString(
      '<div data-testid="system-message"><textarea>old</textarea></div>',
      'text/html',
    );
    (doc.querySelector('textarea') as HTMLTextAreaElement).value = 'new system prompt';
    expect(adapter.readTurns(doc)).toEqual([
      { role: 'system', text: 'new system prompt', thinking: '' },
    ]);
  });
});

describe('openai playground addresses', () => {
  const adapter = getAdapter('openai-playground')!;

  it.each([
    'https://platform.openai.com/chat/edit?models=gpt-5-mini',
    'https://platform.openai.com/playground/prompts?models=gpt-5',
  ])('answers on %s, and not on the rest of the console', (url) => {
    expect(findAdapter(url)?.id).toBe('openai-playground');
    expect(findAdapter('https://platform.openai.com/docs/models')).toBeNull();
  });

  it("prices the URL's model id first, then the page's picker", () => {
    document.body.innerHTML = readFixture('openai-playground', 'conversation.html');
    history.replaceState(null, '', '/chat/edit?models=gpt-4.1&prompt=pmpt_1&version=3');
    expect(adapter.readModelLabel(document)).toBe('gpt-4.1');
    expect(pricedModel('openai-playground', 'gpt-4.1')).toBe('openai/gpt-4.1');
    history.replaceState(null, '', '/chat/edit?models=gpt-5-mini,gpt-4.1');
    expect(adapter.readModelLabel(document)).toBe('gpt-5-mini');
    // No (or a malformed) `models`: the picker's label.
    history.replaceState(null, '', '/chat/edit?models=%3Cscript%3E');
    expect(adapter.readModelLabel(document)).toBe('gpt-5-mini');
    history.replaceState(null, '', '/playground');
    document.querySelector('[data-testid="model-selector"]')?.remove();
    expect(adapter.readModelLabel(document)).toBeNull();
  });
});
