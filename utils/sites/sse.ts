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
 * longer than `maxLine` is dropped (no frame is that long). Linear in the input: the pending
 * tail is sliced once per chunk, not once per line.
 */
export function createLineSplitter(onLine: (line: string) => void, maxLine = 8 * 1024 * 1024) {
  let buffer = '';
  return {
    push(chunk: string) {
      buffer += chunk;
      let from = 0;
      let newline = buffer.indexOf('\n', from);
      while (newline >= 0) {
        onLine(buffer.slice(from, newline).replace(/\r$/, ''));
        from = newline + 1;
        newline = buffer.indexOf('\n', from);
      }
      buffer = from > 0 ? buffer.slice(from) : buffer;
      if (buffer.length > maxLine) buffer = '';
    },
    flush() {
      if (buffer.length > 0) onLine(buffer.replace(/\r$/, ''));
      buffer = '';
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
