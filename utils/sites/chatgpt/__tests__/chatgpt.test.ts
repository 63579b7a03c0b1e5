// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createUsageParser, parseUsageStream } from '../../streams';
import { describeSite, readFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

// The site's own stream: a real ChatGPT reply (fixtures/capture.txt): the model and quotas.
describe('ChatGPT stream', () => {
  const body = readFixture('chatgpt', 'capture.txt');

  it('reads model_slug, limits_progress and the end', () => {
    const usage = parseUsageStream('chatgpt', body);
    expect(usage).toMatchObject({ format: 'chatgpt', model: 'gpt-5-6', done: true });
    expect(usage?.limits).toContainEqual({
      window: 'deep_research',
      used: null,
      remaining: 5,
      resetsAt: '2026-09-07T01:43:32.582087+00:00',
    });
    expect(usage?.input).toBeUndefined();
  });

  it('rebuilds the reply from its JSON-patch appends, not the user message', () => {
    const parser = createUsageParser('chatgpt', { keepText: true });
    parser.push(body);
    parser.finish();
    expect(parser.text().answer).toBe(
      '```json\n{"id":"probe_1","calls":[{"tool":"list","path":"C:/temp"}]}\n```',
    );
  });
});
