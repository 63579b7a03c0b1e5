/**
 * The popup's first paint, before React has loaded: the title and the three period cards, from
 * the numbers already read (the snapshot). React and the rest of the popup (breakdowns, chart,
 * other model…) are 300 KB of JS; compiling them is most of a cold opening (~170 ms for a bare
 * React page on the bench machine), so the totals are drawn first with plain DOM calls, from
 * the same card model as the React cards (period-cards.ts), and React replaces this on mount.
 */
import type { Dashboard } from '@/utils/db/queries';
import type { Money } from './money-format';
import { t } from '@/utils/i18n';
import { periodCards } from './period-cards';

/**
 * The Element Timing name of the period cards' amounts: the browser reports when their text was
 * painted (the bench's "numbers on screen"; React's cards carry it too).
 */
export const NUMBERS_TIMING = 'tm-numbers';

function el(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Draw the cards into `root` (emptied first); `selected` is the card React starts with. */
export function paintFirst(
  root: HTMLElement,
  dashboard: Dashboard,
  money: Money,
  selected = 'week',
): void {
  const main = el('main', 'tm-popup');
  main.dataset.firstPaint = '';
  main.append(el('h1', '', t('ext.name')));
  const cards = el('div', 'tm-cards');
  cards.setAttribute('role', 'tablist');
  for (const card of periodCards(dashboard, money)) {
    const button = el('button', `tm-card${card.kind === selected ? ' tm-selected' : ''}`);
    button.setAttribute('role', 'tab');
    button.setAttribute('aria-selected', String(card.kind === selected));
    const change = el('span', `tm-change ${card.changeClass}`, card.change);
    change.title = card.previousTitle;
    const amount = el('span', 'tm-amount', card.amount);
    amount.setAttribute('elementtiming', NUMBERS_TIMING);
    if (card.amountTitle) amount.title = card.amountTitle;
    button.append(
      el('span', 'tm-card-title', card.title),
      amount,
      change,
      el('span', 'tm-sub', card.sub),
    );
    cards.append(button);
  }
  main.append(cards);
  root.replaceChildren(main);
}
