// @vitest-environment happy-dom
// The runner on a live (happy-dom) page: debounce with a max wait, IME composition, SPA
// navigation, the per-turn text cache, lifetimes and containment of a throwing adapter.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { defineAdapter } from '@/utils/sites/define';
import demo from '@/utils/sites/demo/adapter';
import { startRunner } from '@/utils/overlay/runner';
import type { Snapshot } from '@/utils/overlay/types';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const PAGE = `
  <select id="model-select"><option>GPT-5</option></select>
  <main id="thread">
    <div class="turn" data-role="user">hello there</div>
    <div class="turn" data-role="assistant"><div class="thinking" data-kind="thinking">hmm</div>hi, how can I help?</div>
  </main>
  <textarea id="composer"></textarea>`;

let controller: AbortController;
let snapshots: Snapshot[];

function run(adapter = demo, extra: Partial<Parameters<typeof startRunner>[0]> = {}) {
  return startRunner({
    adapter,
    doc: document,
    signal: controller.signal,
    onSnapshot: (s) => snapshots.push(s),
    debounceMs: 40,
    maxWaitMs: 150,
    ...extra,
  });
}

function addTurn(role: string, text: string) {
  const el = document.createElement('div');
  el.className = 'turn';
  el.dataset.role = role;
  el.textContent = text;
  document.getElementById('thread')!.append(el);
  return el;
}

beforeEach(() => {
  document.body.innerHTML = PAGE;
  history.replaceState(null, '', '/?c=one');
  controller = new AbortController();
  snapshots = [];
});
afterEach(() => controller.abort());

describe('runner', () => {
  it('takes a first snapshot at once, with turns, model label and draft', () => {
    run();
    expect(snapshots).toHaveLength(1);
    expect(snapshots[0]).toMatchObject({
      conversationId: 'one',
      draft: '',
      modelLabel: 'GPT-5',
      streaming: false,
      turns: [
        { role: 'user', text: 'hello there', thinking: '' },
        { role: 'assistant', text: 'hi, how can I help?', thinking: 'hmm' },
      ],
    });
  });

  it('debounces a burst of DOM changes into one snapshot', async () => {
    run();
    for (let i = 0; i < 8; i++) {
      addTurn(i % 2 ? 'assistant' : 'user', `t${i}`);
      await sleep(5);
    }
    await sleep(120);
    expect(snapshots).toHaveLength(2);
    expect(snapshots[1].turns).toHaveLength(10);
  });

  it('keeps snapshots coming at least every max wait while a reply streams', async () => {
    run();
    const reply = addTurn('assistant', '');
    for (let i = 0; i < 25; i++) {
      reply.textContent += ` w${i}`;
      await sleep(20);
    }
    const during = snapshots.length - 1;
    expect(during).toBeGreaterThanOrEqual(2); // 500 ms of changes, max wait 150 ms
    await sleep(100);
    expect(snapshots.at(-1)!.turns.at(-1)!.text).toContain('w24');
  });

  it('re-reads only the turn a mutation landed in', async () => {
    const runner = run();
    const reads = runner.stats.turnReads;
    expect(reads).toBe(2);
    const first = document.querySelector('.turn')!;
    first.textContent = 'hello again';
    await sleep(80);
    expect(runner.stats.turnReads).toBe(reads + 1);
    expect(snapshots.at(-1)!.turns[0].text).toBe('hello again');
  });

  it('does not read a half-composed IME draft; reads it when composition ends', async () => {
    run();
    const composer = document.getElementById('composer') as HTMLTextAreaElement;
    composer.dispatchEvent(new Event('compositionstart', { bubbles: true }));
    composer.value = 'ni hao';
    composer.dispatchEvent(new Event('input', { bubbles: true }));
    await sleep(30);
    expect(snapshots.every((s) => s.draft === '')).toBe(true);
    composer.value = '你好';
    composer.dispatchEvent(new Event('compositionend', { bubbles: true }));
    await sleep(30);
    expect(snapshots.at(-1)!.draft).toBe('你好');
  });

  it('reads the draft quickly on input, without re-reading turns', async () => {
    const runner = run();
    const reads = runner.stats.turnReads;
    const composer = document.getElementById('composer') as HTMLTextAreaElement;
    composer.value = 'typing';
    composer.dispatchEvent(new Event('input', { bubbles: true }));
    await sleep(10);
    expect(snapshots.at(-1)!.draft).toBe('typing');
    expect(runner.stats.turnReads).toBe(reads);
  });

  it('follows SPA navigation to another conversation', async () => {
    const runner = run();
    history.pushState(null, '', '/?c=two');
    document.getElementById('thread')!.innerHTML =
      '<div class="turn" data-role="user">new chat</div>';
    await sleep(80);
    runner.flush();
    expect(snapshots.at(-1)).toMatchObject({
      conversationId: 'two',
      turns: [{ text: 'new chat' }],
    });
  });

  it('follows a hash-routed switch to another conversation, even before the DOM changes', async () => {
    const hashRouted = defineAdapter({
      ...demo,
      conversationId: (url) => /^#\/c\/(\w+)/.exec(url.hash)?.[1] ?? null,
    });
    run(hashRouted);
    location.hash = '#/c/one';
    await sleep(80);
    expect(snapshots.at(-1)!.conversationId).toBe('one');
    const before = snapshots.length;
    location.hash = '#/c/two';
    await sleep(80);
    expect(snapshots.length).toBeGreaterThan(before);
    expect(snapshots.at(-1)!.conversationId).toBe('two');
  });

  it("reads the site's own token count with each full snapshot, and keeps it on draft-only ones", async () => {
    let count = 7;
    const counting = defineAdapter({
      ...demo,
      readSiteTokens: () => ({ tokens: count, by: 'Site', of: 'prompt' }),
    });
    run(counting);
    expect(snapshots[0].siteTokens).toEqual({ tokens: 7, by: 'Site', of: 'prompt' });
    count = 9;
    const composer = document.getElementById('composer') as HTMLTextAreaElement;
    composer.value = 'typing';
    composer.dispatchEvent(new Event('input', { bubbles: true }));
    await sleep(10);
    expect(snapshots.at(-1)!.draft).toBe('typing');
    expect(snapshots.at(-1)!.siteTokens?.tokens).toBe(7);
    addTurn('user', 'more');
    await sleep(80);
    expect(snapshots.at(-1)!.siteTokens?.tokens).toBe(9);
    // A site without the reader has no such field.
    expect(demo.readSiteTokens).toBeUndefined();
  });

  it('stops on abort (the extension reloaded): no more snapshots, no errors', async () => {
    run();
    controller.abort();
    addTurn('user', 'after');
    await sleep(80);
    expect(snapshots).toHaveLength(1);
  });

  it('contains a throwing adapter: an error snapshot, nothing thrown, other runners unaffected', async () => {
    const broken = defineAdapter({
      ...demo,
      id: 'broken',
      selectors: demo.selectors,
      listTurns: () => {
        throw new Error('selector exploded');
      },
      readModelLabel: () => {
        throw new Error('label exploded');
      },
    });
    const errors: unknown[] = [];
    const onError = (e: ErrorEvent) => errors.push(e.error);
    window.addEventListener('error', onError);
    const brokenSnaps: Snapshot[] = [];
    const runner = startRunner({
      adapter: broken,
      doc: document,
      signal: controller.signal,
      onSnapshot: (s) => brokenSnaps.push(s),
      debounceMs: 10,
      maxConsecutiveErrors: 3,
    });
    run();
    expect(brokenSnaps[0].error).toContain('selector exploded');
    expect(brokenSnaps[0].error).toContain('label exploded');
    expect(brokenSnaps[0].draft).toBe(''); // what could be read still is
    for (let i = 0; i < 10; i++) {
      addTurn('user', `x${i}`);
      await sleep(40);
    }
    // After 3 failing snapshots in a row the broken runner stops itself (10 spaced changes
    // give it more than 3 chances even on a loaded machine).
    expect(brokenSnaps).toHaveLength(3);
    expect(runner.stats.errors).toBeGreaterThan(0);
    // The healthy runner on the same page kept going.
    await sleep(100);
    expect(snapshots.at(-1)!.turns.length).toBe(12);
    expect(snapshots.every((s) => s.error === undefined)).toBe(true);
    expect(errors).toEqual([]);
    window.removeEventListener('error', onError);
  });

  it('a throwing snapshot consumer never escapes into the page', async () => {
    startRunner({
      adapter: demo,
      doc: document,
      signal: controller.signal,
      onSnapshot: () => {
        throw new Error('consumer bug');
      },
      debounceMs: 10,
    });
    addTurn('user', 'still fine');
    await sleep(40);
    expect(document.querySelectorAll('.turn')).toHaveLength(3);
  });

  it('ignores changes inside our own badge host', async () => {
    run();
    const host = document.createElement('token-meter-badge');
    document.body.append(host);
    await sleep(80);
    const count = snapshots.length;
    host.setAttribute('data-testid', 'x');
    await sleep(80);
    expect(snapshots.length).toBe(count);
  });
});

