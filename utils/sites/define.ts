/**
 * `defineAdapter`: turns a mostly declarative spec into a SiteAdapter by deriving the readers
 * from its selector lists. Sites whose markup does not fit override one reader, nothing else.
 */
import type { AdapterSpec, SiteAdapter, Turn, TurnNode, TurnText } from './types';
// A stop button a page hides rather than removes is not a reply streaming: `queryFirstShown`.
import { queryFirstShown } from './visibility';

/** Elements after which visible text breaks a line (so counts see the newlines a user sees). */
const BLOCK_TAGS = new Set([
  'P',
  'DIV',
  'LI',
  'UL',
  'OL',
  'PRE',
  'BLOCKQUOTE',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'TR',
  'TABLE',
  'SECTION',
  'ARTICLE',
  'HEADER',
  'FOOTER',
  'DETAILS',
  'SUMMARY',
  'HR',
]);
/** Never text: scripts, styles, our own UI and form controls other than the composer. */
const SKIP_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'BUTTON',
  'TOKEN-METER-BADGE',
]);

/** The first element matching any selector in order; a selector a browser rejects is skipped. */
export function queryFirst(
  root: ParentNode,
  selectors: readonly string[] | undefined,
): Element | null {
  for (const selector of selectors ?? []) {
    try {
      const found = root.querySelector(selector);
      if (found) return found;
    } catch {
      // An invalid selector in one fallback must not hide the others.
    }
  }
  return null;
}

/** All elements matching the first selector in the list that matches anything. */
export function queryAllFirst(
  root: ParentNode,
  selectors: readonly string[] | undefined,
): Element[] {
  for (const selector of selectors ?? []) {
    try {
      const found = root.querySelectorAll(selector);
      if (found.length > 0) return Array.from(found);
    } catch {
      // see queryFirst
    }
  }
  return [];
}

/** The first selector in the list that matches anything (the one `queryAllFirst` would use). */
function firstMatching(root: ParentNode, selectors: readonly string[] | undefined): string | null {
  for (const selector of selectors ?? []) {
    try {
      if (root.querySelector(selector)) return selector;
    } catch {
      // see queryFirst
    }
  }
  return null;
}

function matchesAny(el: Element, selector: string | null): boolean {
  if (!selector) return false;
  try {
    return el.matches(selector);
  } catch {
    return false;
  }
}

/**
 * The visible text of an element, with line breaks after block elements and `<br>`, skipping
 * subtrees that match `skip`. Iterative (an explicit stack), so a deeply nested page cannot
 * overflow the call stack. Cheaper than `innerText`, which forces a layout.
 */
export function readText(el: Element, skip: string | null = null): string {
  if (el instanceof HTMLTextAreaElementLike()) return (el as HTMLTextAreaElement).value;
  let out = '';
  const stack: (Node | '\n')[] = [el];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === '\n') {
      if (out.length > 0 && !out.endsWith('\n')) out += '\n';
      continue;
    }
    if (node.nodeType === 3) {
      out += (node as Text).data;
      continue;
    }
    if (node.nodeType !== 1) continue;
    const element = node as Element;
    const tag = element.tagName.toUpperCase();
    if (element !== el && (SKIP_TAGS.has(tag) || matchesAny(element, skip))) continue;
    if (tag === 'BR') {
      out += '\n';
      continue;
    }
    const block = BLOCK_TAGS.has(tag);
    if (block) stack.push('\n');
    const children = element.childNodes;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    if (block && element !== el) {
      if (out.length > 0 && !out.endsWith('\n')) out += '\n';
    }
  }
  return out.replace(/\n+$/, '').replace(/^\n+/, '');
}

// `instanceof HTMLTextAreaElement` fails across realms (happy-dom windows, iframes): compare tags.
function HTMLTextAreaElementLike(): { [Symbol.hasInstance](v: unknown): boolean } {
  return {
    [Symbol.hasInstance]: (v: unknown) =>
      typeof v === 'object' &&
      v !== null &&
      ((v as Element).tagName === 'TEXTAREA' || (v as Element).tagName === 'INPUT'),
  };
}

