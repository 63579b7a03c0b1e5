/**
 * A tolerant line splitter for server-sent events: yields the JSON payload of each `data:` line.
 * Chunks may split anywhere (even inside a multi-byte character, which TextDecoder's stream
 * mode handles before text gets here). Lines that are not JSON are skipped, never thrown.
 */
export function createSseJsonReader(onJson: (value: unknown) => void) {
  let buffer = '';
  const MAX_LINE = 8 * 1024 * 1024; // a line longer than this is not a usage line: drop it

  const handleLine = (line: string) => {
    if (!line.startsWith('data:')) return;
    const payload = line.slice(5).trim();
    if (payload === '' || payload === '[DONE]' || (payload[0] !== '{' && payload[0] !== '['))
      return;
    try {
      onJson(JSON.parse(payload));
    } catch {
      // A malformed frame must not stop the rest of the stream from being read.
    }
  };

  return {
    push(chunk: string) {
      buffer += chunk;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        handleLine(buffer.slice(0, newline).replace(/\r$/, ''));
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
      }
      if (buffer.length > MAX_LINE) buffer = '';
    },
    flush() {
      if (buffer.length > 0) handleLine(buffer.replace(/\r$/, ''));
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
