// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../..';
import { describeSite } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

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
