/**
 * Streamed text readers: bytes → text (encoding sniffed from the first bytes), text → lines.
 * Nothing holds more than one line (bounded by MAX_LINE_CHARS) at a time.
 */
import { MAX_LINE_CHARS } from './limits';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be';

/**
 * The encoding of a file from its first bytes: a BOM, or the zero bytes UTF-16 puts beside
 * ASCII. `binary` when NUL bytes appear in what would be UTF-8 text.
 */
export function sniffEncoding(head: Uint8Array): TextEncoding | 'binary' {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const n = Math.min(head.length, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i++) {
    if (head[i] !== 0) continue;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  }
  if (evenZeros + oddZeros === 0) return 'utf-8';
  const half = n / 2;
  if (oddZeros > half * 0.4 && evenZeros < half * 0.05) return 'utf-16le';
  if (evenZeros > half * 0.4 && oddZeros < half * 0.05) return 'utf-16be';
  return 'binary';
}

export interface LineSink {
  line(text: string, lineNo: number): void;
  /** A line longer than MAX_LINE_CHARS: dropped unread. */
  tooLong(lineNo: number): void;
}

/** Splits streamed text into lines (LF or CRLF), holding at most one partial line. */
export class LineSplitter {
  private partial: string[] = [];
  private partialChars = 0;
  private skipping = false;
  private lineNo: number;

  constructor(
    private readonly sink: LineSink,
    private readonly maxChars = MAX_LINE_CHARS,
    /** Lines already read before the first pushed text (a resumed file). */
    linesBefore = 0,
  ) {
    this.lineNo = linesBefore;
  }

  /** Lines finished so far (a partial last line not counted). */
  get linesRead(): number {
    return this.lineNo;
  }

  push(text: string): void {
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      this.finish(text.slice(start, nl));
      start = nl + 1;
    }
    if (start < text.length) this.hold(text.slice(start));
  }

  end(): void {
    if (this.partialChars > 0 || this.skipping) this.finish('');
  }

  private hold(piece: string): void {
    if (this.skipping) return;
    this.partialChars += piece.length;
    if (this.partialChars > this.maxChars) {
      this.skipping = true;
      this.partial = [];
      return;
    }
    this.partial.push(piece);
  }

  private finish(tail: string): void {
    this.lineNo++;
    if (this.skipping || this.partialChars + tail.length > this.maxChars) {
      this.skipping = false;
      this.partial = [];
      this.partialChars = 0;
      this.sink.tooLong(this.lineNo);
      return;
    }
    let line = this.partial.length ? this.partial.join('') + tail : tail;
    this.partial = [];
    this.partialChars = 0;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    this.sink.line(line, this.lineNo);
  }
}
