// The meter with fake services: what is recorded (once), with which numbers and provenance, and
// what the badge is told when the engine, the card or the label cannot answer.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMeter } from '@/utils/overlay/meter';
import type { MeterServices, MeterView, Snapshot } from '@/utils/overlay/types';
import type { TokenCount, TurnEvent } from '@/utils/core/types';
import type { Turn } from '@/utils/sites/types';

const WINDOWS: Record<string, number> = {
  'openai/gpt-5': 400,
  'deepseek/deepseek-reasoner': 128000,
};

/** Tokens = words, so expected numbers can be worked out by hand. */
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function fakeServices(options: { engineDown?: boolean } = {}) {
  const stored = new Map<string, TurnEvent>();
  const calls = { record: 0, count: 0 };
  const services: MeterServices = {
    async countTokens(_model, text): Promise<TokenCount> {
      calls.count++;
      if (options.engineDown) throw new Error('No handler answered "countTokens"');
      return { tokens: words(text), provenance: 'exact', family: 'fake' };
    },
    async modelInfo(id) {
      return id in WINDOWS ? { id, name: id.split('/')[1], contextWindow: WINDOWS[id] } : null;
    },
    async priceUsage(model, usage) {
      if (!(model in WINDOWS)) return { priced: false, reason: 'unknown model' };
      return {
        priced: true,
        costMicros: usage.input * 1 + usage.output * 10 + (usage.reasoning ?? 0) * 10,
      };
    },
    async recordTurn(event) {
      calls.record++;
      // The background's idempotency: a repeated key is a duplicate, not a second row.
      if (!stored.has(event.key)) stored.set(event.key, event);
    },
  };
  return { services, stored, calls };
}

const u = (text: string): Turn => ({ role: 'user', text, thinking: '' });
const a = (text: string, thinking = ''): Turn => ({ role: 'assistant', text, thinking });

function snap(turns: Turn[], extra: Partial<Snapshot> = {}): Snapshot {
  return {
    url: 'https://chatgpt.com/c/conv1',
    conversationId: 'conv1',
    draft: '',
    turns,
    modelLabel: 'ChatGPT 5 Thinking',
    streaming: false,
    ...extra,
  };
}

function setup(opts: { engineDown?: boolean; storeText?: boolean } = {}) {
  const fake = fakeServices(opts);
  const views: MeterView[] = [];
  const meter = createMeter({
    site: { id: 'chatgpt', label: 'ChatGPT' },
    services: fake.services,
    onView: (v) => views.push(v),
    settleMs: 1000,
    storeText: () => opts.storeText === true,
  });
  return { ...fake, meter, views, last: () => views.at(-1)! };
}

