// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '../..';
import { findStreamForRequest, parseUsageStream } from '../../streams';
import { aistudioRequestModel } from '../stream';
import { describeSite, parseFixture, readFixture } from '../../__tests__/harness';
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

describe("aistudio: Google's own count of the prompt, read beside ours", () => {
  const adapter = getAdapter('aistudio')!;

  it('reads the count by the composer, labelled as Google’s', () => {
    expect(adapter.readSiteTokens?.(parseFixture('aistudio', 'conversation.html'))).toEqual({
      tokens: 1234,
      by: 'Google',
      of: 'prompt',
    });
    expect(adapter.readSiteTokens?.(parseFixture('aistudio', 'streaming.html'))?.tokens).toBe(57);
    expect(adapter.readSiteTokens?.(parseFixture('aistudio', 'empty.html'))).toBeNull();
  });

  it.each([
    ['1,234 / 1,048,576', 1234],
    ['  98 tokens', 98],
    ['1\u202f234', 1234],
    ['0', 0],
    ['1.2K', null],
    ['12.5万', null],
    ['1.234', null],
    ['—', null],
    ['', null],
  ])('"%s" → %s (a shortened figure is not an exact count)', (text, tokens) => {
    const doc = new DOMParser().parseFromString(
      `<span class="v3-token-count-value">${text}</span>`,
      'text/html',
    );
    expect(adapter.readSiteTokens?.(doc)?.tokens ?? null).toBe(tokens);
  });
});

// The request body (fixtures/request.json, written in the documented shape: not a capture).
describe('AI Studio: the model id from the request', () => {
  const URL_RUN =
    'https://alkalimakersuite-pa.clients6.google.com/$rpc/google.internal.alkali.applications.makersuite.v1.MakerSuiteService/GenerateContent';

  it('reads index 0 of the request array as the model id', () => {
    expect(aistudioRequestModel(readFixture('aistudio', 'request.json'))).toBe('gemini-2.5-pro');
  });

  it('is found for the API host the page posts to, not for other hosts or paths', () => {
    expect(findStreamForRequest(URL_RUN)?.format).toBe('aistudio');
    expect(findStreamForRequest(URL_RUN.replace('https:', 'http:'))).toBeNull();
    expect(findStreamForRequest(URL_RUN.replace('alkalimakersuite-pa', 'evil'))).toBeNull();
    expect(findStreamForRequest(URL_RUN.replace('GenerateContent', 'CountTokens'))).toBeNull();
  });

  it('names nothing from a body without a model, and reads no number from the response', () => {
    for (const body of [
      '',
      '{not json',
      '{"model":"models/x"}',
      '[1]',
      '["gemini"]',
      '["models/a b"]',
    ])
      expect(aistudioRequestModel(body), body).toBeNull();
    expect(parseUsageStream('aistudio', readFixture('aistudio', 'reconstructed.txt'))).toBeNull();
  });
});
