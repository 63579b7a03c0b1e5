/**
 * A file's stream read ahead of its parser, up to a byte budget. In Chromium a `File`'s stream
 * hands out 64 KB chunks, each fetched from the browser process on demand: read one after the
 * other, waiting for them (and for opening each file) is most of an import's time. A
 * `ReadAhead` keeps asking for the next chunk while the parser works on the last, and the
 * runner opens the next few files the same way while it reads the current one.
 */
export class ReadAhead {
  private chunks: Uint8Array[] = [];
  private bytes = 0;
  private done = false;
  private failed = false;
  private error: unknown;
  private reading = false;
  private wake: (() => void) | null = null;
  private reader: ReadableStreamDefaultReader<Uint8Array> | null = null;

  constructor(
    open: () => ReadableStream<Uint8Array>,
    /** Bytes held at most before the parser takes them. */
    private readonly budget: number,
  ) {
    try {
      this.reader = open().getReader();
    } catch (error) {
      this.fail(error);
    }
    this.pull();
  }

  /** The next chunk, as `ReadableStreamDefaultReader.read` gives it; a read error is thrown here. */
  async read(): Promise<ReadableStreamReadResult<Uint8Array>> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) {
        this.bytes -= chunk.byteLength;
        this.pull();
        return { done: false, value: chunk };
      }
      if (this.failed) throw this.error;
      if (this.done) return { done: true, value: undefined };
      this.pull();
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Stop reading; what was read ahead is dropped. */
  async cancel(): Promise<void> {
    this.chunks = [];
    this.bytes = 0;
    this.done = true;
    await this.reader?.cancel().catch(() => undefined);
  }

  private fail(error: unknown): void {
    this.failed = true;
    this.error = error;
  }

  private pull(): void {
    const reader = this.reader;
    if (!reader || this.reading || this.done || this.failed || this.bytes >= this.budget) return;
    this.reading = true;
    reader
      .read()
      .then(
        (r) => {
          if (this.done) return;
          if (r.done) this.done = true;
          else if (r.value.byteLength) {
            this.chunks.push(r.value);
            this.bytes += r.value.byteLength;
          }
        },
        (error) => this.fail(error),
      )
      .finally(() => {
        this.reading = false;
        const wake = this.wake;
        this.wake = null;
        wake?.();
        this.pull();
      });
  }
}
