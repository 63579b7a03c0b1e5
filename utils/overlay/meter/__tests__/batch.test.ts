// The meter on a long page (the target: no page long task over 50 ms): turns are counted and rows
// priced in a few batched messages, not one per turn (a thousand messages kept the browser
// process and the worker busy enough to stretch the page's own frames past 50 ms), with the same
// numbers as one message per text.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMeter } from '@/utils/overlay/meter';
import type { MeterServices, MeterView, Snapshot } from '@/utils/overlay/types';
import type { TokenCount, TurnEvent } from '@/utils/core/types';
import type { Turn } from '@/utils/sites/types';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
const count = (text: string): TokenCount => ({
  tokens: words(text),
  provenance: 'exact',
  family: 'fake',
});

function services(options: { batched: boolean; engineDown?: boolean }) {
  const calls = { count: 0, countBatch: 0, batchTexts: [] as number[], price: 0, priceMany: 0 };
  const stored: TurnEvent[] = [];
  const s: MeterServices = {
    async countTokens(_model, text) {
      calls.count++;
      if (options.engineDown) throw new Error('engine down');
      return count(text);
    },
    async modelInfo(id) {
      return { id, name: id, contextWindow: 1_000_000 };
    },
    async priceUsage(_model, usage) {
      calls.price++;
      return { priced: true, costMicros: usage.input + usage.output * 10 };
    },
    async recordTurn(event) {
      stored.push(event);
    },
  };
  if (options.batched) {
    s.countTokensBatch = async (_model, texts) => {
      calls.countBatch++;
      calls.batchTexts.push(texts.length);
      if (options.engineDown) throw new Error('engine down');
      return texts.map(count);
    };
    s.priceUsageMany = async (_model, usages) => {
      calls.priceMany++;
      return usages.map((u) => ({ priced: true, costMicros: u.input + u.output * 10 }));
    };
  }
  return { services: s, calls, stored };
}

function snap(turns: Turn[], extra: Partial<Snapshot> = {}): Snapshot {
  return {
    url: 'https://chatgpt.com/c/long',
    conversationId: 'long',
    draft: '',
    turns,
    modelLabel: 'ChatGPT 5',
    streaming: false,
    ...extra,
  };
}

/** A conversation of `n` turns, every text distinct, alternating user and assistant. */
function conversation(n: number): Turn[] {
  return Array.from({ length: n }, (_, i) => ({
    role: i % 2 === 0 ? 'user' : 'assistant',
    text: `turn ${i} ${'word '.repeat(i % 7)}`.trim(),
    thinking: '',
  }));
}

function setup(options: { batched: boolean; engineDown?: boolean }) {
  const fake = services(options);
  const views: MeterView[] = [];
  const meter = createMeter({
    site: { id: 'chatgpt', label: 'ChatGPT' },
    services: fake.services,
    onView: (v) => views.push(v),
    settleMs: 1000,
  });
  return { ...fake, meter, last: () => views.at(-1)! };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('meter on a 1,000-turn page', () => {
  it('counts every turn in a handful of messages, with the numbers of one message per turn', async () => {
    const turns = conversation(1000);
    const batched = setup({ batched: true });
    const single = setup({ batched: false });
    await batched.meter.update(snap(turns));
    await single.meter.update(snap(turns));

    // 1,000 texts in batches of at most 250: 4 count messages, 1 for 500 row prices.
    expect(batched.calls.countBatch).toBe(4);
    expect(Math.max(...batched.calls.batchTexts)).toBeLessThanOrEqual(250);
    expect(batched.calls.count).toBe(0);
    expect(batched.calls.priceMany).toBe(1);
    expect(single.calls.count).toBe(1000);

    const a = batched.last();
    const b = single.last();
    const expected = turns.reduce((n, t) => n + words(t.text), 0);
    expect(a.conversation.contextTokens).toBe(expected);
    expect(b.conversation.contextTokens).toBe(expected);
    expect(a.rows).toHaveLength(500);
    expect(a.rows).toEqual(b.rows);
    expect(a.conversation.costMicros).toBe(b.conversation.costMicros);
    expect(a.nextRequest).toEqual(b.nextRequest);
  });

  it('a streaming reply at the end of the page sends only its own text again', async () => {
    const m = setup({ batched: true });
    const turns = conversation(1000);
    await m.meter.update(snap(turns));
    const before = { countBatch: m.calls.countBatch, sent: m.calls.batchTexts.length };
    const prompt: Turn = { role: 'user', text: 'new prompt', thinking: '' };
    const reply = (text: string): Turn => ({ role: 'assistant', text, thinking: '' });
    await m.meter.update(snap([...turns, prompt, reply('one')], { streaming: true }));
    await m.meter.update(snap([...turns, prompt, reply('one two three')], { streaming: true }));
    await m.meter.update(snap([...turns, prompt, reply('one two three four')]));
    await vi.advanceTimersByTimeAsync(1100);
    // Three snapshots: the prompt and the first reply text in one message, then one per
    // change of the reply; never the 1,000 turns again.
    expect(m.calls.countBatch - before.countBatch).toBe(3);
    expect(m.calls.batchTexts.slice(before.sent)).toEqual([2, 1, 1]);
    expect(m.stored).toHaveLength(1);
    expect(m.stored[0]).toMatchObject({ turnIndex: 1001, output: { tokens: 4 } });
    expect(m.last().conversation.turns).toBe(1002);
  });

  it('sends a text repeated on the page once, and splits batches by size', async () => {
    const m = setup({ batched: true });
    const big = (i: number) => `${i} ${'x'.repeat(150_000)}`;
    const turns: Turn[] = [
      ...Array.from({ length: 300 }, (_, i): Turn => ({
        role: i % 2 === 0 ? 'user' : 'assistant',
        text: 'same text',
        thinking: '',
      })),
      { role: 'user', text: big(1), thinking: '' },
      { role: 'assistant', text: big(2), thinking: '' },
      { role: 'user', text: big(3), thinking: '' },
    ];
    await m.meter.update(snap(turns));
    // 'same text' once (with the first big text: under 200,000 characters), then one per big text.
    expect(m.calls.batchTexts).toEqual([2, 1, 1]);
    expect(m.last().conversation.contextTokens).toBe(300 * 2 + 3 * 2);
  });

  it('an engine that cannot answer a batch shows "engine unavailable", never a zero or a throw', async () => {
    const m = setup({ batched: true, engineDown: true });
    await m.meter.update(snap(conversation(600)));
    expect(m.last().engine).toBe('unavailable');
    expect(m.last().conversation.contextTokens).toBeNull();
    expect(m.last().rows.every((r) => r.costNote === 'engine unavailable')).toBe(true);
  });
});
