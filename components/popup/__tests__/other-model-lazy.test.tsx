// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OtherModel } from '@/components/popup/OtherModel';
import { makeMoney } from '@/components/popup/money-format';
import { periodContaining, repriceEvents } from '@/utils/core/aggregate';
import { sendMessage } from '@/utils/messaging';

// Only the message hop is replaced: the section's requests are counted.
vi.mock('@/utils/messaging', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/utils/messaging')>()),
  sendMessage: vi.fn(),
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const NOW = Date.UTC(2026, 5, 10, 12);
const week = periodContaining('week', NOW, { timeZone: 'UTC', weekStart: 1 });
// The background's answer, made by the real re-pricing of two turns (each priced 600 µ$).
const answer = {
  ...repriceEvents(
    [0, 1].map((i) => ({
      model: 'openai/gpt-5',
      family: 'o200k_base',
      tokens: { input: 450, output: 150, reasoning: 0 },
      costMicroUsd: 2_000,
      time: NOW - i * 60_000,
    })),
    'deepseek/deepseek-v3.2',
    'latin',
    () => 600,
  ),
  modelName: 'DeepSeek-V3.2',
};

/** A stand-in IntersectionObserver the test moves the section into view with. */
class FakeObserver {
  static all: FakeObserver[] = [];
  elements: Element[] = [];
  constructor(readonly callback: IntersectionObserverCallback) {
    FakeObserver.all.push(this);
  }
  observe(element: Element) {
    this.elements.push(element);
  }
  disconnect() {
    this.elements = [];
  }
  static show() {
    for (const o of FakeObserver.all)
      o.callback(
        o.elements.map((target) => ({ target, isIntersecting: true })) as never,
        o as never,
      );
  }
}

let root: Root | null = null;
let host: HTMLElement;
const reprices = () =>
  vi.mocked(sendMessage).mock.calls.filter(([type]) => type === 'repriceHistory');

async function mount() {
  host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () =>
    root!.render(
      <OtherModel week={week} now={NOW} money={makeMoney(undefined, 'en')} revision={1} />,
    ),
  );
}
const state = () => host.querySelector('[data-testid="other-model"]')!.getAttribute('data-state');

beforeEach(() => {
  vi.mocked(sendMessage).mockClear();
  FakeObserver.all = [];
  vi.stubGlobal('IntersectionObserver', FakeObserver);
  vi.mocked(sendMessage).mockImplementation((async (type: string) =>
    type === 'repriceHistory' ? answer : { models: [] }) as never);
});

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('"this week on another model" asks the background only near the view', () => {
  it('sends no re-pricing while the section is out of view, one once it comes near', async () => {
    await mount();
    expect(reprices()).toHaveLength(0);
    expect(state()).toBe('waiting');
    await act(async () => FakeObserver.show());
    expect(reprices()).toHaveLength(1);
    expect(reprices()[0][1]).toMatchObject({ model: 'deepseek/deepseek-v3.2', start: week.start });
    expect(state()).toBe('answered');
    expect(
      host.querySelector('[data-testid="other-model-cost"]')?.getAttribute('data-micro-usd'),
    ).toBe('1200');
    // Seen once, it stays asked for: no observer is left watching.
    expect(FakeObserver.all.every((o) => o.elements.length === 0)).toBe(true);
  });

  it('asks at once where the browser has no IntersectionObserver', async () => {
    vi.stubGlobal('IntersectionObserver', undefined);
    await mount();
    expect(reprices()).toHaveLength(1);
  });
});
