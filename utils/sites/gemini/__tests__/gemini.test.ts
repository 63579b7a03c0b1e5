// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createUsageParser, parseUsageStream } from '../../streams';
import { describeSite, readFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

// The site's own stream: a real Gemini reply (fixtures/capture.txt): snapshots, not deltas.
describe('Gemini StreamGenerate', () => {
  const body = readFixture('gemini', 'capture.txt');

  it('reads the model label and the end', () => {
    expect(parseUsageStream('gemini', body)).toEqual({
      format: 'gemini',
      model: '3.6 Flash',
      done: true,
    });
  });

  it('replaces the reply with each snapshot, never appends', () => {
    const parser = createUsageParser('gemini', { keepText: true });
    parser.push(body);
    parser.finish();
    // Three snapshots carry the same text: appended, it would appear three times.
    expect(parser.text().answer).toBe(
      '```json\n{"id":"probe_net","calls":[{"tool":"list","path":"C:/temp"}]}\n```',
    );
  });
});
