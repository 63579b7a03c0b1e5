/**
 * The strings the popup's first paint shows (the title, the period cards, how money was
 * converted): the page's first script (entrypoints/page-start.ts, a classic file meant to stay a
 * few KB) is built with only these of each catalog (scripts/first-paint-catalogs.ts), not the
 * whole 40 KB ones. A test draws the cards with these alone and with the whole catalogs and
 * compares, so a string added to the cards without its key here is caught.
 */
import type { MessageKey, Message } from '@/utils/i18n/messages/en';

/** Keys, or prefixes ending in `.`. */
export const FIRST_PAINT_MESSAGES = [
  'ext.name',
  'popup.period.',
  'popup.previous.',
  'popup.changeVs',
  'popup.noSpendBefore',
  'popup.previousTitle',
  'popup.turns',
  'popup.unpricedCount',
  'popup.money.',
  'overlay.money.converted',
  'overlay.money.stale',
  'overlay.money.noRate',
] as const;

/** The part of `catalog` the first paint needs. */
export function firstPaintCatalog(
  catalog: Readonly<Record<MessageKey, Message>>,
): Partial<Record<MessageKey, Message>> {
  const wanted = (key: string) =>
    FIRST_PAINT_MESSAGES.some((k) => (k.endsWith('.') ? key.startsWith(k) : key === k));
  return Object.fromEntries(Object.entries(catalog).filter(([key]) => wanted(key))) as Partial<
    Record<MessageKey, Message>
  >;
}
