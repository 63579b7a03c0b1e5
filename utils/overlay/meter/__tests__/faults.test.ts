// Faults at the meter, the unit-level twin of tests/e2e/faults-worker.test.ts: the
// background rejects calls while its worker restarts. A turn whose recordTurn failed must still
// reach the history once the background answers again, even when the page is idle afterwards
// (no new snapshot arrives to trigger a retry), and a record that was stored but whose answer
// was lost must not be counted twice.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMeter } from '@/utils/overlay/meter';
import type { MeterServices, Snapshot } from '@/utils/overlay/types';
import type { TokenCount, TurnEvent } from '@/utils/core/types';
import type { Turn } from '@/utils/sites/types';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A background whose answers fail per `fails(call)`: before storing, or after storing. */
function flakyBackground(
  fails: (kind: 'count' | 'record', n: number) => 'ok' | 'before' | 'after',
) {
  const stored = new Map<string, TurnEvent>();
  const n = { count: 0, record: 0 };
  const services: MeterServices = {
    async countTokens(_model, text): Promise<TokenCount> {
      if (fails('count', n.count++) !== 'ok') throw new Error('Could not establish connection');
      return { tokens: words(text), provenance: 'exact', family: 'fake' };
    },
    async modelInfo(id) {
      return { id, name: id, contextWindow: 100_000 };
    },
    async priceUsage(_model, usage) {
      return { priced: true, costMicros: usage.input + usage.output * 10 };
    },
    async recordTurn(event) {
      const outcome = fails('record', n.record++);
      if (outcome === 'before') throw new Error('The message port closed before a response');
      if (!stored.has(event.key)) stored.set(event.key, event);
      if (outcome === 'after') throw new Error('The message port closed before a response');
    },
  };
  return { services, stored, n };
}

const u = (text: string): Turn => ({ role: 'user', text, thinking: '' });
const a = (text: string): Turn => ({ role: 'assistant', text, thinking: '' });
const snap = (turns: Turn[], streaming = false): Snapshot => ({
  url: 'https://chatgpt.com/c/conv1',
  conversationId: 'conv1',
  draft: '',
  turns,
  modelLabel: 'ChatGPT 5 Thinking',
  streaming,
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('meter under background faults', () => {
  it('a record that failed while the worker restarted is retried with the page idle', async () => {
    const bg = flakyBackground((kind, n) => (kind === 'record' && n === 0 ? 'before' : 'ok'));
    const meter = createMeter({
      site: { id: 'chatgpt', label: 'ChatGPT' },
      services: bg.services,
      onView: () => undefined,
      settleMs: 1000,
    });
    const base = [u('one two'), a('three')];
    await meter.update(snap(base));
    await meter.update(snap([...base, u('four'), a('five six')], true));
    await meter.update(snap([...base, u('four'), a('five six seven')]));
    // Settles, the first send fails; then the page does nothing at all for a minute.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(bg.n.record).toBeGreaterThanOrEqual(2);
    expect(bg.stored.size).toBe(1);
  });

  it('any pattern of failed counts and records: each turn stored exactly once', async () => {
    // Faults come in bursts (a worker restarting answers nothing for a moment), each burst
    // up to 4 failed calls long, then an answer; after the plan the background answers.
    const failure = fc.constantFrom<'before' | 'after'>('before', 'after');
    const plan = fc
      .array(fc.array(failure, { maxLength: 4 }), { minLength: 1, maxLength: 10 })
      .map((bursts) => bursts.flatMap((b) => [...b, 'ok' as const]));
    await fc.assert(
      fc.asyncProperty(
        plan,
        plan,
        fc.integer({ min: 1, max: 4 }),
        async (countPlan, recordPlan, turns) => {
          // A background never fails forever: after the planned faults it answers.
          const bg = flakyBackground((kind, n) =>
            kind === 'count' ? (countPlan[n] ?? 'ok') : (recordPlan[n] ?? 'ok'),
          );
          const meter = createMeter({
            site: { id: 'chatgpt', label: 'ChatGPT' },
            services: bg.services,
            onView: () => undefined,
            settleMs: 1000,
          });
          let page = [u('hello there'), a('general kenobi')];
          await meter.update(snap(page));
          for (let t = 0; t < turns; t++) {
            page = [...page, u(`prompt ${t}`), a(`reply ${t}`)];
            await meter.update(snap(page, true));
            page = [...page.slice(0, -1), a(`reply ${t} grows longer`)];
            await meter.update(snap(page, true));
            await meter.update(snap(page));
            await vi.advanceTimersByTimeAsync(1500);
          }
          await vi.advanceTimersByTimeAsync(120_000);
          meter.dispose();
          expect(bg.stored.size).toBe(turns);
          expect(new Set([...bg.stored.values()].map((e) => e.turnIndex)).size).toBe(turns);
        },
      ),
      { numRuns: 60, seed: 21 },
    );
  }, 60_000);
});
