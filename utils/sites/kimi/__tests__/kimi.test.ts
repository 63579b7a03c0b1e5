// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createUsageParser, parseUsageStream } from '../../streams';
import { describeSite, readFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

// The site's own stream: a real Kimi reply (fixtures/capture.txt): Connect envelopes.
describe('Kimi Connect stream', () => {
  const body = readFixture('kimi', 'capture.txt');

  it('reads the model from the downgrade notice, and the end', () => {
    expect(parseUsageStream('kimi', body)).toEqual({
      format: 'kimi',
      model: 'K2.6 Instant',
      notice: 'High demand. Switched to K2.6 Instant for speed. Upgrade to use K2.6 Thinking.',
      done: true,
    });
  });

  it('finds frames whatever the envelope bytes (U+FFFD, a length byte that is "{")', () => {
    const parser = createUsageParser('kimi', { keepText: true });
    parser.push(body);
    parser.finish();
    expect(parser.text().answer).toBe(
      '```json\n{"id":"probe_net","calls":[{"tool":"list","path":"C:/temp"}]}\n```',
    );
    expect(parser.text().thinking).toMatch(/^The user wants me to/);
    const frame = '{"op":"append","mask":"block.text.content","block":{"text":{"content":"x"}}}';
    const odd = createUsageParser('kimi', { keepText: true });
    odd.push(`\u0000\u0000\u0000\u0000{${frame}\ufffd\u0000\u0000\u0000"${frame}`);
    expect(odd.text().answer).toBe('xx');
  });
});
