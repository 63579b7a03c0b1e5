// The sites' own streams, whatever the chunking, wherever cut, whatever the junk: every reader
// in the stream registry over its site's real capture (utils/sites/<id>/fixtures/capture.txt), or
// where none exists, a body in its documented format (reconstructed.txt, its README says whose).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createUsageParser, findStreamForRequest, parseUsageStream, STREAMS } from '../streams';
import { readFixture, streamBodyFixture } from './expectations';

const formats = STREAMS.map((s) => s.format);
const NUMBERS = ['input', 'output', 'reasoning', 'total'] as const;

function parseInPieces(format: string, body: string, points: number[]) {
  const parser = createUsageParser(format, { keepText: true });
  let from = 0;
  for (const p of [...points, body.length]) {
    parser.push(body.slice(from, p));
    from = p;
  }
  return { usage: parser.finish(), text: parser.text() };
}

// AI Studio's reader reads only the request's model: its response format is not documented.
const REQUEST_ONLY = new Set(['aistudio']);

describe('every reader over its real capture', () => {
  it.each(formats.filter((f) => !REQUEST_ONLY.has(f)))(
    '%s: the capture carries something, and it ends',
    (format) => {
      const usage = parseUsageStream(format, readFixture(format, streamBodyFixture(format)));
      expect(usage).not.toBeNull();
      expect(usage!.done).toBe(true);
    },
  );

  it.each([...REQUEST_ONLY])(
    '%s: reads its request for the model, nothing of the response',
    (f) => {
      const stream = STREAMS.find((s) => s.format === f)!;
      expect(stream.requestModel?.(readFixture(f, 'request.json'))).toBeTruthy();
      expect(parseUsageStream(f, readFixture(f, streamBodyFixture(f)))).toBeNull();
    },
  );

  it.each(formats)('%s: any chunking gives the same result and text', (format) => {
    const body = readFixture(format, streamBodyFixture(format));
    const whole = parseInPieces(format, body, []);
    fc.assert(
      fc.property(fc.array(fc.nat(body.length), { maxLength: 12 }), (cuts) => {
        const points = [...new Set(cuts)].sort((a, b) => a - b);
        expect(parseInPieces(format, body, points)).toEqual(whole);
      }),
      { numRuns: 50 },
    );
  });

  it.each(formats)(
    '%s: the page hook’s reader (no text kept, frames skipped by a cheap test) finds what the full reader finds',
    (format) => {
      const body = readFixture(format, streamBodyFixture(format));
      const full = parseInPieces(format, body, []).usage;
      fc.assert(
        fc.property(fc.array(fc.nat(body.length), { maxLength: 12 }), (cuts) => {
          const hook = createUsageParser(format);
          let from = 0;
          for (const p of [...[...new Set(cuts)].sort((a, b) => a - b), body.length]) {
            hook.push(body.slice(from, p));
            from = p;
          }
          expect(hook.finish()).toEqual(full);
        }),
        { numRuns: 50 },
      );
    },
  );

  it.each(formats)('%s: one character at a time gives the same result and text', (format) => {
    const body = readFixture(format, streamBodyFixture(format));
    const ones = Array.from({ length: body.length }, (_, i) => i + 1);
    expect(parseInPieces(format, body, ones)).toEqual(parseInPieces(format, body, []));
  });

  it.each(formats)(
    '%s: cut anywhere, it never reports a number the whole stream does not',
    (format) => {
      const body = readFixture(format, streamBodyFixture(format));
      const whole = parseUsageStream(format, body)!;
      for (let cut = 0; cut < body.length; cut += Math.max(1, Math.floor(body.length / 400))) {
        const part = parseUsageStream(format, body.slice(0, cut));
        for (const key of NUMBERS) {
          if (part?.[key] !== undefined) expect(part[key], `${key} at ${cut}`).toBe(whole[key]);
        }
      }
    },
  );
});

