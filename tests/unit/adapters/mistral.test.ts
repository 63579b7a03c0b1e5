// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '@/utils/adapters';
import { describeSite } from './check-site';
import { parseFixture } from './fixtures';

describeSite({
  site: 'mistral',
  turns: [
    { role: 'user', includes: 'Explain mixture-of-experts' },
    { role: 'assistant', includes: 'routes each token to a few expert' },
    { role: 'user', includes: 'En français ?' },
    { role: 'assistant', includes: 'mélange d’experts' },
  ],
  excluded: ['Copy', 'Regenerate', 'Le Chat a dit'],
  label: 'Mistral Medium 3.1',
  model: 'mistral/mistral-medium-2508',
  streamingLabel: 'Magistral Medium',
  streamingModel: 'mistral/magistral-medium-latest',
  streamingDraft: 'and 393?',
  conversationUrl: 'https://chat.mistral.ai/chat/0d9f7a2e-1111-4222-8333-444455556666',
  conversationId: '0d9f7a2e-1111-4222-8333-444455556666',
  newChatUrl: 'https://chat.mistral.ai/chat',
});

describe('mistral specifics', () => {
  it("keeps Magistral's shown reasoning apart from the reply", () => {
    const turns = getAdapter('mistral')!.readTurns(parseFixture('mistral', 'streaming.html'));
    expect(turns[1].thinking).toBe('Try small primes: 391 = 17 × 23.');
    expect(turns[1].text).toBe('No: 391 is 17 times');
  });

  it('reads a ProseMirror composer when the textarea is gone', () => {
    const doc = new DOMParser().parseFromString(
      '<form><div class="ProseMirror" contenteditable="true"><p>one</p><p>two</p></div></form>',
      'text/html',
    );
    expect(getAdapter('mistral')!.readDraft(doc)).toBe('one\ntwo');
  });
});
