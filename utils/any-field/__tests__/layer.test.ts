// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { formatFieldCount, startFieldLayer, type FieldCount } from '@/utils/any-field/layer';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

let controller: AbortController;
afterEach(() => controller?.abort());

function start(counter?: (text: string) => Promise<FieldCount>) {
  controller = new AbortController();
  const asked: string[] = [];
  const layer = startFieldLayer({
    doc: document,
    signal: controller.signal,
    countDelayMs: 5,
    rescanDelayMs: 5,
    counter: {
      modelName: () => 'test-model',
      count:
        counter ??
        (async (text) => {
          asked.push(text);
          return {
            tokens: { tokens: words(text), provenance: 'exact', family: 'fake' },
            costMicros: words(text) * 3,
          };
        }),
    },
  });
  const badges = () =>
    Array.from(
      layer.host.shadowRoot!.querySelectorAll<HTMLElement>('[data-testid="tm-field-badge"]'),
    );
  return { layer, asked, badges };
}

describe('count badges on any page', () => {
  it('badges every field (shown once it has text) with its count and cost', async () => {
    document.body.innerHTML =
      '<textarea id="a">one two three</textarea><div id="b" contenteditable="true"></div>';
    const { badges } = start();
    await sleep(20);
    const [a, b] = badges();
    expect(a.dataset).toMatchObject({ shown: 'true', tokens: '3', micros: '9' });
    expect(a.textContent).toBe('3 tok · $0.000009');
    expect(b.dataset.shown).toBe('false'); // empty and not focused
  });

  it('recounts on input; a slow stale answer never overwrites a newer one', async () => {
    document.body.innerHTML = '<textarea id="a"></textarea>';
    const pending: ((n: number) => void)[] = [];
    const { badges } = start(
      (_text) =>
        new Promise((resolve) =>
          pending.push((n) =>
            resolve({
              tokens: { tokens: n, provenance: 'exact', family: 'fake' },
              costMicros: null,
            }),
          ),
        ),
    );
    const area = document.getElementById('a') as HTMLTextAreaElement;
    area.value = 'first';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await sleep(15);
    area.value = 'first second';
    area.dispatchEvent(new Event('input', { bubbles: true }));
    await sleep(15);
    expect(pending).toHaveLength(2);
    pending[1](2);
    await sleep(1);
    pending[0](1);
    await sleep(1);
    expect(badges()[0].dataset.tokens).toBe('2');
    // No price (unknown model): said so, never $0.
    expect(badges()[0].textContent).toBe('2 tok · unpriced');
    expect(badges()[0].dataset.micros).toBe('');
  });

  it('picks up fields added later and drops removed ones', async () => {
    document.body.innerHTML = '<textarea id="a">a</textarea>';
    const { layer, badges } = start();
    await sleep(10);
    const extra = document.createElement('textarea');
    document.body.append(extra);
    await sleep(20);
    expect(layer.fields()).toHaveLength(2);
    document.getElementById('a')!.remove();
    await sleep(20);
    expect(layer.fields()).toEqual([extra]);
    expect(badges()).toHaveLength(1);
  });

  it('sees fields that appear later inside a shadow root, or become editable later', async () => {
    document.body.innerHTML = '<comment-box></comment-box><div id="late">plain text</div>';
    const shadow = document.querySelector('comment-box')!.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<div class="wrap"></div>';
    const { layer } = start();
    await sleep(10);
    expect(layer.fields()).toEqual([]);
    // A widget renders its editor into its own shadow root after the page loaded.
    const inner = document.createElement('textarea');
    shadow.querySelector('.wrap')!.append(inner);
    // An editor library turns a div editable after it was inserted.
    const late = document.getElementById('late')!;
    late.setAttribute('contenteditable', 'true');
    await sleep(30);
    expect(new Set(layer.fields())).toEqual(new Set([inner, late]));
    // And back: no longer editable, no badge.
    late.setAttribute('contenteditable', 'false');
    await sleep(30);
    expect(layer.fields()).toEqual([inner]);
  });

  it('says when a count failed instead of showing a number', async () => {
    document.body.innerHTML = '<textarea>text</textarea>';
    const { badges } = start(async () => {
      throw new Error('engine unavailable');
    });
    await sleep(20);
    expect(badges()[0].textContent).toBe('not counted');
    expect(badges()[0].title).toContain('engine unavailable');
  });

  it('removes everything when stopped', async () => {
    document.body.innerHTML = '<textarea>text</textarea>';
    const { layer } = start();
    await sleep(10);
    controller.abort();
    expect(document.querySelector('token-meter-fields')).toBeNull();
    expect(layer.fields()).toEqual([]);
  });

  it('formats estimates and costs', () => {
    const tokens = { tokens: 1234, provenance: 'estimate', family: 'x' } as const;
    expect(formatFieldCount({ tokens, costMicros: 37_000 })).toBe('≈1,234 tok · $0.037');
    expect(formatFieldCount({ tokens, costMicros: 0 })).toBe('≈1,234 tok · $0');
  });
});
