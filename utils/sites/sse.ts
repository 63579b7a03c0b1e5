/**
 * A tolerant line splitter for server-sent events: yields the JSON payload of each `data:` line.
 * Chunks may split anywhere (even inside a multi-byte character, which TextDecoder's stream
 * mode handles before text gets here). Lines that are not JSON are skipped, never thrown.
 */
export function createSseJsonReader(
  onJson: (value: unknown, event: string | null) => void,
  onDone?: () => void,
  /** A cheap test on the raw payload: frames it rejects are not parsed (most of a long reply). */
  want?: (payload: string) => boolean,
) {
  let event: string | null = null;
  const MAX_LINE = 8 * 1024 * 1024; // a line longer than this is not a usage line: drop it

  const handleLine = (line: string) => {
    if (line === '') {
      event = null; // a blank line ends the event
      return;
    }
    if (line.startsWith('event:')) {
      event = line.slice(6).trim();
      return;
    }
    if (!line.startsWith('data:')) return;
    const payload = line.slice(5).trim();
    if (payload === '[DONE]') onDone?.();
    if (payload === '' || (payload[0] !== '{' && payload[0] !== '[')) return;
    if (want && !want(payload)) return;
    try {
      onJson(JSON.parse(payload), event);
    } catch {
      // A malformed frame must not stop the rest of the stream from being read.
    }
  };

  const lines = createLineSplitter(handleLine, MAX_LINE);
  return { push: lines.push, flush: lines.flush };
}

/**
 * Split text fed in pieces into lines (`\r\n` or `\n`), each handed over once whole. A line
 * longer than `maxLine` is dropped whole (no frame is that long), and nothing of it is kept.
 * Linear in the input: each chunk is searched once, and the pieces of a line that spans chunks
 * are joined once, when it ends (never re-scanned or re-copied per chunk).
 */
export function createLineSplitter(onLine: (line: string) => void, maxLine = 8 * 1024 * 1024) {
  let parts: string[] = [];
  let pending = 0;
  let dropping = false;
  const emit = (last: string) => {
    if (!dropping && pending + last.length <= maxLine) {
      const line = parts.length > 0 ? parts.join('') + last : last;
      onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
    }
    parts = [];
    pending = 0;
    dropping = false;
  };
  return {
    push(chunk: string) {
      let from = 0;
      let newline = chunk.indexOf('\n');
      while (newline >= 0) {
        emit(chunk.slice(from, newline));
        from = newline + 1;
        newline = chunk.indexOf('\n', from);
      }
      if (from >= chunk.length || dropping) return;
      const rest = from > 0 ? chunk.slice(from) : chunk;
      if (pending + rest.length > maxLine) {
        // Too long to be a frame: drop what is kept and the rest of this line as it comes.
        parts = [];
        pending = 0;
        dropping = true;
        return;
      }
      parts.push(rest);
      pending += rest.length;
    },
    flush() {
      if (parts.length > 0) emit('');
      parts = [];
      pending = 0;
      dropping = false;
    },
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A non-negative integer token count, or undefined. */
export function toCount(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