const history = [u('one two three'), a('four five')];

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('recording', () => {
  it('does not record turns already on screen when the page opens', async () => {
    const m = setup();
    await m.meter.update(snap(history));
    await vi.advanceTimersByTimeAsync(5000);
    expect(m.calls.record).toBe(0);
    expect(m.last().rows).toHaveLength(1);
    expect(m.last().rows[0].recorded).toBe('no');
  });

  it('does not record history that renders after the page opened (many turns at once)', async () => {
    const m = setup();
    await m.meter.update(snap([]));
    await m.meter.update(snap([...history, u('q'), a('r'), u('q2'), a('r2')]));
    await vi.advanceTimersByTimeAsync(5000);
    expect(m.calls.record).toBe(0);
  });

  it('records a reply that appears whole right after a prompt sent on this page', async () => {
    const m = setup();
    await m.meter.update(snap(history));
    await m.meter.update(snap([...history, u('fast')]));
    await m.meter.update(snap([...history, u('fast'), a('instant reply')]));
    await vi.advanceTimersByTimeAsync(1100);
    expect(m.stored.size).toBe(1);
  });

  it('records a reply seen streaming once it settles, with the whole history as input', async () => {
    const m = setup();
    await m.meter.update(snap(history));
    await m.meter.update(snap([...history, u('six seven'), a('eight')], { streaming: true }));
    await m.meter.update(
      snap([...history, u('six seven'), a('eight nine ten')], { streaming: true }),
    );
    await m.meter.update(snap([...history, u('six seven'), a('eight nine ten')]));
    expect(m.calls.record).toBe(0); // still settling
    await vi.advanceTimersByTimeAsync(1100);
    expect(m.stored.size).toBe(1);
    const event = [...m.stored.values()][0];
    expect(event).toMatchObject({
      site: 'chatgpt',
      conversationId: 'conv1',
      turnIndex: 3,
      model: 'openai/gpt-5',
      modelLabel: 'ChatGPT 5 Thinking',
      input: { tokens: 3 + 2 + 2, provenance: 'exact' },
      output: { tokens: 3, provenance: 'exact' },
      reasoning: { provenance: 'unknown' },
    });
    expect(event.key).toMatch(/^chatgpt:conv1:3:[0-9a-f]{16}$/);
    expect(event.text).toBeUndefined();
    const row = m.last().rows.find((r) => r.turnIndex === 3)!;
    expect(row.recorded).toBe('saved');
    expect(row.costMicros).toBe(7 * 1 + 3 * 10);
    expect(m.last().conversation.costMicros).toBe(3 * 1 + 2 * 10 + 37);
  });

  it('re-renders and repeated snapshots never record twice; a regenerated reply records anew', async () => {
    const m = setup();
    await m.meter.update(snap(history));
    await m.meter.update(snap([...history, u('q'), a('first answer')], { streaming: true }));
    await m.meter.update(snap([...history, u('q'), a('first answer')]));
    await vi.advanceTimersByTimeAsync(1100);
    for (let i = 0; i < 5; i++) await m.meter.update(snap([...history, u('q'), a('first answer')]));
    await vi.advanceTimersByTimeAsync(3000);
    expect(m.calls.record).toBe(1);

    // Regenerate: the same turn streams again with another text.
    await m.meter.update(snap([...history, u('q'), a('')], { streaming: true }));
    await m.meter.update(snap([...history, u('q'), a('second answer here')]));
    await vi.advanceTimersByTimeAsync(1100);
    expect(m.stored.size).toBe(2);
    const [first, second] = [...m.stored.values()];
    expect(second.turnIndex).toBe(first.turnIndex);
    expect(second.key).not.toBe(first.key);
    expect(second.regenerated).toBe(true);
    expect(second.output.tokens).toBe(3);
  });

  it('a reload of the same page (a new meter) sends the same key, stored once', async () => {
    const fake = fakeServices();
    for (let load = 0; load < 2; load++) {
      const meter = createMeter({
        site: { id: 'chatgpt', label: 'ChatGPT' },
        services: fake.services,
        onView: () => undefined,
        settleMs: 1000,
      });
      await meter.update(snap(history));
      await meter.update(snap([...history, u('again')], { streaming: true }));
      await meter.update(snap([...history, u('again'), a('same reply')], { streaming: true }));
      await meter.update(snap([...history, u('again'), a('same reply')]));
      await vi.advanceTimersByTimeAsync(1100);
      meter.dispose();
    }
    expect(fake.calls.record).toBe(2);
    expect(fake.stored.size).toBe(1);
  });

  it('retries a failed send with the same key, and shows it as not saved meanwhile', async () => {
    const m = setup();
    let fail = true;
    const original = m.services.recordTurn;
    m.services.recordTurn = async (e) => {
      if (fail) throw new Error('No handler answered "recordTurn"');
      return original(e);
    };
    await m.meter.update(snap(history));
    await m.meter.update(snap([...history, u('x'), a('y')], { streaming: true }));
    await m.meter.update(snap([...history, u('x'), a('y')]));
    await vi.advanceTimersByTimeAsync(1100);
    expect(m.last().rows.at(-1)!.recorded).toBe('failed');
    fail = false;
    await m.meter.update(snap([...history, u('x'), a('y')]));
    expect(m.stored.size).toBe(1);
    expect(m.last().rows.at(-1)!.recorded).toBe('saved');
  });

  it('stores text only when the user opted in', async () => {
    const m = setup({ storeText: true });
    await m.meter.update(snap([]));
    await m.meter.update(snap([u('secret prompt'), a('reply')], { streaming: true }));
    await m.meter.update(snap([u('secret prompt'), a('reply')]));
    await vi.advanceTimersByTimeAsync(1100);
    expect([...m.stored.values()][0].text).toEqual({ prompt: 'secret prompt', reply: 'reply' });
  });

  it('a new chat that gets its id mid-stream is one conversation, recorded under the final id', async () => {
    const m = setup();
    const noId = { conversationId: null, url: 'https://chatgpt.com/' };
    await m.meter.update(snap([], noId));
    await m.meter.update(snap([u('hello there')], { ...noId, streaming: true }));
    await m.meter.update(snap([u('hello there'), a('hi')], { streaming: true }));
    await m.meter.update(snap([u('hello there'), a('hi!')]));
    await vi.advanceTimersByTimeAsync(1100);
    expect([...m.stored.values()].map((e) => e.conversationId)).toEqual(['conv1']);
  });

  it("switching conversations forgets the old one: the new one's history is not recorded", async () => {
    const m = setup();
    await m.meter.update(snap(history));
    await m.meter.update(snap([...history, u('q'), a('partial')], { streaming: true }));
    const other = { conversationId: 'conv2', url: 'https://chatgpt.com/c/conv2' };
    await m.meter.update(snap([u('old'), a('old reply'), u('older'), a('older reply')], other));
    await vi.advanceTimersByTimeAsync(5000);
    expect(m.calls.record).toBe(0);
  });
});

