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

/** The page's layer: its shadow root, the fields tracked, and what is scheduled. */
interface Layer {
  doc: Document;
  win: Window & typeof globalThis;
  signal: AbortSignal;
  counter: FieldCounter;
  host: HTMLElement;
  layer: HTMLElement;
  tracked: Map<Element, Tracked>;
  focused: Element | null;
  frame: number | null;
  rescanTimer: ReturnType<typeof setTimeout> | null;
  /** Subtrees added (or elements whose editability changed) since the last rescan. */
  pending: Set<Node>;
  watchedShadows: WeakSet<ShadowRoot>;
  observer: MutationObserver | null;
}

const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  attributes: true,
  attributeFilter: ['contenteditable', 'disabled', 'readonly'],
};

/** One shadow root at the end of the document, holding a fixed layer for the badges. */
function mountLayer(doc: Document): { host: HTMLElement; layer: HTMLElement } {
  const host = doc.createElement('token-meter-fields');
  const shadow = host.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = STYLE;
  const layer = doc.createElement('div');
  layer.className = 'layer';
  shadow.append(style, layer);
  doc.documentElement.append(host);
  return { host, layer };
}

function render(L: Layer, field: Element, state: Tracked) {
  const { badge } = state;
  const shown = state.text !== '' || field === L.focused;
  badge.dataset.shown = String(shown);
  if (state.error) {
    badge.textContent = 'not counted';
    badge.title = `Token Meter: ${state.error}`;
  } else if (state.result) {
    badge.textContent = formatFieldCount(state.result);
    badge.dataset.tokens = String(state.result.tokens.tokens);
    badge.dataset.micros = state.result.costMicros === null ? '' : String(state.result.costMicros);
    badge.title = `Token Meter: ${L.counter.modelName()} (${state.result.tokens.provenance}); input cost of this text`;
  } else {
    badge.textContent = state.text === '' ? '0 tok' : '…';
  }
}

type Viewport = { width: number; height: number };
type FieldRect = Pick<DOMRect, 'width' | 'top' | 'bottom' | 'left' | 'right'>;

/** Part of the field is on screen. */
export function fieldInView(rect: FieldRect, viewport: Viewport): boolean {
  return (
    rect.width > 0 &&
    rect.bottom > 0 &&
    rect.top < viewport.height &&
    rect.right > 0 &&
    rect.left < viewport.width
  );
}

/** Where a field's badge goes: at the field's lower right corner, inside the viewport (pure). */
export function fieldBadgePosition(
  rect: FieldRect,
  badgeWidth: number,
  viewport: Viewport,
): { left: number; top: number } {
  const { width, height } = viewport;
  return {
    left: Math.max(0, Math.min(width - badgeWidth, rect.right - badgeWidth - 4)),
    top: Math.max(0, Math.min(height - 20, rect.bottom - 20)),
  };
}

function place(L: Layer) {
  L.frame = null;
  const viewport = { width: L.win.innerWidth, height: L.win.innerHeight };
  for (const [field, state] of L.tracked) {
    if (state.badge.dataset.shown !== 'true') continue;
    const rect = field.getBoundingClientRect();
    const visible = fieldInView(rect, viewport);
    state.badge.style.visibility = visible ? 'visible' : 'hidden';
    if (!visible) continue;
    const at = fieldBadgePosition(rect, state.badge.offsetWidth || 110, viewport);
    state.badge.style.left = `${at.left}px`;
    state.badge.style.top = `${at.top}px`;
  }
}

/** Reposition the badges on the next frame (one per frame however many asks). */
function schedulePlace(L: Layer) {
  if (L.frame === null && !L.signal.aborted) L.frame = L.win.requestAnimationFrame(() => place(L));
}

/** Count a field's text after `delay`; an answer for an older text is dropped. */
function recount(L: Layer, field: Element, state: Tracked, delay: number) {
  if (state.timer !== null) clearTimeout(state.timer);
  state.timer = setTimeout(() => {
    state.timer = null;
    const text = readField(field);
    state.text = text;
    const seq = ++state.seq;
    if (text === '') {
      state.result = null;
      state.error = null;
      render(L, field, state);
      schedulePlace(L);
      return;
    }
    L.counter.count(text).then(
      (result) => {
        if (seq !== state.seq || L.signal.aborted) return;
        state.result = result;
        state.error = null;
        render(L, field, state);
        schedulePlace(L);
      },
      (error: unknown) => {
        if (seq !== state.seq || L.signal.aborted) return;
        state.error = error instanceof Error ? error.message : String(error);
        render(L, field, state);
      },
    );
  }, delay);
}

function track(L: Layer, field: Element) {
  const badge = L.doc.createElement('div');
  badge.className = 'badge';
  badge.dataset.testid = 'tm-field-badge';
  L.layer.append(badge);
  const state: Tracked = { badge, text: '', seq: 0, timer: null, result: null, error: null };
  L.tracked.set(field, state);
  render(L, field, state);
  recount(L, field, state, 0);
}

