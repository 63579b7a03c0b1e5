// The shared framing under the stream readers: lines (SSE, Gemini) and JSON objects found in
// bytes (Kimi's Connect envelopes), whatever the chunking; a line or object too long to be a
// frame is dropped whole, and nothing after it is lost.
import fc from 'fast-check';
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

/**
 * The scanner's model: the same state machine one character at a time, with no jumps (the
 * scanner's earlier form). The scanner must find exactly what it finds.
 */
function referenceScanner(onObject: (json: string) => void) {
  let parts: string[] = [];
  let kept = 0;
  let inObject = false;
  let braceAtEnd = false; // the last chunk ended in `{`: it starts a frame if `"` follows
  let depth = 0;
  let inString = false;
  let escaped = false;

  const open = (withBrace: boolean) => {
    inObject = true;
    parts = withBrace ? ['{'] : [];
    kept = parts.length;
    depth = withBrace ? 1 : 0;
    inString = false;
    escaped = false;
  };

  return {
    push(chunk: string) {
      let start = inObject ? 0 : -1;
      for (let i = 0; i < chunk.length; i++) {
        const c = chunk.charCodeAt(i);
        if (!inObject) {
          if (braceAtEnd) {
            braceAtEnd = false;
            if (c === 34) {
              open(true);
              start = i;
            }
          }
          // `{"` starts a frame (a length byte that happens to be `{` is followed by another `{`)
          if (!inObject) {
            if (c !== 123) continue;
            if (i + 1 >= chunk.length) {
              braceAtEnd = true;
              continue;
            }
            if (chunk.charCodeAt(i + 1) !== 34) continue;
            open(false);
            start = i;
          }
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 92) escaped = true;
          else if (c === 34) inString = false;
        } else if (c === 34) inString = true;
        else if (c === 123) depth++;
        else if (c === 125 && --depth === 0) {
          const last = chunk.slice(start, i + 1);
          const json = parts.length > 0 ? parts.join('') + last : last;
          inObject = false;
          parts = [];
          kept = 0;
          onObject(json);
        }
      }
      if (!inObject) return;
      const rest = chunk.slice(start);
      kept += rest.length;
      if (kept > 8 * 1024 * 1024) {
        inObject = false;
        parts = [];
        kept = 0;
      } else parts.push(rest);
    },
  };
}

function objects(pieces: string[], scan = createJsonObjectScanner) {
  const out: string[] = [];
  const scanner = scan((j) => out.push(j));
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

  it('finds what a character-by-character scan finds, on any text of the characters that matter, in any chunking', () => {
    const text = fc
      .array(fc.constantFrom('{', '}', '"', '\\', '{"', 'a', ':', '\u0000', '\ufffd'), {
        maxLength: 80,
      })
      .map((a) => a.join(''));
    fc.assert(
      fc.property(text, fc.array(fc.nat(80), { maxLength: 6 }), (t, cuts) => {
        const points = [...new Set(cuts.map((c) => Math.min(c, t.length)))].sort((a, b) => a - b);
        const pieces = [...points, t.length].map((p, k) => t.slice(k === 0 ? 0 : points[k - 1], p));
        expect(objects(pieces)).toEqual(objects([t], referenceScanner));
        expect(objects(pieces)).toEqual(objects(pieces, referenceScanner));
      }),
      { numRuns: 3000 },
    );
  });

  it('drops an object larger than a frame can be, then finds the next one', () => {
    const huge = '{"a":"' + 'x'.repeat(9 * 1024 * 1024) + '"}';
    const pieces = huge.match(/[\s\S]{1,65536}/g)!;
    expect(objects([...pieces, '\u0000{"done":{}}'])).toEqual(['{"done":{}}']);
  });
});