describe('exact usage from the site', () => {
  it('prefers z.ai usage and labels it site', async () => {
    const m = setup();
    await m.meter.update(snap(history));
    await m.meter.update(snap([...history, u('q')], { streaming: true }));
    await m.meter.addUsage({ format: 'zai', input: 1523, output: 64, done: true, at: Date.now() });
    await m.meter.update(snap([...history, u('q'), a('answer words')]));
    await vi.advanceTimersByTimeAsync(1100);
    const event = [...m.stored.values()][0];
    expect(event.input).toEqual({ tokens: 1523, provenance: 'site', family: 'site:zai' });
    expect(event.output).toEqual({ tokens: 64, provenance: 'site', family: 'site:zai' });
    expect(m.last().rows.at(-1)!.exact).toBe(true);
  });

  it('splits a DeepSeek total into input = total − counted reply and reasoning', async () => {
    const m = setup();
    await m.meter.update(snap(history, { modelLabel: 'DeepThink' }));
    await m.meter.update(
      snap([...history, u('q'), a('', 'thinking hard')], {
        streaming: true,
        modelLabel: 'DeepThink',
      }),
    );
    await m.meter.addUsage({
      format: 'deepseek',
      total: 87,
      model: 'deepseek-reasoner',
      done: true,
      at: Date.now(),
    });
    await m.meter.update(
      snap([...history, u('q'), a('three word answer', 'thinking hard')], {
        modelLabel: 'DeepThink',
      }),
    );
    await vi.advanceTimersByTimeAsync(1100);
    const event = [...m.stored.values()][0];
    expect(event.model).toBe('deepseek/deepseek-reasoner');
    expect(event.output).toMatchObject({ tokens: 3, provenance: 'exact' });
    expect(event.reasoning).toMatchObject({ tokens: 2, provenance: 'exact' });
    expect(event.input).toEqual({
      tokens: 87 - 3 - 2,
      provenance: 'site',
      family: 'site:deepseek',
    });
  });

  it('records the model the stream named as the site spelled it when the card lacks it', async () => {
    const m = setup();
    await m.meter.update(snap(history));
    await m.meter.update(snap([...history, u('q')], { streaming: true }));
    await m.meter.addUsage({ format: 'chatgpt', model: 'gpt-5-6', done: true, at: Date.now() });
    await m.meter.update(snap([...history, u('q'), a('answer words')]));
    await vi.advanceTimersByTimeAsync(1100);
    const event = [...m.stored.values()][0];
    // Not the label's gpt-5 (on the card), not null: the stream's own name, unpriced.
    expect(event.model).toBe('gpt-5-6');
    expect(event.modelLabel).toBe('ChatGPT 5 Thinking');
    expect(m.last().model).toMatchObject({ status: 'unpriced', named: 'gpt-5-6' });
    expect(m.last().rows.at(-1)!.costMicros).toBeNull();
  });

  it('records the card id when the card knows the model the stream named', async () => {
    const m = setup();
    await m.meter.update(snap(history, { modelLabel: 'Something else' }));
    await m.meter.update(snap([...history, u('q')], { streaming: true }));
    await m.meter.addUsage({ format: 'chatgpt', model: 'gpt-5', done: true, at: Date.now() });
    await m.meter.update(snap([...history, u('q'), a('answer words')]));
    await vi.advanceTimersByTimeAsync(1100);
    expect([...m.stored.values()][0].model).toBe('openai/gpt-5');
  });

  it('ignores usage from a stream that ended before the reply began', async () => {
    const m = setup();
    await m.meter.update(snap(history));
    await m.meter.addUsage({ format: 'zai', input: 999, output: 9, done: true, at: Date.now() });
    await vi.advanceTimersByTimeAsync(60_000);
    await m.meter.update(snap([...history, u('q'), a('x')], { streaming: true }));
    await m.meter.update(snap([...history, u('q'), a('x y')]));
    await vi.advanceTimersByTimeAsync(1100);
    expect([...m.stored.values()][0].input.provenance).toBe('exact');
  });
});

