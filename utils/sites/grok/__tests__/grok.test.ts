// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter, resolveSiteModel } from '../..';
import { describeSite, parseFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('grok specifics', () => {
  const adapter = getAdapter('grok')!;

  it.each(['Auto', 'Fast', 'Expert', 'Heavy'])('prices no model for the mode "%s"', (mode) => {
    expect(resolveSiteModel('grok', mode)).toBeNull();
  });

  it('reads a page with the old and the new turn markup (a rollout) without counting twice', () => {
    const doc = parseFixture('grok', 'conversation.html');
    // The old markup inside the new rows, as a half-migrated page might nest them.
    for (const row of doc.querySelectorAll('[id^="response-"]')) {
      const bubble = row.querySelector('.message-bubble')!;
      bubble.setAttribute(
        'data-testid',
        row.classList.contains('items-end') ? 'user-message' : 'assistant-message',
      );
    }
    const turns = adapter.readTurns(doc);
    expect(turns.map((t) => t.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(turns[1].text).toBe('Octopuses have three hearts and blue blood.');
  });

  it('still reads the old markup alone', () => {
    const doc = new DOMParser().parseFromString(
      '<div data-testid="user-message"><p>hi</p></div>' +
        '<div data-testid="assistant-message"><p>hello</p></div><form><textarea></textarea></form>',
      'text/html',
    );
    expect(adapter.readTurns(doc).map((t) => t.text)).toEqual(['hi', 'hello']);
    expect(adapter.readDraft(doc)).toBe('');
  });
});
