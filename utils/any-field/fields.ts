/**
 * The text fields of an arbitrary page: every textarea and every contenteditable editing host,
 * also inside open shadow roots. Readers take a root, so tests pass a happy-dom document.
 */
import { readText } from '@/utils/sites/define';

/** More fields than this on one page are not badged (a page of 10,000 inputs stays usable). */
export const MAX_FIELDS = 200;
/** How deep nested open shadow roots are searched. */
const MAX_SHADOW_DEPTH = 8;

const CANDIDATES = 'textarea, [contenteditable]';
const OUR_HOSTS = new Set(['TOKEN-METER-FIELDS', 'TOKEN-METER-BADGE', 'TOKEN-METER-SELECTION']);

function isEditableValue(value: string | null): boolean {
  return value !== null && value.toLowerCase() !== 'false';
}

/** A textarea one can type in, or the outermost element of a contenteditable region. */
export function isCountableField(el: Element): boolean {
  if (el.tagName === 'TEXTAREA') {
    const area = el as HTMLTextAreaElement;
    return !area.disabled && !area.readOnly && area.getAttribute('aria-hidden') !== 'true';
  }
  if (!isEditableValue(el.getAttribute('contenteditable'))) return false;
  // Only the editing host: a contenteditable inside another editable region is part of it.
  const parent = el.parentElement?.closest('[contenteditable]');
  return !parent || !isEditableValue(parent.getAttribute('contenteditable'));
}

/**
 * Every countable field under `root` (itself included) in document order, searching open shadow
 * roots too; `onShadowRoot` hears of each shadow root passed through (so a caller can watch it:
 * a document's observer does not see inside shadow roots).
 */
export function findFields(
  root: Document | ShadowRoot | Element,
  limit = MAX_FIELDS,
  onShadowRoot?: (shadow: ShadowRoot) => void,
): Element[] {
  const out: Element[] = [];
  if (root.nodeType === 1 && (root as Element).matches(CANDIDATES)) {
    if (isCountableField(root as Element)) out.push(root as Element);
  }
  const visit = (scope: ParentNode, depth: number) => {
    for (const el of Array.from(scope.querySelectorAll(CANDIDATES))) {
      if (out.length >= limit) return;
      if (isCountableField(el)) out.push(el);
    }
    if (depth >= MAX_SHADOW_DEPTH) return;
    // Open shadow roots hide their fields from querySelectorAll: walk into them.
    for (const host of Array.from(scope.querySelectorAll('*'))) {
      if (out.length >= limit) return;
      if (OUR_HOSTS.has(host.tagName)) continue;
      const shadow = (host as Element).shadowRoot;
      if (shadow) {
        onShadowRoot?.(shadow);
        visit(shadow, depth + 1);
      }
    }
  };
  const own = root.nodeType === 1 ? (root as Element).shadowRoot : null;
  if (own) {
    onShadowRoot?.(own);
    visit(own, 1);
  }
  visit(root, 0);
  return out;
}

/** A field's text as the user sees it (a textarea's live value, an editor's visible text). */
export function readField(el: Element): string {
  return readText(el);
}
