/**
 * What the runner listens to on the page: DOM mutations (which turn they landed in), input in
 * the composer or in a turn, IME composition, and history navigation.
 */
import type { SiteAdapter } from '@/utils/sites/types';

const WATCHED_ATTRIBUTES = [
  'data-is-streaming',
  'data-streaming',
  'aria-pressed',
  'aria-label',
  'data-testid',
  'value',
];

/** The element of a node (a text node's parent). */
function elementOf(node: Node | null): Element | null {
  return node && node.nodeType === 1 ? (node as Element) : (node?.parentElement ?? null);
}

/**
 * The turn elements a change at `node` lies in, innermost first (a turn may hold turns: a
 * thread inside a reply). Throws when the adapter's turn selector is invalid.
 */
export function turnsAround(node: Node | null, turnSelector: string): Element[] {
  const turns: Element[] = [];
  let el = elementOf(node);
  while (el) {
    const turn: Element | null = el.closest(turnSelector);
    if (!turn) break;
    turns.push(turn);
    el = turn.parentElement;
  }
  return turns;
}

/**
 * Where an input event happened: in a turn (a playground's editable messages and system
 * prompt), in the composer, or elsewhere (a model <select>, a toggle). A throwing adapter
 * counts as the composer: the draft path is contained too.
 */
export function inputPlace(
  adapter: Pick<SiteAdapter, 'turnSelector' | 'findComposer'>,
  doc: Document,
  target: Node | null,
): 'turn' | 'composer' | 'other' {
  try {
    if (elementOf(target)?.closest(adapter.turnSelector) != null) return 'turn';
  } catch {
    // an invalid turn selector: treat it as the draft
  }
  let inComposer = true;
  try {
    const composer = adapter.findComposer(doc);
    inComposer = !!composer && !!target && (composer === target || composer.contains(target));
  } catch {
    // a throwing adapter: the draft path is contained too
  }
  return inComposer ? 'composer' : 'other';
}

export interface PageHandlers {
  /** A change landed at `node` (mark its turn to be re-read). */
  changed(node: Node): void;
  /** A full snapshot is due. */
  schedule(): void;
  /** A draft-only snapshot is due. */
  scheduleDraft(): void;
  composing(on: boolean): void;
}

/** Start listening; returns the function that stops it. */
export function watchPage(
  adapter: SiteAdapter,
  doc: Document,
  ignoreHost: string,
  on: PageHandlers,
): () => void {
  const win = doc.defaultView!;
  const observer = new win.MutationObserver((records) => {
    let relevant = false;
    for (const record of records) {
      const target = record.target as Element;
      if (target.nodeType === 1 && target.localName === ignoreHost) continue;
      relevant = true;
      on.changed(record.target);
    }
    if (relevant) on.schedule();
  });
  const onInput = (event: Event) => {
    const target = event.target as Node | null;
    const place = inputPlace(adapter, doc, target);
    if (place === 'turn') {
      // Typing inside a turn changes a textarea's value, which no mutation reports: re-read
      // that turn, not only the draft; the draft may live in a turn too (the Workbench's
      // pending message).
      on.changed(target!);
      on.schedule();
      on.scheduleDraft();
    } else if (place === 'composer') on.scheduleDraft();
    // Any other input (a model <select>, a toggle) changes no DOM node the observer would
    // see, so it takes a full snapshot.
    else on.schedule();
  };
  const onCompositionStart = () => on.composing(true);
  const onCompositionEnd = () => {
    on.composing(false);
    on.scheduleDraft();
  };
  const onNavigate = () => on.schedule();

  observer.observe(doc.documentElement, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: WATCHED_ATTRIBUTES,
  });
  doc.addEventListener('input', onInput, true);
  doc.addEventListener('change', onInput, true);
  doc.addEventListener('compositionstart', onCompositionStart, true);
  doc.addEventListener('compositionend', onCompositionEnd, true);
  win.addEventListener('popstate', onNavigate);
  // Hash-routed apps (MiMo Studio) switch conversations in the fragment, which a `pushState`
  // router does not report as `popstate`.
  win.addEventListener('hashchange', onNavigate);
  return () => {
    observer.disconnect();
    doc.removeEventListener('input', onInput, true);
    doc.removeEventListener('change', onInput, true);
    doc.removeEventListener('compositionstart', onCompositionStart, true);
    doc.removeEventListener('compositionend', onCompositionEnd, true);
    win.removeEventListener('popstate', onNavigate);
    win.removeEventListener('hashchange', onNavigate);
  };
}