function joinSelectors(lists: (readonly string[] | undefined)[]): string | null {
  const all = lists.flatMap((l) => l ?? []);
  return all.length > 0 ? all.join(', ') : null;
}

/** The first matching element's text (a `<select>`'s chosen option), spaces collapsed; null if none. */
function readLabel(root: ParentNode, selectors: readonly string[] | undefined): string | null {
  const el = queryFirst(root, selectors);
  if (!el) return null;
  const label =
    el.tagName === 'SELECT'
      ? ((el as HTMLSelectElement).options[(el as HTMLSelectElement).selectedIndex]?.textContent ??
        '')
      : readText(el);
  const clean = label.replace(/\s+/g, ' ').trim();
  return clean.length > 0 ? clean : null;
}

export function defineAdapter(spec: AdapterSpec): SiteAdapter {
  const { selectors } = spec;
  const ignore = joinSelectors([selectors.ignore]);
  const thinkingSelector = joinSelectors([selectors.thinking]);
  const skipInText = joinSelectors([selectors.ignore, selectors.thinking]);
  const turnSelector = joinSelectors([selectors.user, selectors.assistant]) ?? '*';

  const listTurns =
    spec.listTurns ??
    ((root: ParentNode): TurnNode[] => {
      const userSelector = firstMatching(root, selectors.user);
      const assistantSelector = firstMatching(root, selectors.assistant);
      if (!userSelector && !assistantSelector) return [];
      const users = new Set(userSelector ? root.querySelectorAll(userSelector) : []);
      // Both lists in document order: one query with both selectors returns them so (sorting
      // with compareDocumentPosition cost tens of ms on a 10,000-turn page). Nested matches (a
      // wrapper and its content both matching) keep only the outermost.
      const combined = root.querySelectorAll(
        [userSelector, assistantSelector].filter((x) => x !== null).join(', '),
      );
      const nodes: TurnNode[] = [];
      let last: Element | null = null;
      for (const el of combined) {
        if (last && last.contains(el)) continue;
        nodes.push({ el, role: users.has(el) ? 'user' : 'assistant' });
        last = el;
      }
      return nodes;
    });

  const readTurn =
    spec.readTurn ??
    ((node: TurnNode): TurnText => {
      const text = readText(node.el, skipInText);
      let thinking = '';
      if (node.role === 'assistant' && thinkingSelector) {
        const parts: string[] = [];
        node.el.querySelectorAll(thinkingSelector).forEach((t) => {
          // Nested thinking elements (a wrapper and its body) are read once, outermost.
          const parent = t.parentElement?.closest(thinkingSelector);
          if (!parent || !node.el.contains(parent)) parts.push(readText(t, ignore));
        });
        thinking = parts.join('\n').trim();
      }
      return { text: text.trim(), thinking };
    });

  const findComposer = (root: ParentNode) => queryFirst(root, selectors.composer);

  return {
    id: spec.id,
    label: spec.label,
    matches: spec.matches,
    selectors,
    conversationId: spec.conversationId,
    knownGaps: spec.knownGaps ?? [],
    models: spec.models ?? [],
    usageStream: spec.usageStream,
    turnSelector,
    findComposer,
    readDraft(root) {
      const composer = findComposer(root);
      return composer ? readText(composer) : null;
    },
    listTurns,
    readTurn,
    readTurns(root): Turn[] {
      return listTurns(root).map((node) => ({ role: node.role, ...readTurn(node) }));
    },
    readModelLabel: spec.readModelLabel ?? ((root) => readLabel(root, selectors.modelLabel)),
    isStreaming:
      spec.isStreaming ?? ((root) => queryFirstShown(root, selectors.streaming) !== null),
    pricing: spec.pricing,
    readOutputAssumption: spec.readOutputAssumption,
    readSiteTokens: spec.readSiteTokens,
  };
}

/** The path segment after `prefix` in a URL, e.g. `/c/<id>`; null when absent. */
export function pathId(url: URL, pattern: RegExp): string | null {
  const match = pattern.exec(url.pathname);
  return match?.[1] ?? null;
}
