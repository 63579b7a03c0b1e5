/**
 * The count badges of "any other page": one shadow root holds a small badge for every text field
 * (shown while the field has text or focus), placed at the field's lower right corner. Counting
 * is debounced per field and goes through `counter` (the background's engine and card); a stale
 * answer never overwrites a newer one. Everything is bounded: fields (MAX_FIELDS), rescans
 * (debounced, and only of the subtrees that changed, so a busy page is not re-walked whole),
 * repositioning (one per animation frame).
 */
import type { TokenCount } from '@/utils/core/types';
import { findFields, isCountableField, MAX_FIELDS, readField } from './fields';

export interface FieldCount {
  tokens: TokenCount;
  /** null: no price (unknown model, card unavailable) — never shown as $0. */
  costMicros: number | null;
}

export interface FieldCounter {
  count(text: string): Promise<FieldCount>;
  /** Shown in each badge's tooltip. */
  modelName(): string;
}

export interface LayerOptions {
  doc: Document;
  signal: AbortSignal;
  counter: FieldCounter;
  countDelayMs?: number;
  rescanDelayMs?: number;
}

interface Tracked {
  badge: HTMLElement;
  text: string;
  seq: number;
  timer: ReturnType<typeof setTimeout> | null;
  result: FieldCount | null;
  error: string | null;
}

const STYLE = `
:host { all: initial; }
.layer { position: fixed; inset: 0; pointer-events: none; z-index: 2147483646; }
.badge { position: fixed; display: none; padding: 1px 6px; border-radius: 8px;
  font: 11px/16px system-ui, sans-serif; white-space: nowrap; color: #1f2937;
  background: rgba(243, 244, 246, 0.94); border: 1px solid rgba(0, 0, 0, 0.12); }
.badge[data-shown="true"] { display: block; }
@media (prefers-color-scheme: dark) {
  .badge { color: #e5e7eb; background: rgba(31, 41, 55, 0.94); border-color: rgba(255, 255, 255, 0.16); }
}`;

/** "1,234 tok · $0.0037", with "≈" for estimates and "unpriced" when there is no price. */
export function formatFieldCount(count: FieldCount): string {
  const n = count.tokens.tokens.toLocaleString('en-US');
  const tokens = count.tokens.provenance === 'estimate' ? `≈${n}` : n;
  if (count.costMicros === null) return `${tokens} tok · unpriced`;
  const usd = count.costMicros / 1_000_000;
  const cost =
    count.costMicros === 0
      ? '$0'
      : usd >= 0.01
        ? `$${usd.toFixed(usd >= 1 ? 2 : 3)}`
        : `$${usd.toFixed(Math.min(6, 1 - Math.floor(Math.log10(usd))))}`;
  return `${tokens} tok · ${cost}`;
}

