/**
 * Whether an element a page keeps in its DOM is shown. Some sites never remove their stop
 * button: they hide it with a class (Doubao's break button gets `!hidden`, as CodeWebChat reads
 * it, checked 2026-08), so its presence alone would read as "always streaming". Checked without
 * layout (no `getComputedStyle`): the hiding classes Tailwind-style apps use, the `hidden`
 * attribute, `aria-hidden` and an inline `display: none` / `visibility: hidden`, on the element
 * and its ancestors.
 */

/** Utility classes that hide an element (Tailwind's `hidden`, its `!important` form, `invisible`). */
const HIDING_CLASSES = ['hidden', '!hidden', 'invisible', '!invisible'];

function hidesItself(el: Element): boolean {
  if (el.hasAttribute('hidden')) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const classes = el.classList;
  if (classes && HIDING_CLASSES.some((c) => classes.contains(c))) return true;
  const style = (el as HTMLElement).style;
  return !!style && (style.display === 'none' || style.visibility === 'hidden');
}

/** False when the element or one of its ancestors is hidden by markup. */
export function isShown(el: Element): boolean {
  for (let node: Element | null = el; node; node = node.parentElement) {
    if (hidesItself(node)) return false;
  }
  return true;
}

/** The first shown element matching any selector in order; an invalid selector is skipped. */
export function queryFirstShown(
  root: ParentNode,
  selectors: readonly string[] | undefined,
): Element | null {
  for (const selector of selectors ?? []) {
    try {
      for (const el of root.querySelectorAll(selector)) if (isShown(el)) return el;
    } catch {
      // An invalid selector in one fallback must not hide the others.
    }
  }
  return null;
}
