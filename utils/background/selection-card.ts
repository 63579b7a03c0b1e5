/**
 * The page side of "Count tokens in selection": functions the background injects with
 * `scripting.executeScript({func})`, so each is serialised and must stay self-contained (no
 * imports, no module-level names). Kept apart from context-menu.ts so tests can load them
 * without the extension's storage.
 */
import type { TokenCount } from '@/utils/core/types';

export interface SelectionCard {
  tokens: number;
  provenance: TokenCount['provenance'];
  /** null: unpriced (unknown to the card); never $0 for a model the card does not know. */
  costMicros: number | null;
  /** The cost in the user's currency (list price or converted), when not USD. */
  local?: { currency: string; micros: number; note: string };
  /** Why the cost is in USD though the user chose another currency (no rate for it). */
  localNote?: string;
  model: string;
  modelName: string;
  chars: number;
  truncated: boolean;
  /** Why nothing could be counted (the engine is not ready, …). */
  error?: string;
  /** The card's words in the UI's language, made in the background (this side has no catalog). */
  labels?: SelectionLabels;
}

export interface SelectionLabels {
  figures: string;
  sub: string;
  close: string;
  compare: string;
}

/** The page's selection, including a selection inside a textarea or text input. */
export function pageSelection(): string {
  const active = document.activeElement as HTMLInputElement | HTMLTextAreaElement | null;
  if (
    active &&
    (active.tagName === 'TEXTAREA' || active.tagName === 'INPUT') &&
    typeof active.selectionStart === 'number' &&
    active.selectionEnd !== active.selectionStart
  ) {
    return active.value.slice(active.selectionStart, active.selectionEnd ?? undefined);
  }
  return window.getSelection()?.toString() ?? '';
}

/** A small card in a shadow root, by the selection; Escape, a click outside or × closes it. */
// eslint-disable-next-line max-lines-per-function -- serialised by executeScript: self-contained
export function showSelectionCard(card: SelectionCard, text: string): void {
  const TAG = 'token-meter-selection';
  document.querySelectorAll(TAG).forEach((old) => old.remove());
  const host = document.createElement(TAG);
  const root = host.attachShadow({ mode: 'open' });
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches;
  const style = document.createElement('style');
  style.textContent = `
    :host { all: initial; }
    .card { position: fixed; z-index: 2147483647; max-width: 320px; padding: 8px 10px;
      border-radius: 8px; font: 13px/1.4 system-ui, sans-serif; box-shadow: 0 4px 16px rgba(0,0,0,.2);
      color: ${dark ? '#e5e7eb' : '#111827'}; background: ${dark ? '#1f2937' : '#ffffff'};
      border: 1px solid ${dark ? '#374151' : '#e5e7eb'}; }
    .row { display: flex; gap: 8px; align-items: baseline; justify-content: space-between; }
    .muted { color: ${dark ? '#9ca3af' : '#6b7280'}; font-size: 12px; }
    button { font: inherit; cursor: pointer; border-radius: 6px; padding: 2px 8px;
      border: 1px solid ${dark ? '#4b5563' : '#d1d5db'}; background: transparent; color: inherit; }
    .close { border: none; padding: 0 4px; }`;
  const box = document.createElement('div');
  box.className = 'card';
  box.dataset.testid = 'tm-selection-card';
  box.dataset.tokens = String(card.tokens);
  box.dataset.micros = card.costMicros === null ? '' : String(card.costMicros);
  box.dataset.model = card.model;
  const usd = (micros: number) => {
    const d = micros / 1_000_000;
    if (micros === 0) return '$0';
    if (d >= 0.01) return `$${d.toFixed(d >= 1 ? 2 : 3)}`;
    return `$${d.toFixed(Math.min(6, 1 - Math.floor(Math.log10(d))))}`;
  };
  const head = document.createElement('div');
  head.className = 'row';
  const figures = document.createElement('strong');
  figures.dataset.testid = 'tm-selection-figures';
  if (card.error) figures.textContent = card.error;
  else if (card.labels) figures.textContent = card.labels.figures;
  else {
    const n = card.tokens.toLocaleString('en-US');
    const tokens = card.provenance === 'estimate' ? `≈${n}` : n;
    figures.textContent = `${tokens} tokens · ${card.costMicros === null ? 'unpriced' : usd(card.costMicros)}`;
  }
  const close = document.createElement('button');
  close.className = 'close';
  close.textContent = '×';
  close.title = card.labels?.close ?? 'Close';
  close.setAttribute('aria-label', close.title);
  head.append(figures, close);
  const sub = document.createElement('div');
  sub.className = 'muted';
  sub.textContent =
    card.labels?.sub ??
    `as input to ${card.modelName} · ${card.chars.toLocaleString('en-US')} characters` +
      (card.truncated ? ' (counted up to the limit)' : '') +
      (card.provenance === 'estimate' ? ' · estimate' : '');
  const compare = document.createElement('button');
  compare.dataset.testid = 'tm-selection-compare';
  compare.textContent = card.labels?.compare ?? 'Compare on every model';
  compare.style.marginTop = '6px';
  box.append(head, sub, compare);
  root.append(style, box);

  const range = window.getSelection()?.rangeCount ? window.getSelection()!.getRangeAt(0) : null;
  const rect = range?.getBoundingClientRect();
  const top = rect && rect.height > 0 ? rect.bottom + 8 : 16;
  const left = rect && rect.width > 0 ? rect.left : window.innerWidth - 340;
  box.style.top = `${Math.min(Math.max(8, top), window.innerHeight - 110)}px`;
  box.style.left = `${Math.min(Math.max(8, left), window.innerWidth - 330)}px`;

  const dismiss = () => {
    host.remove();
    document.removeEventListener('keydown', onKey, true);
    document.removeEventListener('pointerdown', onOutside, true);
  };
  const onKey = (e: KeyboardEvent) => e.key === 'Escape' && dismiss();
  const onOutside = (e: Event) => !e.composedPath().includes(host) && dismiss();
  close.addEventListener('click', dismiss);
  compare.addEventListener('click', () => {
    const runtime = (globalThis as unknown as { chrome?: { runtime?: { sendMessage?: unknown } } })
      .chrome?.runtime as { sendMessage(m: unknown): Promise<unknown> } | undefined;
    void runtime?.sendMessage({
      tm: 1,
      type: 'openCompare',
      data: {
        text,
        source: 'selection',
        outputRatio: null,
        currentModel: card.model,
        site: location.hostname || null,
      },
    });
    dismiss();
  });
  document.addEventListener('keydown', onKey, true);
  document.addEventListener('pointerdown', onOutside, true);
  document.documentElement.append(host);
}