export function startFieldLayer(options: LayerOptions) {
  const { doc, signal, counter } = options;
  const win = doc.defaultView!;
  const countDelay = options.countDelayMs ?? 150;
  const rescanDelay = options.rescanDelayMs ?? 300;

  const host = doc.createElement('token-meter-fields');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const layer = doc.createElement('div');
  layer.className = 'layer';
  shadow.append(style, layer);
  doc.documentElement.append(host);

  const tracked = new Map<Element, Tracked>();
  let focused: Element | null = null;
  let frame: number | null = null;
  let rescanTimer: ReturnType<typeof setTimeout> | null = null;
  /** Subtrees added (or elements whose editability changed) since the last rescan. */
  let pending = new Set<Node>();
  const watchedShadows = new WeakSet<ShadowRoot>();
  const OBSERVE: MutationObserverInit = {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['contenteditable', 'disabled', 'readonly'],
  };

  function render(field: Element, state: Tracked) {
    const { badge } = state;
    const shown = state.text !== '' || field === focused;
    badge.dataset.shown = String(shown);
    if (state.error) {
      badge.textContent = 'not counted';
      badge.title = `Token Meter: ${state.error}`;
    } else if (state.result) {
      badge.textContent = formatFieldCount(state.result);
      badge.dataset.tokens = String(state.result.tokens.tokens);
      badge.dataset.micros =
        state.result.costMicros === null ? '' : String(state.result.costMicros);
      badge.title = `Token Meter: ${counter.modelName()} (${state.result.tokens.provenance}); input cost of this text`;
    } else {
      badge.textContent = state.text === '' ? '0 tok' : '…';
    }
  }

  function place() {
    frame = null;
    const width = win.innerWidth;
    const height = win.innerHeight;
    for (const [field, state] of tracked) {
      if (state.badge.dataset.shown !== 'true') continue;
      const rect = field.getBoundingClientRect();
      const visible =
        rect.width > 0 &&
        rect.bottom > 0 &&
        rect.top < height &&
        rect.right > 0 &&
        rect.left < width;
      state.badge.style.visibility = visible ? 'visible' : 'hidden';
      if (!visible) continue;
      const badgeWidth = state.badge.offsetWidth || 110;
      state.badge.style.left = `${Math.max(0, Math.min(width - badgeWidth, rect.right - badgeWidth - 4))}px`;
      state.badge.style.top = `${Math.max(0, Math.min(height - 20, rect.bottom - 20))}px`;
    }
  }

  function schedulePlace() {
    if (frame === null && !signal.aborted) frame = win.requestAnimationFrame(place);
  }

  function recount(field: Element, state: Tracked, delay: number) {
    if (state.timer !== null) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = null;
      const text = readField(field);
      state.text = text;
      const seq = ++state.seq;
      if (text === '') {
        state.result = null;
        state.error = null;
        render(field, state);
        schedulePlace();
        return;
      }
      counter.count(text).then(
        (result) => {
          if (seq !== state.seq || signal.aborted) return;
          state.result = result;
          state.error = null;
          render(field, state);
          schedulePlace();
        },
        (error: unknown) => {
          if (seq !== state.seq || signal.aborted) return;
          state.error = error instanceof Error ? error.message : String(error);
          render(field, state);
        },
      );
    }, delay);
  }

  function track(field: Element) {
    const badge = doc.createElement('div');
    badge.className = 'badge';
    badge.dataset.testid = 'tm-field-badge';
    layer.append(badge);
    const state: Tracked = { badge, text: '', seq: 0, timer: null, result: null, error: null };
    tracked.set(field, state);
    render(field, state);
    recount(field, state, 0);
  }

  function untrack(field: Element, state: Tracked) {
    if (state.timer !== null) clearTimeout(state.timer);
    state.badge.remove();
    tracked.delete(field);
  }

  /** A document observer does not see inside shadow roots: each one found is observed too. */
  function watchShadow(shadow: ShadowRoot) {
    if (watchedShadows.has(shadow)) return;
    watchedShadows.add(shadow);
    observer.observe(shadow, OBSERVE);
  }

  function rescan() {
    rescanTimer = null;
    if (signal.aborted) return;
    const roots = pending;
    pending = new Set();
    // Gone from the page, or no longer editable: no badge.
    for (const [field, state] of tracked) {
      if (!field.isConnected || !isCountableField(field)) untrack(field, state);
    }
    for (const root of roots) {
      if (!root.isConnected || tracked.size >= MAX_FIELDS) continue;
      const found = findFields(root as Element, MAX_FIELDS - tracked.size, watchShadow);
      for (const field of found) if (!tracked.has(field)) track(field);
    }
    schedulePlace();
  }

  /** The tracked field an event came from (through shadow roots: its composed path). */
  function fieldOf(event: Event): Element | null {
    for (const node of event.composedPath()) {
      if (node instanceof win.Element && tracked.has(node)) return node;
    }
    return null;
  }

  const onInput = (event: Event) => {
    const field = fieldOf(event);
    if (field) recount(field, tracked.get(field)!, countDelay);
  };
  const onFocus = (event: Event) => {
    focused = fieldOf(event);
    for (const [field, state] of tracked) render(field, state);
    schedulePlace();
  };
  const observer = new win.MutationObserver((records) => {
    let relevant = false;
    for (const record of records) {
      if (record.target === host || host.contains(record.target as Node)) continue;
      if (record.type === 'attributes') {
        pending.add(record.target);
        relevant = true;
        continue;
      }
      for (const node of Array.from(record.addedNodes)) {
        if (node.nodeType === 1 && node !== host) pending.add(node);
      }
      relevant ||= record.addedNodes.length > 0 || record.removedNodes.length > 0;
    }
    if (relevant && rescanTimer === null) rescanTimer = setTimeout(rescan, rescanDelay);
  });

  doc.addEventListener('input', onInput, true);
  doc.addEventListener('focusin', onFocus, true);
  doc.addEventListener('focusout', onFocus, true);
  win.addEventListener('scroll', schedulePlace, { capture: true, passive: true });
  win.addEventListener('resize', schedulePlace, { passive: true });
  observer.observe(doc.documentElement, OBSERVE);
  pending.add(doc.documentElement);
  rescan();

  function stop() {
    observer.disconnect();
    doc.removeEventListener('input', onInput, true);
    doc.removeEventListener('focusin', onFocus, true);
    doc.removeEventListener('focusout', onFocus, true);
    win.removeEventListener('scroll', schedulePlace, { capture: true });
    win.removeEventListener('resize', schedulePlace);
    if (rescanTimer !== null) clearTimeout(rescanTimer);
    if (frame !== null) win.cancelAnimationFrame(frame);
    for (const state of tracked.values()) if (state.timer !== null) clearTimeout(state.timer);
    tracked.clear();
    host.remove();
  }
  signal.addEventListener('abort', stop, { once: true });

  return {
    /** Count every field again (the model changed). */
    recountAll() {
      for (const [field, state] of tracked) recount(field, state, 0);
    },
    /** For tests: the fields being badged. */
    fields: () => [...tracked.keys()],
    host,
  };
}