describe('what the badge is told', () => {
  it('draft tokens and cost, context meter on the model window', async () => {
    const m = setup();
    await m.meter.update(snap(history, { draft: 'a b c d e' }));
    const view = m.last();
    expect(view.model).toMatchObject({ status: 'ok', source: 'label', candidate: 'openai/gpt-5' });
    expect(view.draft).toMatchObject({ tokens: { tokens: 5 }, costMicros: 5 });
    expect(view.conversation.contextTokens).toBe(5);
    expect(view.contextRatio).toBeCloseTo((5 + 5) / 400);
    // Sending now resends the conversation with the draft.
    expect(view.nextRequest).toEqual({ inputTokens: 10, costMicros: 10 });
    expect(view.health).toBe('ok');
  });

  it('an unknown label says so and prices nothing (never $0); an override fixes it', async () => {
    const m = setup();
    await m.meter.update(snap(history, { modelLabel: 'Mystery 9', draft: 'hi' }));
    let view = m.last();
    expect(view.model.status).toBe('unknown-label');
    expect(view.draft?.costMicros).toBeNull();
    expect(view.draft?.note).toBe('unpriced');
    expect(view.conversation.costMicros).toBeNull();
    expect(view.conversation.costNote).toBe('unpriced');
    expect(view.nextRequest).toMatchObject({ costMicros: null, note: 'unpriced' });
    await m.meter.setOverride('openai/gpt-5');
    view = m.last();
    expect(view.model).toMatchObject({ status: 'ok', source: 'override' });
    expect(view.draft?.costMicros).toBe(1);
  });

  it('a label that maps to a model missing from the card is unpriced, not zero', async () => {
    const m = setup();
    await m.meter.update(snap(history, { modelLabel: 'Sonnet 4.5' }));
    expect(m.last().model.status).toBe('unpriced');
    expect(m.last().conversation.costMicros).toBeNull();
  });

  it('no label at all: not detected', async () => {
    const m = setup();
    await m.meter.update(snap(history, { modelLabel: null }));
    expect(m.last().model.status).toBe('not-detected');
  });

  it('engine unavailable: no counts, no records, and the badge says why', async () => {
    const m = setup({ engineDown: true });
    await m.meter.update(snap(history, { draft: 'typed' }));
    await m.meter.update(snap([...history, u('q'), a('r')], { streaming: true, draft: 'typed' }));
    await m.meter.update(snap([...history, u('q'), a('r')], { draft: 'typed' }));
    await vi.advanceTimersByTimeAsync(1100);
    expect(m.calls.record).toBe(0);
    expect(m.last().engine).toBe('unavailable');
    expect(m.last().draft?.tokens).toBeNull();
    expect(m.last().draft?.note).toBe('engine unavailable');
    expect(m.last().conversation.contextTokens).toBeNull();
  });

  it('health: no composer and no turns → not detected; composer only missing → partial', async () => {
    const m = setup();
    await m.meter.update(snap([], { draft: null }));
    expect(m.last().health).toBe('not-detected');
    await m.meter.update(snap(history, { draft: null }));
    expect(m.last().health).toBe('partial');
  });

  it("passes the site's own token count through as the site's, apart from ours", async () => {
    const m = setup();
    await m.meter.update(snap(history));
    expect(m.last().siteTokens).toBeNull();
    const google = { tokens: 1234, by: 'Google', of: 'prompt' as const };
    await m.meter.update(snap(history, { draft: 'more', siteTokens: google }));
    expect(m.last().siteTokens).toEqual(google);
    // Ours stays ours: the next request is counted from the turns and the draft.
    expect(m.last().nextRequest?.inputTokens).not.toBe(1234);
  });

  it('a saved conversation whose turns are not found: cost unknown, never $0', async () => {
    const m = setup();
    await m.meter.update(snap([], { draft: 'typed' }));
    expect(m.last().health).toBe('partial');
    expect(m.last().healthNote).toBe('turns not detected');
    expect(m.last().conversation).toMatchObject({
      costMicros: null,
      costNote: 'turns not detected',
      contextTokens: null,
    });
    expect(m.last().nextRequest).toBeNull();
    // A new chat (no id yet) with no turns is simply empty.
    await m.meter.update(snap([], { conversationId: null, url: 'https://chatgpt.com/' }));
    expect(m.last().health).toBe('ok');
    expect(m.last().conversation.costMicros).toBe(0);
  });

  it('counts each turn once however often the page changes', async () => {
    const m = setup();
    await m.meter.update(snap(history, { draft: 'a' }));
    const after = m.calls.count;
    for (const d of ['ab', 'abc', 'abcd']) await m.meter.update(snap(history, { draft: d }));
    expect(m.calls.count - after).toBe(3); // only the drafts
  });
});

