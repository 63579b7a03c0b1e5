// @vitest-environment happy-dom
// What the API playgrounds and OpenRouter add to the overlay: API ids priced as shown (no alias table), the max-output
// setting priced as the draft's output until the reply arrives, the system prompt counted as
// input, OpenRouter's offer carried to the history, and playground edits re-read on input.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getAdapter } from '@/utils/sites';
import { createMeter } from '@/utils/overlay/meter';
import { startRunner } from '@/utils/overlay/runner';
import type { MeterServices, MeterView, Snapshot } from '@/utils/overlay/types';
import type { TokenCount, TurnEvent, Usage } from '@/utils/core/types';
import type { Turn } from '@/utils/sites/types';
import { readFixture } from '@/utils/sites/__tests__/expectations';

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function fakeServices(known: Record<string, string>) {
  const asked: string[] = [];
  const priced: { model: string; usage: Usage }[] = [];
  const recorded: TurnEvent[] = [];
  const services: MeterServices = {
    async countTokens(_model, text): Promise<TokenCount> {
      return { tokens: words(text), provenance: 'exact', family: 'fake' };
    },
    // The card's resolver: the raw id asked for, the canonical id it knows.
    async modelInfo(id) {
      asked.push(id);
      return known[id] ? { id: known[id], name: known[id], contextWindow: 1000 } : null;
    },
    async priceUsage(model, usage) {
      priced.push({ model, usage });
      return { priced: true, costMicros: usage.input * 2 + usage.output * 10 };
    },
    async recordTurn(event) {
      recorded.push(event);
    },
  };
  return { services, asked, priced, recorded };
}

const t = (role: Turn['role'], text: string): Turn => ({ role, text, thinking: '' });

function snap(extra: Partial<Snapshot>): Snapshot {
  return {
    url: 'https://platform.openai.com/playground',
    conversationId: null,
    draft: '',
    turns: [],
    modelLabel: 'gpt-5-mini',
    streaming: false,
    ...extra,
  };
}

