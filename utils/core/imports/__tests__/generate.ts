/**
 * Agent logs written by tests, in the shapes of the fixtures beside them (fixtures/claude,
 * fixtures/codex), long enough for an import to stop and resume many times within one file.
 */
/**
 * A Claude Code session: replies streamed as three lines with growing output, a damaged line,
 * multi-byte prompts, and the first replies' lines repeated at the end (as a resumed session
 * writes them).
 */
export function claudeSession(replies: number): Uint8Array {
  const lines: string[] = [];
  const base = { cwd: '/home/ana/shop', sessionId: 's-1', version: '2.0.14' };
  for (let r = 0; r < replies; r++) {
    const time = Date.UTC(2026, 0, 5, 8) + r * 60_000;
    lines.push(
      JSON.stringify({
        ...base,
        type: 'user',
        message: { role: 'user', content: `步骤 ${r} — ünïcödé ✓` },
        uuid: `u${r}`,
        timestamp: new Date(time).toISOString(),
      }),
    );
    for (const [s, out] of [1, 40 + r, 90 + 2 * r].entries()) {
      lines.push(
        JSON.stringify({
          ...base,
          type: 'assistant',
          requestId: `req_${r}`,
          uuid: `a${r}-${s}`,
          timestamp: new Date(time + 1000 * (s + 1)).toISOString(),
          message: {
            id: `msg_${r}`,
            model: 'claude-sonnet-4-5-20250929',
            usage: {
              input_tokens: 3 + r,
              cache_read_input_tokens: 1000 * r,
              cache_creation_input_tokens: 50,
              output_tokens: out,
            },
          },
        }),
      );
    }
    if (r === 7) lines.push('{"type":"assistant","message":{"id":"broken"');
  }
  // A resumed copy of the first replies' lines, later in the same file.
  lines.push(...lines.slice(0, 9));
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

/** A Codex rollout with cumulative totals, re-emits and a reset. */
export function codexRollout(turns: number): Uint8Array {
  const lines = [
    { type: 'session_meta', payload: { id: 'c-1', cwd: '/home/ana/api' } },
    { type: 'turn_context', payload: { model: 'gpt-5-codex' } },
  ].map((l) => JSON.stringify({ timestamp: '2025-10-01T10:00:00.000Z', ...l }));
  let total = {
    input_tokens: 0,
    cached_input_tokens: 0,
    output_tokens: 0,
    reasoning_output_tokens: 0,
  };
  for (let t = 0; t < turns; t++) {
    const last = {
      input_tokens: 1000 + t,
      cached_input_tokens: 500,
      output_tokens: 100 + t,
      reasoning_output_tokens: 10,
    };
    total =
      t === 9
        ? last
        : {
            input_tokens: total.input_tokens + last.input_tokens,
            cached_input_tokens: total.cached_input_tokens + last.cached_input_tokens,
            output_tokens: total.output_tokens + last.output_tokens,
            reasoning_output_tokens: total.reasoning_output_tokens + last.reasoning_output_tokens,
          };
    const line = JSON.stringify({
      timestamp: new Date(Date.UTC(2025, 9, 1, 10) + t * 1000).toISOString(),
      type: 'event_msg',
      payload: { type: 'token_count', info: { total_token_usage: total, last_token_usage: last } },
    });
    lines.push(line);
    if (t % 4 === 0) lines.push(line);
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}

/**
 * A Gemini CLI JSONL recording: a header line, then `gemini` messages with `tokens`, some
 * rewritten later with more output (the last copy counts).
 */
export function geminiRecording(messages: number): Uint8Array {
  const lines = [
    JSON.stringify({ sessionId: 'g-1', projectHash: '5d1c9e', startTime: '2026-02-01T09:00:00Z' }),
    JSON.stringify({ type: 'init', model: 'gemini-2.5-pro', sessionId: 'g-1' }),
  ];
  for (let m = 0; m < messages; m++) {
    const message = (output: number) =>
      JSON.stringify({
        id: `m${m}`,
        type: 'gemini',
        timestamp: new Date(Date.UTC(2026, 1, 1, 9) + m * 30_000).toISOString(),
        tokens: {
          input: 900 + m,
          output,
          cached: 300,
          thoughts: 20,
          tool: 0,
          total: 920 + m + output,
        },
      });
    lines.push(message(10 + m));
    if (m % 3 === 0) lines.push(message(50 + m));
  }
  return new TextEncoder().encode(lines.join('\n') + '\n');
}