describe('streaming flag without a new reply yet', () => {
  it('does not take the previous, finished reply for the one being produced', async () => {
    vi.useFakeTimers();
    const m = setup();
    await m.meter.update(snap(history));
    // The stop button shows before the new turns are in the DOM.
    await m.meter.update(snap(history, { streaming: true }));
    await m.meter.update(snap(history));
    await vi.advanceTimersByTimeAsync(3000);
    expect(m.calls.record).toBe(0);
    vi.useRealTimers();
  });
});

describe('large pages', () => {
  it('1,000 turns: each counted once; a keystroke re-prices nothing but the draft', async () => {
    vi.useFakeTimers();
    const m = setup();
    let prices = 0;
    const original = m.services.priceUsage;
    m.services.priceUsage = (model, usage) => {
      prices++;
      return original(model, usage);
    };
    const turns = Array.from({ length: 1000 }, (_, i) =>
      i % 2 ? a(`reply ${i} words here`) : u(`prompt ${i}`),
    );
    await m.meter.update(snap(turns, { draft: 'x' }));
    const view = m.last();
    expect(view.rows).toHaveLength(500);
    // Input of the last reply = every earlier turn: 500 prompts × 2 words + 499 replies × 4 words.
    expect(view.rows.at(-1)!.input!.tokens).toBe(500 * 2 + 499 * 4);
    expect(view.conversation.contextTokens).toBe(500 * 2 + 500 * 4);
    const counted = m.calls.count;
    const priced = prices;
    for (const d of ['x y', 'x y z']) await m.meter.update(snap(turns, { draft: d }));
    expect(m.calls.count - counted).toBe(2);
    expect(prices - priced).toBe(4); // per keystroke: the draft and the next request
    vi.useRealTimers();
  });

  it('a 5 MB paste is counted (by the background) without blocking the breakdown', async () => {
    vi.useFakeTimers();
    const m = setup();
    const paste = 'word '.repeat(1_000_000);
    await m.meter.update(snap(history, { draft: paste }));
    expect(m.last().draft?.tokens?.tokens).toBe(1_000_000);
    expect(m.last().draft?.chars).toBe(5_000_000);
    vi.useRealTimers();
  });
});