function untrack(L: Layer, field: Element, state: Tracked) {
  if (state.timer !== null) clearTimeout(state.timer);
  state.badge.remove();
  L.tracked.delete(field);
}

/** A document observer does not see inside shadow roots: each one found is observed too. */
function watchShadow(L: Layer, shadow: ShadowRoot) {
  if (L.watchedShadows.has(shadow)) return;
  L.watchedShadows.add(shadow);
  L.observer!.observe(shadow, OBSERVE);
}

/** Drop fields gone or no longer editable; badge the new ones in the subtrees that changed. */
function rescan(L: Layer) {
  L.rescanTimer = null;
  if (L.signal.aborted) return;
  const roots = L.pending;
  L.pending = new Set();
  // Gone from the page, or no longer editable: no badge.
  for (const [field, state] of L.tracked) {
    if (!field.isConnected || !isCountableField(field)) untrack(L, field, state);
  }
  for (const root of roots) {
    if (!root.isConnected || L.tracked.size >= MAX_FIELDS) continue;
    const found = findFields(root as Element, MAX_FIELDS - L.tracked.size, (shadow) =>
      watchShadow(L, shadow),
    );
    for (const field of found) if (!L.tracked.has(field)) track(L, field);
  }
  schedulePlace(L);
}

/** Note the subtrees that changed (not our own layer's) and rescan them, debounced. */
function observeMutations(L: Layer, rescanDelay: number): MutationObserver {
  return new L.win.MutationObserver((records) => {
    let relevant = false;
    for (const record of records) {
      if (record.target === L.host || L.host.contains(record.target as Node)) continue;
      if (record.type === 'attributes') {
        L.pending.add(record.target);
        relevant = true;
        continue;
      }
      for (const node of Array.from(record.addedNodes)) {
        if (node.nodeType === 1 && node !== L.host) L.pending.add(node);
      }
      relevant ||= record.addedNodes.length > 0 || record.removedNodes.length > 0;
    }
    if (relevant && L.rescanTimer === null)
      L.rescanTimer = setTimeout(() => rescan(L), rescanDelay);
  });
}

/** The tracked field an event came from (through shadow roots: its composed path). */
function fieldOf(L: Layer, event: Event): Element | null {
  for (const node of event.composedPath()) {
    if (node instanceof L.win.Element && L.tracked.has(node)) return node;
  }
  return null;
}

/** Listen to typing, focus, scrolling and resizing; returns the function that stops it all. */
function listen(L: Layer, countDelay: number): () => void {
  const { doc, win } = L;
  const onInput = (event: Event) => {
    const field = fieldOf(L, event);
    if (field) recount(L, field, L.tracked.get(field)!, countDelay);
  };
  const onFocus = (event: Event) => {
    L.focused = fieldOf(L, event);
    for (const [field, state] of L.tracked) render(L, field, state);
    schedulePlace(L);
  };
  const onMove = () => schedulePlace(L);
  doc.addEventListener('input', onInput, true);
  doc.addEventListener('focusin', onFocus, true);
  doc.addEventListener('focusout', onFocus, true);
  win.addEventListener('scroll', onMove, { capture: true, passive: true });
  win.addEventListener('resize', onMove, { passive: true });
  return () => {
    doc.removeEventListener('input', onInput, true);
    doc.removeEventListener('focusin', onFocus, true);
    doc.removeEventListener('focusout', onFocus, true);
    win.removeEventListener('scroll', onMove, { capture: true });
    win.removeEventListener('resize', onMove);
  };
}

export function startFieldLayer(options: LayerOptions) {
  const { doc, signal } = options;
  const L: Layer = {
    doc,
    win: doc.defaultView! as Window & typeof globalThis,
    signal,
    counter: options.counter,
    ...mountLayer(doc),
    tracked: new Map(),
    focused: null,
    frame: null,
    rescanTimer: null,
    pending: new Set(),
    watchedShadows: new WeakSet(),
    observer: null,
  };
  const observer = observeMutations(L, options.rescanDelayMs ?? 300);
  L.observer = observer;
  const unlisten = listen(L, options.countDelayMs ?? 150);
  observer.observe(doc.documentElement, OBSERVE);
  L.pending.add(doc.documentElement);
  rescan(L);

  function stop() {
    observer.disconnect();
    unlisten();
    if (L.rescanTimer !== null) clearTimeout(L.rescanTimer);
    if (L.frame !== null) L.win.cancelAnimationFrame(L.frame);
    for (const state of L.tracked.values()) if (state.timer !== null) clearTimeout(state.timer);
    L.tracked.clear();
    L.host.remove();
  }
  signal.addEventListener('abort', stop, { once: true });

  return {
    /** Count every field again (the model changed). */
    recountAll() {
      for (const [field, state] of L.tracked) recount(L, field, state, 0);
    },
    /** For tests: the fields being badged. */
    fields: () => [...L.tracked.keys()],
    host: L.host,
  };
}
