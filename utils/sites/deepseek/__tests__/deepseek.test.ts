// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createUsageParser, parseUsageStream } from '../../streams';
import { describeSite, readFixture } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

// The site's own stream: a real DeepSeek reply with DeepThink on (fixtures/capture.txt).
describe('DeepSeek accumulated_token_usage', () => {
  const body = readFixture('deepseek', 'capture.txt');

  it('reports the final running count as the total, the opening one as a cross-check', () => {
    expect(parseUsageStream('deepseek', body)).toEqual({
      format: 'deepseek',
      total: 603,
      opening: 513,
      model: 'deepseek-reasoner',
      done: true,
    });
  });

  it('takes the model from thinking_enabled, not from model_type "default"', () => {
    expect(body).toContain('"model_type":"default"');
    const off = body.replace('"thinking_enabled":true', '"thinking_enabled":false');
    expect(parseUsageStream('deepseek', off)?.model).toBe('deepseek-chat');
  });

  it('cut before the final BATCH: the opening value only, never as a total', () => {
    const cut = parseUsageStream('deepseek', body.slice(0, body.indexOf('BATCH') - 30));
    expect(cut).toMatchObject({ opening: 513, done: false });
    expect(cut?.total).toBeUndefined();
  });

  it('keeps the THINK and RESPONSE fragments apart', () => {
    const parser = createUsageParser('deepseek', { keepText: true });
    parser.push(body);
    parser.finish();
    expect(parser.text().thinking).toBe('我们只需要按指令输出给定的JSON。');
    expect(parser.text().answer).toBe(
      '```json\n{"id":"probe_net","calls":[{"tool":"list","path":"C:/temp"}]}\n```',
    );
  });

  it('reads a SET frame and ignores a running count that goes backwards', () => {
    const frames = [
      'data: {"v":{"response":{"accumulated_token_usage":50,"thinking_enabled":false,"fragments":[]}}}',
      'data: {"p":"response/accumulated_token_usage","o":"SET","v":42}',
      'data: {"p":"response/accumulated_token_usage","o":"SET","v":90}',
      '',
    ].join('\n');
    expect(parseUsageStream('deepseek', frames)).toMatchObject({ total: 90, opening: 50 });
  });
});
