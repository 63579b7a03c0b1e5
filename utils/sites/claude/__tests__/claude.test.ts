// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createUsageParser, parseUsageStream } from '../../streams';
import { describeSite, readFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

// The site's own stream: a real Claude reply (fixtures/capture.txt): the model and quotas.
describe('Claude stream', () => {
  it('reads message.model and the 5-hour and 7-day windows', () => {
    expect(parseUsageStream('claude', readFixture('claude', 'capture.txt'))).toEqual({
      format: 'claude',
      model: 'claude-sonnet-5',
      limits: [
        { window: '5h', used: 0.02, resetsAt: '2026-08-08T07:10:00.000Z' },
        { window: '7d', used: 0, resetsAt: '2026-08-11T09:00:00.000Z' },
      ],
      done: true,
    });
  });

  it('keeps the answer; the truncated thinking block has no text', () => {
    const parser = createUsageParser('claude', { keepText: true });
    parser.push(readFixture('claude', 'capture.txt'));
    parser.finish();
    expect(parser.text()).toEqual({
      answer: '```json\n{"id":"probe_net","calls":[{"tool":"list","path":"C:/temp"}]}\n```',
      thinking: '',
    });
  });
});