describe('meter on an API playground', () => {
  it('sends the shown API id to the card as is; the site alias table is not used', async () => {
    const fake = fakeServices({ 'gpt-5-mini': 'openai/gpt-5-mini' });
    const views: MeterView[] = [];
    const meter = createMeter({
      site: { id: 'openai-playground', label: 'OpenAI Playground' },
      pricing: { modelLabel: 'api-id' },
      services: fake.services,
      onView: (v) => views.push(v),
    });
    await meter.update(snap({ modelLabel: '  gpt-5-mini ' }));
    expect(fake.asked).toEqual(['gpt-5-mini']);
    expect(views.at(-1)!.model).toMatchObject({ status: 'ok', source: 'label' });
    expect(views.at(-1)!.model.info?.id).toBe('openai/gpt-5-mini');
    // A label that is an alias on a chat site ("Thinking") is just an unknown id here.
    await meter.update(snap({ modelLabel: 'Thinking' }));
    expect(fake.asked.at(-1)).toBe('Thinking');
    expect(views.at(-1)!.model.status).toBe('unpriced');
    meter.dispose();
  });

  it('prices the draft with the max-output setting as its output, and says so', async () => {
    const fake = fakeServices({ 'gpt-5-mini': 'openai/gpt-5-mini' });
    const views: MeterView[] = [];
    const meter = createMeter({
      site: { id: 'openai-playground', label: 'OpenAI Playground' },
      pricing: { modelLabel: 'api-id' },
      services: fake.services,
      onView: (v) => views.push(v),
    });
    await meter.update(snap({ draft: 'three little words', outputAssumption: 100 }));
    expect(views.at(-1)!.draft).toMatchObject({
      tokens: { tokens: 3 },
      costMicros: 3 * 2 + 100 * 10,
      assumedOutput: 100,
    });
    // The setting changes: the same draft is priced again.
    await meter.update(snap({ draft: 'three little words', outputAssumption: 50 }));
    expect(views.at(-1)!.draft?.costMicros).toBe(3 * 2 + 50 * 10);
    // No setting (a chat site): input only, nothing assumed.
    await meter.update(snap({ draft: 'three little words', outputAssumption: null }));
    expect(views.at(-1)!.draft?.costMicros).toBe(6);
    expect(views.at(-1)!.draft?.assumedOutput).toBeUndefined();
    meter.dispose();
  });

  it('counts the system prompt as input of every reply', async () => {
    const fake = fakeServices({ 'gpt-5-mini': 'openai/gpt-5-mini' });
    const views: MeterView[] = [];
    const meter = createMeter({
      site: { id: 'openai-playground', label: 'OpenAI Playground' },
      pricing: { modelLabel: 'api-id' },
      services: fake.services,
      onView: (v) => views.push(v),
    });
    const turns = [
      t('system', 'be brief please'),
      t('user', 'hi'),
      t('assistant', 'hello there'),
      t('user', 'bye now'),
      t('assistant', 'goodbye'),
    ];
    await meter.update(snap({ turns }));
    const rows = views.at(-1)!.rows;
    expect(rows.map((r) => [r.turnIndex, r.input?.tokens, r.output?.tokens])).toEqual([
      [2, 3 + 1, 2],
      [4, 3 + 1 + 2 + 2, 1],
    ]);
    expect(views.at(-1)!.conversation.contextTokens).toBe(3 + 1 + 2 + 2 + 1);
    meter.dispose();
  });

  it("records OpenRouter turns with OpenRouter's offer, for the history to price", async () => {
    const fake = fakeServices({ 'x-ai/grok-4': 'x-ai/grok-4' });
    let clock = 0;
    const timers: (() => void)[] = [];
    const meter = createMeter({
      site: { id: 'openrouter', label: 'OpenRouter Chat' },
      pricing: { modelLabel: 'api-id', offer: 'openrouter' },
      services: fake.services,
      onView: () => undefined,
      settleMs: 10,
      now: () => clock,
      setTimer: (fn) => timers.push(fn),
      clearTimer: () => undefined,
    });
    const base = { url: 'https://openrouter.ai/chat?room=r1', conversationId: 'r1' };
    const asked = [t('user', 'tell me a joke')];
    await meter.update(snap({ ...base, modelLabel: 'x-ai/grok-4', turns: asked }));
    const reply = [...asked, t('assistant', 'why did the')];
    await meter.update(snap({ ...base, modelLabel: 'x-ai/grok-4', turns: reply, streaming: true }));
    clock = 5000;
    const done = [...asked, t('assistant', 'why did the chicken cross')];
    await meter.update(snap({ ...base, modelLabel: 'x-ai/grok-4', turns: done }));
    clock = 10_000;
    timers.splice(0).forEach((fn) => fn());
    await meter.update(snap({ ...base, modelLabel: 'x-ai/grok-4', turns: done }));
    // The settle timer's refresh may still be running: let it finish.
    await vi.waitFor(() => expect(fake.recorded).toHaveLength(1));
    expect(fake.recorded[0]).toMatchObject({ site: 'openrouter', offer: 'openrouter' });
    meter.dispose();
  });
});

describe('runner on an API playground', () => {
  let controller: AbortController;
  afterEach(() => controller?.abort());

  it('re-reads an edited message and the max-output setting on input', async () => {
    const html = readFixture('openai-playground', 'conversation.html');
    document.documentElement.innerHTML = new DOMParser().parseFromString(
      html,
      'text/html',
    ).documentElement.innerHTML;
    controller = new AbortController();
    const snapshots: Snapshot[] = [];
    startRunner({
      adapter: getAdapter('openai-playground')!,
      doc: document,
      signal: controller.signal,
      onSnapshot: (s) => snapshots.push(s),
      debounceMs: 20,
      maxWaitMs: 60,
    });
    expect(snapshots.at(-1)!.outputAssumption).toBe(2048);
    expect(snapshots.at(-1)!.turns[0]).toMatchObject({ role: 'system' });

    const system = document.querySelector('[data-testid="system-message"] textarea')!;
    (system as HTMLTextAreaElement).value = 'You are verbose.';
    system.dispatchEvent(new Event('input', { bubbles: true }));
    const max = document.querySelector('input[name="max_output_tokens"]') as HTMLInputElement;
    max.value = '300';
    max.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 100));
    expect(snapshots.at(-1)!.turns[0].text).toBe('You are verbose.');
    expect(snapshots.at(-1)!.outputAssumption).toBe(300);
  });
});
