// The sites' own streams, whatever the chunking and whatever the junk: every reader in the
// stream registry over its site's recorded body (utils/sites/<id>/fixtures/completion.sse.txt).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUsageParser, parseUsageStream, STREAMS } from '../streams';
import { readFixture } from './expectations';

describe('hostile and split input', () => {
  const formats = STREAMS.map((s) => s.format);

  it.each(formats)('%s: any chunking gives the same usage', (format) => {
    const body = readFixture(format, 'completion.sse.txt');
    const whole = parseUsageStream(format, body);
    fc.assert(
      fc.property(fc.array(fc.nat(body.length), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        const parser = createUsageParser(format);
        let from = 0;
        for (const p of [...points, body.length]) {
          parser.push(body.slice(from, p));
          from = p;
        }
        expect(parser.finish()).toEqual(whole);
      }),
    );
  });

  it.each(formats)(
    '%s: garbage, wrong types and negative counts never throw or count',
    (format) => {
      const body = [
        'data: {not json',
        'data: []',
        'data: null',
        'data: {"type":"chat:completion","data":{"phase":"other","usage":{"prompt_tokens":-5,"completion_tokens":"7"}}}',
        'data: {"p":"response/accumulated_token_usage","o":"SET","v":1.5}',
        'data: {"p":"response/accumulated_token_usage","o":"SET","v":"9"}',
        'event: close',
        '\u0000\u0001',
      ].join('\r\n');
      expect(parseUsageStream(format, body)).toBeNull();
      fc.assert(
        fc.property(fc.string({ maxLength: 300 }), (junk) => {
          expect(() => parseUsageStream(format, junk)).not.toThrow();
        }),
      );
    },
  );
});
