// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createUsageParser, parseUsageStream } from '../../streams';
import { describeSite, readFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

// The site's own stream: exact usage out of a real z.ai reply (fixtures/capture.txt).
describe('z.ai usage', () => {
  it('reads prompt and completion tokens, marked as holding the thinking', () => {
    expect(parseUsageStream('zai', readFixture('zai', 'capture.txt'))).toEqual({
      format: 'zai',
      input: 39,
      output: 165,
      reasoning: undefined,
      total: 204,
      outputIncludesReasoning: true,
      done: true,
    });
  });

  it('keeps the thinking and the answer apart', () => {
    const parser = createUsageParser('zai', { keepText: true });
    parser.push(readFixture('zai', 'capture.txt'));
    parser.finish();
    expect(parser.text().answer).toBe('```json\n{"calls": [{"tool": "noop"}]}\n```');
    expect(parser.text().thinking).toMatch(/^1\. {2}\*\*Analyze the Request:\*\*/);
  });

  it('reads reasoning tokens when the site reports them', () => {
    const body =
      'data: {"type":"chat:completion","data":{"phase":"other","usage":{"prompt_tokens":10,"completion_tokens":30,"completion_tokens_details":{"reasoning_tokens":20}}}}\n';
    expect(parseUsageStream('zai', body)).toMatchObject({ input: 10, output: 30, reasoning: 20 });
  });

  it('reports nothing when cut before the usage frame', () => {
    const body = readFixture('zai', 'capture.txt');
    expect(parseUsageStream('zai', body.slice(0, body.indexOf('"phase":"other"')))).toBeNull();
  });
});
