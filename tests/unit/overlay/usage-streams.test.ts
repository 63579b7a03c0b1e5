// The sites' own streams: exact usage out of z.ai and DeepSeek bodies, whatever the chunking.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUsageParser, parseUsageStream } from '@/utils/core/usage-streams';
import { readFixture } from '../adapters/fixtures';

const deepseekBody = readFixture('deepseek', 'completion.sse.txt');
const zaiBody = readFixture('zai', 'completion.sse.txt');

describe('DeepSeek accumulated_token_usage', () => {
  it('reads the total from the BATCH frame, the end and the thinking flag', () => {
    expect(parseUsageStream('deepseek', deepseekBody)).toEqual({
      format: 'deepseek',
      total: 87,
      model: 'deepseek-reasoner',
      done: true,
    });
  });

  it('reads a SET frame and model_type, ignores the initial 0', () => {
    const body = [
      'data: {"v":{"response":{"accumulated_token_usage":0,"model_type":"default","fragments":[]}}}',
      'data: {"p":"response/accumulated_token_usage","o":"SET","v":42}',
      '',
    ].join('\n');
    expect(parseUsageStream('deepseek', body)).toEqual({
      format: 'deepseek',
      total: 42,
      model: 'default',
      done: false,
    });
  });

  it('has no usage when the stream carries none (cut off before the end)', () => {
    const cut = deepseekBody.slice(0, deepseekBody.indexOf('BATCH') - 30);
    expect(parseUsageStream('deepseek', cut)).toBeNull();
  });
});

describe('z.ai usage', () => {
  it('reads prompt and completion tokens from the phase "other" frame', () => {
    expect(parseUsageStream('zai', zaiBody)).toEqual({
      format: 'zai',
      input: 1523,
      output: 64,
      reasoning: undefined,
      total: 1587,
      model: 'GLM-4-6-API-V1',
      done: true,
    });
  });

  it('reads reasoning tokens when the site reports them', () => {
    const body =
      'data: {"type":"chat:completion","data":{"phase":"other","usage":{"prompt_tokens":10,"completion_tokens":30,"completion_tokens_details":{"reasoning_tokens":20}}}}\n';
    expect(parseUsageStream('zai', body)).toMatchObject({ input: 10, output: 30, reasoning: 20 });
  });
});

describe('hostile and split input', () => {
  it.each(['deepseek', 'zai'] as const)('%s: any chunking gives the same usage', (format) => {
    const body = format === 'deepseek' ? deepseekBody : zaiBody;
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

  it.each(['deepseek', 'zai'] as const)(
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
