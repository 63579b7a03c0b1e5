import { describe, expect, it } from 'vitest';
import { ReadAhead } from '../read-ahead';

/** A pull stream of `count` chunks of `size` bytes (chunk n filled with n); `pulled` counts bytes handed to the stream's queue. */
function source(count: number, size: number, failAt = -1) {
  const seen = { pulled: 0, cancelled: false };
  let n = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(c) {
        if (n === failAt) return c.error(new Error('the file changed on disk'));
        if (n === count) return c.close();
        c.enqueue(new Uint8Array(size).fill(n++));
        seen.pulled += size;
      },
      cancel() {
        seen.cancelled = true;
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, seen };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

async function readAll(r: ReadAhead): Promise<number[]> {
  const out: number[] = [];
  for (;;) {
    const c = await r.read();
    if (c.done) return out;
    out.push(c.value[0], c.value.length);
  }
}

describe('ReadAhead', () => {
  it('reads ahead up to its budget before anything is asked, then hands out every chunk in order', async () => {
    const { stream, seen } = source(20, 100);
    const r = new ReadAhead(() => stream, 350);
    await settle();
    // Reads while nobody asks, and stops once the budget is held.
    expect(seen.pulled).toBe(400);
    const first = await r.read();
    expect(first.value?.[0]).toBe(0);
    await settle();
    expect(seen.pulled).toBe(500);
    const rest = await readAll(r);
    expect(rest.filter((_, i) => i % 2 === 0)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    expect(rest.filter((_, i) => i % 2 === 1).every((n) => n === 100)).toBe(true);
    expect(await r.read()).toEqual({ done: true, value: undefined });
  });

  it('a read error comes out after the chunks read before it', async () => {
    const { stream } = source(10, 10, 3);
    const r = new ReadAhead(() => stream, 1000);
    for (let n = 0; n < 3; n++) expect((await r.read()).value?.[0]).toBe(n);
    await expect(r.read()).rejects.toThrow('the file changed on disk');
  });

  it('a stream that cannot be opened fails at the first read', async () => {
    const r = new ReadAhead(() => {
      throw new Error('NotReadableError');
    }, 1000);
    await expect(r.read()).rejects.toThrow('NotReadableError');
  });

  it('cancel drops what was read ahead and cancels the stream', async () => {
    const { stream, seen } = source(100, 10);
    const r = new ReadAhead(() => stream, 50);
    await settle();
    await r.cancel();
    expect(seen.cancelled).toBe(true);
    expect(await r.read()).toEqual({ done: true, value: undefined });
  });
});
