/**
 * A streamed reader for JSON documents too big to parse whole: it hands over each object that is
 * an element of an array (at any depth, outside another such object) as a parsed value with its
 * path, and each top-level scalar as a key and value. Reports like ccusage's
 * `{"daily":[…],"totals":{…}}` or OpenAI's `{"data":[bucket…]}` are read one row at a time.
 */
export type JsonPath = (string | number)[];

export interface JsonRecordSink {
  record(path: JsonPath, value: unknown): void;
  top(key: string, value: unknown): void;
  /** The document is not JSON: where and why. The reader stops. */
  fail(reason: string): void;
}

interface Frame {
  kind: 'o' | 'a';
  key: string | null;
  index: number;
  /** Object: expecting a key next (after `{` or `,`). */
  wantKey: boolean;
}

const MAX_RECORD_CHARS = 256 * 1024 * 1024;

export class JsonRecordReader {
  private stack: Frame[] = [];
  private inString = false;
  private escape = false;
  private stringBuf: string[] | null = null;
  private prim: string[] | null = null;
  private capture: string[] | null = null;
  private captureChars = 0;
  private captureDepth = 0;
  private started = false;
  private done = false;
  private failed = false;
  private records = 0;

  constructor(private readonly sink: JsonRecordSink) {}

  push(text: string): void {
    if (this.failed) return;
    let i = 0;
    const n = text.length;
    while (i < n && !this.failed) {
      if (this.capture) {
        i = this.scanCapture(text, i);
        continue;
      }
      const c = text[i];
      if (this.inString) {
        this.stringChar(c);
        i++;
        continue;
      }
      if (this.prim && !/[\s,}\]]/.test(c)) {
        this.prim.push(c);
        i++;
        continue;
      }
      if (this.prim) this.endPrimitive();
      this.structural(c);
      if (!this.capture) i++;
    }
  }

  end(): void {
    if (this.failed) return;
    if (this.prim) this.endPrimitive();
    if (!this.started) this.fail('the file is empty');
    else if (this.capture || this.stack.length > 0 || this.inString) {
      this.fail('the document ends early (truncated?)');
    }
  }

  /** Objects handed over so far. */
  get count(): number {
    return this.records;
  }

  private fail(reason: string): void {
    if (this.failed) return;
    this.failed = true;
    this.sink.fail(reason);
  }

  private stringChar(c: string): void {
    if (this.escape) {
      this.escape = false;
      this.stringBuf?.push('\\', c);
      return;
    }
    if (c === '\\') {
      this.escape = true;
      return;
    }
    if (c === '"') {
      this.inString = false;
      const raw = this.stringBuf ? this.stringBuf.join('') : '';
      this.stringBuf = null;
      this.endString(raw);
      return;
    }
    this.stringBuf?.push(c);
  }

  private endString(raw: string): void {
    const frame = this.stack[this.stack.length - 1];
    let value: string;
    try {
      value = JSON.parse(`"${raw}"`) as string;
    } catch {
      this.fail('a string is not valid JSON');
      return;
    }
    if (frame?.kind === 'o' && frame.wantKey) {
      frame.key = value;
      frame.wantKey = false;
      return;
    }
    this.scalar(value);
  }

  private scalar(value: unknown): void {
    const frame = this.stack[this.stack.length - 1];
    if (this.stack.length === 1 && frame.kind === 'o' && frame.key !== null) {
      this.sink.top(frame.key, value);
    }
  }

  private endPrimitive(): void {
    const text = this.prim!.join('');
    this.prim = null;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.fail(`unexpected ${JSON.stringify(text.slice(0, 20))}`);
      return;
    }
    this.scalar(value);
  }

  private path(): JsonPath {
    const path: JsonPath = [];
    for (const f of this.stack) {
      if (f.kind === 'o') path.push(f.key ?? '');
      else path.push(f.index);
    }
    return path;
  }

  private structural(c: string): void {
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\ufeff') return;
    if (this.done) {
      this.fail('text after the end of the document');
      return;
    }
    const frame = this.stack[this.stack.length - 1];
    if (c === '"') {
      this.started = true;
      this.inString = true;
      const isKey = frame?.kind === 'o' && frame.wantKey;
      this.stringBuf = isKey || (this.stack.length === 1 && frame?.kind === 'o') ? [] : null;
      return;
    }
    if (c === '{' && frame?.kind === 'a') {
      // The next round of push() reads the object from this brace on.
      this.capture = [];
      this.captureChars = 0;
      this.captureDepth = 0;
      return;
    }
    if (c === '{' || c === '[') {
      this.started = true;
      this.stack.push({ kind: c === '{' ? 'o' : 'a', key: null, index: 0, wantKey: c === '{' });
      return;
    }
    if (c === '}' || c === ']') {
      const top = this.stack.pop();
      if (!top || (top.kind === 'o') !== (c === '}')) {
        this.fail(`unexpected "${c}"`);
        return;
      }
      if (this.stack.length === 0) this.done = true;
      return;
    }
    if (c === ',') {
      if (frame?.kind === 'o') {
        frame.wantKey = true;
        frame.key = null;
      } else if (frame?.kind === 'a') frame.index++;
      return;
    }
    if (c === ':') return;
    this.started = true;
    this.prim = [c];
  }

  /** Inside a captured object: find where it closes, keeping its text. Returns the next index. */
  private scanCapture(text: string, from: number): number {
    const n = text.length;
    let i = from;
    let depth = this.captureDepth;
    let inString = this.inString;
    let escape = this.escape;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (inString) {
        if (escape) escape = false;
        else if (c === 92) escape = true;
        else if (c === 34) inString = false;
        continue;
      }
      if (c === 34) inString = true;
      else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        depth--;
        if (depth === 0) {
          i++;
          break;
        }
      }
    }
    this.inString = inString;
    this.escape = escape;
    this.captureDepth = depth;
    this.capture!.push(text.slice(from, i));
    this.captureChars += i - from;
    if (this.captureChars > MAX_RECORD_CHARS) {
      this.fail('one record is larger than 256 MB');
      return n;
    }
    if (depth === 0) {
      const raw = this.capture!.join('');
      this.capture = null;
      this.started = true;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch {
        this.fail(`record ${this.records + 1} is not valid JSON`);
        return n;
      }
      this.records++;
      this.sink.record(this.path(), value);
    }
    return i;
  }
}