describe('runner: input outside the composer', () => {
  it('a model picker change (no DOM mutation) takes a full snapshot with the new label', async () => {
    controller = new AbortController();
    snapshots = [];
    document.body.innerHTML = PAGE.replace(
      '<option>GPT-5</option>',
      '<option>GPT-5</option><option>o3</option>',
    );
    run();
    const select = document.getElementById('model-select') as HTMLSelectElement;
    select.selectedIndex = 1;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await sleep(80);
    expect(snapshots.at(-1)!.modelLabel).toBe('o3');
  });
});

describe('runner: hostile pages', () => {
  it('nested shadow DOMs and a deep tree neither throw nor hang', async () => {
    controller = new AbortController();
    snapshots = [];
    document.body.innerHTML = PAGE;
    let host: Element = document.getElementById('thread')!;
    for (let i = 0; i < 20; i++) {
      const inner = document.createElement('div');
      host.attachShadow?.({ mode: 'open' }).append(inner);
      host = inner;
    }
    let deep: Element = document.querySelector('.turn[data-role="assistant"]')!;
    // 1,000 levels (happy-dom's own selector engine recurses per level; browsers go deeper).
    for (let i = 0; i < 1000; i++) {
      const child = document.createElement('span');
      deep.append(child);
      deep = child;
    }
    deep.textContent = 'bottom';
    run();
    // Read in one go on an idle machine; on a busy one the read may pass the slice budget and
    // finish after a yield, so wait for the snapshot rather than assume it is synchronous.
    await vi.waitFor(() => expect(snapshots.length).toBeGreaterThan(0), { timeout: 10_000 });
    expect(snapshots[0].error).toBeUndefined();
    expect(snapshots[0].turns.at(-1)!.text).toContain('bottom');
  });

  it('a 5 MB paste into the composer is read whole', async () => {
    controller = new AbortController();
    snapshots = [];
    document.body.innerHTML = PAGE;
    run();
    const composer = document.getElementById('composer') as HTMLTextAreaElement;
    composer.value = 'x'.repeat(5 * 1024 * 1024);
    composer.dispatchEvent(new Event('input', { bubbles: true }));
    await sleep(20);
    expect(snapshots.at(-1)!.draft!.length).toBe(5 * 1024 * 1024);
  });
});
