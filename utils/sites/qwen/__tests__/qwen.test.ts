// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseUsageStream } from '../../streams';
import { describeSite, readFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

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
