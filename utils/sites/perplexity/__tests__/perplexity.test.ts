// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../..';
import { describeSite, parseFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('perplexity specifics', () => {
  it('drops inline citation chips from the answer text', () => {
    const turns = getAdapter('perplexity')!.readTurns(
      parseFixture('perplexity', 'conversation.html'),
    );
    expect(turns[1].text).toContain('(Rayleigh scattering), so blue light');
  });

  it('"Best" does not name a model: unknown, never guessed', () => {
    expect(getAdapter('perplexity')!.knownGaps.join(' ')).toMatch(/Best/);
  });
});

describe('perplexity addresses', () => {
  const adapter = getAdapter('perplexity')!;
  it.each([
    ['https://www.perplexity.ai/search/why-is-the-sky-blue-Xy9', 'why-is-the-sky-blue-Xy9'],
    ['https://www.perplexity.ai/thread/a1b2c3', 'a1b2c3'],
    ['https://perplexity.ai/search/q?s=c', 'q'],
  ])('%s → %s', (url, id) => {
    expect(adapter.conversationId(new URL(url))).toBe(id);
  });
});
