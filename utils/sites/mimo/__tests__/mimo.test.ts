// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter, resolveSiteModel } from '../..';
import { withSiteUsage } from '@/utils/overlay/meter/site-usage';
import { findStreamForRequest, parseUsageStream } from '../../streams';
import { createMimoParser, mimoRequestModel } from '../stream';
import { describeSite, parseFixture, readFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('mimo specifics', () => {
  it('reads a streaming code block as text', () => {
    const turns = getAdapter('mimo')!.readTurns(parseFixture('mimo', 'streaming.html'));
    expect(turns[1].text).toBe('def quicksort(xs):');
  });
});

describe('mimo addresses: the conversation lives in the fragment', () => {
  const adapter = getAdapter('mimo')!;
  const ID = '3f2a9c0d4b5e6f708192a3b4c5d6e7f8';
  it.each([
    [`https://aistudio.xiaomimimo.com/#/c/${ID}`, ID],
    [`https://aistudio.xiaomimimo.com/#/c/${ID.toUpperCase()}?from=share`, ID],
    [`https://aistudio.xiaomimimo.com/#/c?conversationId=${ID}`, ID],
    ['https://aistudio.xiaomimimo.com/#/c', null],
    ['https://aistudio.xiaomimimo.com/#/c/not-an-id', null],
    ['https://aistudio.xiaomimimo.com/', null],
    // An id in the path or the query, in case the routing moves.
    ['https://aistudio.xiaomimimo.com/chat/c-7f3e9a', 'c-7f3e9a'],
  ])('%s → %s', (url, id) => {
    expect(adapter.conversationId(new URL(url))).toBe(id);
  });

  it('a hash-only switch names another conversation (the page keeps its path)', () => {
    const a = new URL(`https://aistudio.xiaomimimo.com/#/c/${ID}`);
    const b = new URL(`https://aistudio.xiaomimimo.com/#/c/${'ab'.repeat(16)}`);
    expect(a.pathname + a.search).toBe(b.pathname + b.search);
    expect(adapter.conversationId(a)).not.toBe(adapter.conversationId(b));
  });
});

describe('mimo stream: the site’s own numbers (`event:usage`)', () => {
  const body = readFixture('mimo', 'reconstructed.txt');

  it('reads prompt, completion and reasoning; the completion holds the reasoning', () => {
    const parser = createMimoParser({ keepText: true });
    parser.push(body);
    expect(parser.finish()).toEqual({
      format: 'mimo',
      input: 142,
      output: 58,
      reasoning: 21,
      total: 200,
      outputIncludesReasoning: true,
      done: true,
    });
    // The reasoning arrives mixed into the content, its closing tag cut across two pieces.
    expect(parser.text()).toEqual({
      thinking: '用户问量化，指模型量化。',
      answer: '量化是把模型权重从 16 位压缩到 8 位或 4 位整数。',
    });
  });

  it('never adds the reasoning twice: output = completion − reasoning, the sum the site’s', () => {
    const usage = parseUsageStream('mimo', body)!;
    const ours = { tokens: 30, provenance: 'exact' as const, family: 'x' };
    const counts = withSiteUsage(
      { input: ours, output: ours, reasoning: { ...ours, tokens: 12 } },
      { ...usage, at: 1 },
    );
    expect(counts.output.tokens + counts.reasoning.tokens).toBe(58);
    expect(counts.reasoning.tokens).toBe(21);
    expect(counts.input).toMatchObject({ tokens: 142, provenance: 'site' });
  });

  it('reports nothing before the usage event (a cut stream is never passed off as exact)', () => {
    expect(parseUsageStream('mimo', body.slice(0, body.indexOf('event:usage')))).toBeNull();
  });

  it('reads the usage frame by its keys when a proxy dropped the event lines', () => {
    const bare = body.replace(/^event:.*\n/gm, '');
    expect(parseUsageStream('mimo', bare)).toMatchObject({ input: 142, output: 58, reasoning: 21 });
  });

  it('the model comes from the request body', () => {
    expect(mimoRequestModel(readFixture('mimo', 'request.json'))).toBe('mimo-v2-flash-studio');
    expect(resolveSiteModel('mimo', 'mimo-v2-flash-studio')?.model).toBe('xiaomi/mimo-v2-flash');
    expect(mimoRequestModel('{"modelConfig":{"model":"<img src=x>"}}')).toBeNull();
    expect(mimoRequestModel('not json')).toBeNull();
  });

  it('answers the request URLs, UltraSpeed included', () => {
    expect(
      findStreamForRequest('https://aistudio.xiaomimimo.com/open-apis/bot/chat?xiaomichatbot_ph=a')
        ?.format,
    ).toBe('mimo');
    expect(
      findStreamForRequest('https://aistudio.xiaomimimo.com/fastchat/open-apis/bot/chat')?.format,
    ).toBe('mimo');
    expect(
      findStreamForRequest('https://aistudio.xiaomimimo.com/open-apis/chat/dialog/list'),
    ).toBeNull();
  });
});
