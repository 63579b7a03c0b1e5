/**
 * Claude Code project logs: `~/.claude/projects/<dash-mangled-cwd>/<sessionId>.jsonl`. An
 * assistant line carries `message.usage`; a streamed reply is written as several lines with the
 * same `message.id` and `requestId` whose usage grows, so within a file the last line of a key
 * wins, and a resumed session's copies of earlier lines carry the same key. Lines without usage
 * (prompts, tool results, summaries) are not usage and pass silently; those without a "usage"
 * key in their text are not even parsed (most of a log's bytes are prompts and tool output).
 */
import { isObject, RowError, str, tokenCount, instant } from '../limits';
import type { LineParser, ParseContext } from '../context';
import { pathParts } from '../context';
import type { ImportEvent } from '../types';
import { HeldEvents, isHeldState } from '../held';

/** Claude Code writes this model on locally made replies (errors, interruptions): no request. */
const SYNTHETIC_MODEL = '<synthetic>';

export function claudeCodeParser(ctx: ParseContext): LineParser {
  const parts = pathParts(ctx.file);
  const folder = parts.length >= 2 ? parts[parts.length - 2] : null;
  // Streamed copies of one reply sit next to each other: a bounded window is enough. The last
  // line of a key wins (a streamed reply's usage grows).
  const latest = new HeldEvents(ctx, () => true, true, 20_000);
  return {
    // Usage sits under a "usage" key. JSON can spell a key with \u escapes: such lines are parsed.
    cannotCarry: (text) => !text.includes('"usage"') && !text.includes('\\u'),
    line(row) {
      if (!isObject(row) || row.type !== 'assistant' || !isObject(row.message)) return;
      const message = row.message;
      const usage = message.usage;
      if (!isObject(usage)) return;
      if (message.model === SYNTHETIC_MODEL) {
        ctx.skip();
        return;
      }
      const messageId = str(message.id);
      const requestId = str(row.requestId);
      const uuid = str(row.uuid);
      if (!messageId && !uuid) throw new RowError('assistant line without message.id or uuid');
      const key = messageId
        ? `claude-code|${messageId}|${requestId ?? ''}`
        : `claude-code|uuid|${uuid}`;
      const split = isObject(usage.cache_creation) ? usage.cache_creation : null;
      const write1h = split ? tokenCount(split.ephemeral_1h_input_tokens, 'cache write 1h') : 0;
      const write5m = split
        ? tokenCount(split.ephemeral_5m_input_tokens, 'cache write 5m')
        : tokenCount(usage.cache_creation_input_tokens, 'cache_creation_input_tokens');
      const event: ImportEvent = {
        key,
        source: 'claude-code',
        agent: 'claude-code',
        project: str(row.cwd) ?? folder,
        session: str(row.sessionId),
        model: str(message.model),
        time: instant(row.timestamp, 'timestamp', ctx.noZone),
        tokens: {
          input: tokenCount(usage.input_tokens, 'input_tokens'),
          cacheRead: tokenCount(usage.cache_read_input_tokens, 'cache_read_input_tokens'),
          cacheWrite5m: write5m,
          cacheWrite1h: write1h,
          output: tokenCount(usage.output_tokens, 'output_tokens'),
          reasoning: 0,
        },
        requests: 1,
        cost: null,
      };
      latest.add(event);
    },
    end() {
      latest.end();
    },
    checkpoint() {
      return { window: latest.state() };
    },
    restore(state) {
      const window = (state as { window?: unknown } | null)?.window;
      if (!isHeldState(window)) throw new Error('not a Claude Code checkpoint');
      latest.restore(window);
    },
  };
}
