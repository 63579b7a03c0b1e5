// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseUsageStream } from '../../streams';
import { describeSite, readFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

// The site's own stream: exact usage out of a DeepSeek completion body.
describe('DeepSeek accumulated_token_usage', () => {
  const body = readFixture('deepseek', 'completion.sse.txt');

  it('reads the total from the BATCH frame, the end and the thinking flag', () => {
    expect(parseUsageStream('deepseek', body)).toEqual({
      format: 'deepseek',
      total: 87,
      model: 'deepseek-reasoner',
      done: true,
    });
  });

  it('reads a SET frame and model_type, ignores the initial 0', () => {
    const frames = [
      'data: {"v":{"response":{"accumulated_token_usage":0,"model_type":"default","fragments":[]}}}',
      'data: {"p":"response/accumulated_token_usage","o":"SET","v":42}',
      '',
    ].join('\n');
    expect(parseUsageStream('deepseek', frames)).toEqual({
      format: 'deepseek',
      total: 42,
      model: 'default',
      done: false,
    });
  });

  it('has no usage when the stream carries none (cut off before the end)', () => {
    const cut = body.slice(0, body.indexOf('BATCH') - 30);
    expect(parseUsageStream('deepseek', cut)).toBeNull();
  });
});