describe('hostile and split input', () => {
  it.each(formats)(
    '%s: garbage, wrong types and negative counts never throw or count',
    (format) => {
      const body = [
        'data: {not json',
        'data: []',
        'data: null',
        'data: {"type":"chat:completion","data":{"phase":"other","usage":{"prompt_tokens":-5,"completion_tokens":"7"}}}',
        'data: {"p":"response/accumulated_token_usage","o":"SET","v":1.5}',
        'data: {"p":"response/accumulated_token_usage","o":"SET","v":"9"}',
        'data: {"usage":{"input_tokens":-1,"output_tokens":"3"}}',
        'event: close',
        '\u0000\u0001\ufffd',
      ].join('\r\n');
      expect(parseUsageStream(format, body)).toBeNull();
      fc.assert(
        fc.property(fc.string({ maxLength: 300 }), (junk) => {
          expect(() => parseUsageStream(format, junk)).not.toThrow();
        }),
      );
    },
  );

  it.each(formats)('%s: another format’s capture gives no numbers', (format) => {
    for (const other of formats.filter((f) => f !== format)) {
      const usage = parseUsageStream(format, readFixture(other, streamBodyFixture(other)));
      for (const key of NUMBERS) expect(usage?.[key], `${other} read as ${format}`).toBeUndefined();
    }
  });
});

describe('finding the reader for a request', () => {
  it.each([
    ['https://chat.z.ai/api/v2/chat/completions?timestamp=1', 'zai'],
    ['https://chat.z.ai/api/v3/chat/completions', 'zai'],
    ['https://chat.qwen.ai/api/v2/chat/completions', 'qwen'],
    ['https://chat.deepseek.com/api/v0/chat/completion', 'deepseek'],
    ['https://chatgpt.com/backend-api/f/conversation', 'chatgpt'],
    ['https://chatgpt.com/backend-api/conversation', 'chatgpt'],
    ['https://claude.ai/api/organizations/o-1/chat_conversations/c-2/completion', 'claude'],
    [
      'https://gemini.google.com/_/BardChatUi/data/assistant.lamda.BardFrontendService/StreamGenerate?rt=c',
      'gemini',
    ],
    ['https://www.kimi.com/apiv2/kimi.gateway.chat.v1.ChatService/Chat', 'kimi'],
  ])('%s → %s', (url, format) => {
    expect(findStreamForRequest(url)?.format).toBe(format);
  });

  it.each([
    'https://chatgpt.com/backend-api/sentinel/ping',
    'https://chat.z.ai/api/v2/chat/completions/extra',
    'https://example.com/api/v2/chat/completions',
  ])('%s → none', (url) => {
    expect(findStreamForRequest(url)).toBeNull();
  });
});

// The model the page asked for, read from the request body it sends (each site's request.json is
// written in a documented shape; its README says whose). The stream's own model wins (hook tests).
describe('the model named in the request body', () => {
  const REQUEST_MODELS: Record<string, string> = {
    chatgpt: 'gpt-5-5',
    claude: 'claude-haiku-4-5-20251001',
    deepseek: 'deepseek-reasoner',
    qwen: 'qwen3-max',
    zai: 'GLM-4-6-API-V1',
    mimo: 'mimo-v2-flash-studio',
    aistudio: 'gemini-2.5-pro',
  };
  const readers = STREAMS.filter((s) => s.requestModel);

  it('every reader of requests has a request fixture here', () => {
    expect(readers.map((s) => s.format).sort()).toEqual(Object.keys(REQUEST_MODELS).sort());
  });

  it.each(Object.entries(REQUEST_MODELS))('%s: its request names %s', (format, model) => {
    const stream = STREAMS.find((s) => s.format === format)!;
    expect(stream.requestModel!(readFixture(format, 'request.json'))).toBe(model);
  });

  it.each(readers.map((s) => s.format))('%s: a body that names no model gives none', (format) => {
    const read = STREAMS.find((s) => s.format === format)!.requestModel!;
    const junk = [
      '',
      '{',
      'null',
      '[]',
      'f.req=%5B%5D',
      '{"model":{"id":"x"}}',
      '{"model":"a b<script>"}',
      `{"model":"${'x'.repeat(200)}"}`,
      '{"thinking_enabled":"yes"}',
      '{"modelConfig":7}',
    ];
    for (const body of junk) expect(read(body), body).toBeNull();
  });

  it('ChatGPT: "auto" names no model; DeepSeek: DeepThink off is the chat model', () => {
    const chatgpt = STREAMS.find((s) => s.format === 'chatgpt')!.requestModel!;
    expect(chatgpt('{"action":"next","model":"auto"}')).toBeNull();
    const deepseek = STREAMS.find((s) => s.format === 'deepseek')!.requestModel!;
    expect(deepseek('{"prompt":"hi","thinking_enabled":false}')).toBe('deepseek-chat');
  });
});
