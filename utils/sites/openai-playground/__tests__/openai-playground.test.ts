// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../..';
import { describeSite } from '../../__tests__/harness';
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
