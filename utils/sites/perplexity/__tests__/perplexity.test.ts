// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../..';
import { findStreamForRequest, parseUsageStream } from '../../streams';
import { createPerplexityParser, MAX_THREAD_BODY, threadModel } from '../stream';
import { describeSite, parseFixture, readFixture } from '../../__tests__/harness';
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

// The thread data (fixtures/reconstructed.txt, written in the documented shape: not a capture).
describe('Perplexity thread data: the model that answered', () => {
  const body = readFixture('perplexity', 'reconstructed.txt');

  it("names the latest entry's display_model, and no numbers", () => {
    expect(parseUsageStream('perplexity', body)).toEqual({
      format: 'perplexity',
      model: 'claude46sonnetthinking',
      done: true,
    });
  });

  it('is found for the thread request, not for the pages or the ask stream', () => {
    expect(
      findStreamForRequest('https://www.perplexity.ai/rest/thread/abc-Q2k9?limit=10')?.format,
    ).toBe('perplexity');
    expect(findStreamForRequest('https://www.perplexity.ai/search/abc-Q2k9')).toBeNull();
    expect(findStreamForRequest('https://www.perplexity.ai/rest/sse/perplexity_ask')).toBeNull();
  });

  it('keeps the latest answer for the CLI to count (only when asked)', () => {
    const parser = createPerplexityParser({ keepText: true });
    parser.push(body);
    parser.finish();
    expect(parser.text()).toEqual({
      answer: 'The light crosses more air, so the blue is scattered away and reds remain.',
      thinking: '',
    });
  });

  it('falls back to user_selected_model, skips entries naming none', () => {
    const json = JSON.stringify({
      entries: [{ display_model: 'sonar' }, { user_selected_model: 'gpt54' }, { mode: 'x' }],
    });
    expect(threadModel(json)).toBe('gpt54');
  });

  it('reads any split of the body; a cut, foreign, odd or huge body names nothing', () => {
    const parser = createPerplexityParser();
    for (let i = 0; i < body.length; i += 7) parser.push(body.slice(i, i + 7));
    expect(parser.finish()?.model).toBe('claude46sonnetthinking');
    expect(parser.text().answer).toBe('');
    expect(parseUsageStream('perplexity', body.slice(0, -20))).toBeNull();
    expect(parseUsageStream('perplexity', '<html>')).toBeNull();
    expect(threadModel(JSON.stringify({ entries: [{ display_model: 'a b<script>' }] }))).toBeNull();
    expect(threadModel(JSON.stringify({ entries: 'x' }))).toBeNull();
    const huge = createPerplexityParser();
    huge.push(body.slice(0, -2));
    huge.push(' '.repeat(MAX_THREAD_BODY));
    huge.push(body.slice(-2));
    expect(huge.finish()).toBeNull();
  });
});
