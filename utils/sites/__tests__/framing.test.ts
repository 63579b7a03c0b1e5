// The shared framing under the stream readers: lines (SSE, Gemini) and JSON objects found in
// bytes (Kimi's Connect envelopes), whatever the chunking; a line or object too long to be a
// frame is dropped whole, and nothing after it is lost.
import { describe, expect, it } from 'vitest';
import { createLineSplitter } from '../sse';
import { createJsonObjectScanner } from '../kimi/stream';

function lines(pieces: string[], maxLine?: number) {
  const out: string[] = [];
  const splitter = createLineSplitter((l) => out.push(l), maxLine);
  for (const p of pieces) splitter.push(p);
  splitter.flush();
  return out;
}

function objects(pieces: string[]) {
  const out: string[] = [];
  const scanner = createJsonObjectScanner((j) => out.push(j));
  for (const p of pieces) scanner.push(p);
  return out;
}

/** Every split of `text` into three pieces gives the same result as the whole. */
function everySplit<T>(text: string, read: (pieces: string[]) => T): void {
  const whole = read([text]);
  for (let i = 0; i <= text.length; i++)
    for (let j = i; j <= text.length; j++)
      expect(read([text.slice(0, i), text.slice(i, j), text.slice(j)])).toEqual(whole);
}

describe('line splitter', () => {
  it('gives each line once whole, \\r\\n or \\n, wherever the chunks split', () => {
    const text = 'data: {"a":1}\r\n\r\nevent: x\ndata: [DONE]\nlast';
    expect(lines([text])).toEqual(['data: {"a":1}', '', 'event: x', 'data: [DONE]', 'last']);
    everySplit(text, (p) => lines(p));
  });

  it('drops a line longer than the limit whole, across many chunks, and reads the next', () => {
    const long = 'x'.repeat(100);
    const pieces = ['data: {"a":1}\n', ...long.match(/.{1,7}/g)!, '\ndata: {"b":2}\n'];
    expect(lines(pieces, 50)).toEqual(['data: {"a":1}', 'data: {"b":2}']);
    // Not even its tail comes through as a line of its own.
    expect(lines(['head', long, 'tail\nnext\n'], 50)).toEqual(['next']);
  });
});

describe('JSON object scanner (Connect envelopes read as text)', () => {
  it('finds each object once, whatever the bytes between them and the chunking', () => {
    const text = '\u0000\u0000\u0000\u0000\u0017{"op":"set","x":"}{"}\u0002\ufffd{{"done":{}}';
    expect(objects([text])).toEqual(['{"op":"set","x":"}{"}', '{"done":{}}']);
    everySplit(text, objects);
  });

  it('drops an object larger than a frame can be, then finds the next one', () => {
    const huge = '{"a":"' + 'x'.repeat(9 * 1024 * 1024) + '"}';
    const pieces = huge.match(/[\s\S]{1,65536}/g)!;
    expect(objects([...pieces, '\u0000{"done":{}}'])).toEqual(['{"done":{}}']);
  });
});
