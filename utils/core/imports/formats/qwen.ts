/**
 * Qwen Code chat recordings: `~/.qwen/projects/<project>/chats/<session>.jsonl`. An `assistant`
 * line carries `usageMetadata{promptTokenCount, candidatesTokenCount, thoughtsTokenCount,
 * cachedContentTokenCount}` in the Gemini API's terms: the prompt count includes the cached
 * part, which is taken out of input. The key is the line's `uuid` (or session and time).
 */
import { isObject, str, tokenCount, instant } from '../limits';
import type { LineParser, ParseContext } from '../context';
import { pathParts } from '../context';

export function qwenParser(ctx: ParseContext): LineParser {
  const parts = pathParts(ctx.file);
  const chats = parts.lastIndexOf('chats');
  const folder = chats >= 1 ? parts[chats - 1] : null;
  return {
    line(row) {
      if (!isObject(row) || row.type !== 'assistant' || !isObject(row.usageMetadata)) return;
      const u = row.usageMetadata;
      const prompt = tokenCount(u.promptTokenCount, 'promptTokenCount');
      const cached = Math.min(
        tokenCount(u.cachedContentTokenCount, 'cachedContentTokenCount'),
        prompt,
      );
      const output = tokenCount(u.candidatesTokenCount, 'candidatesTokenCount');
      const reasoning = tokenCount(u.thoughtsTokenCount, 'thoughtsTokenCount');
      if (prompt + output + reasoning === 0) return;
      const session = str(row.sessionId);
      const time = instant(row.timestamp, 'timestamp', ctx.noZone);
      ctx.emit({
        key: `qwen-cli|${str(row.uuid) ?? `${session}|${time}|${prompt}|${output}`}`,
        source: 'qwen-cli',
        agent: 'qwen-cli',
        project: str(row.cwd) ?? folder,
        session,
        model: str(row.model),
        time,
        tokens: {
          input: prompt - cached,
          cacheRead: cached,
          cacheWrite5m: 0,
          cacheWrite1h: 0,
          output,
          reasoning,
        },
        requests: 1,
        cost: null,
      });
    },
    // Each line stands alone: nothing to carry across lines.
    checkpoint: () => ({}),
    restore() {},
  };
}
