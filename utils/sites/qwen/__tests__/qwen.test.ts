// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseUsageStream } from '../../streams';
import { getAdapter } from '../..';
import { describeSite, parseFixture, readFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

// conversation.html has the 2026 sources' markup, streaming.html our older guesses: both read.
describe('Qwen 2026 markup', () => {
  const adapter = getAdapter('qwen')!;

  it('finds the composer by its class, not the first textarea on the page', () => {
    const doc = parseFixture('qwen', 'conversation.html');
    doc.body.insertAdjacentHTML('afterbegin', '<textarea name="feedback"></textarea>');
    expect(adapter.findComposer(doc)?.className).toBe('message-input-textarea');
  });

  it('reads the label from the header dropdown and the phase-thinking block as thinking', () => {
    const doc = parseFixture('qwen', 'conversation.html');
    expect(doc.querySelector('.model-selector, .qwen-chat-thinking-content')).toBeNull();
    expect(adapter.readModelLabel(doc)).toBe('Qwen3-Max');
    const reply = adapter.readTurns(doc)[1];
    expect(reply.thinking).toBe('介绍地理、历史和西湖。');
    expect(reply.text).not.toContain('介绍地理');
  });
});

// The site's own stream: a real Qwen reply (fixtures/capture.txt): usage on every frame.
describe('Qwen usage', () => {
  const body = readFixture('qwen', 'capture.txt');

  it('reads the exact input and the final output once the stream finished', () => {
    expect(parseUsageStream('qwen', body)).toEqual({
      format: 'qwen',
      input: 2646,
      output: 46,
      reasoning: undefined,
      outputIncludesReasoning: true,
      model: undefined,
      done: true,
    });
  });

  it('cut short: the input only, never the running output', () => {
    const cut = parseUsageStream('qwen', body.slice(0, Math.floor(body.length / 2)));
    expect(cut).toMatchObject({ input: 2646, done: false });
    expect(cut?.output).toBeUndefined();
  });
});
