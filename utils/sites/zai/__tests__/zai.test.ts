// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseUsageStream } from '../../streams';
import { describeSite, readFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

// The site's own stream: exact usage out of a z.ai completion body.
describe('z.ai usage', () => {
  it('reads prompt and completion tokens from the phase "other" frame', () => {
    expect(parseUsageStream('zai', readFixture('zai', 'completion.sse.txt'))).toEqual({
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
