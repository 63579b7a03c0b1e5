/**
 * A quota window as one line of text ("5h: 2% used · resets 07:10"), for the overlay's panel and
 * the popup. The figures are the site's own, as its stream reported them.
 */
import { formatDateTime, formatNumber, t } from '@/utils/i18n';

export interface QuotaLineInput {
  window: string;
  used: number | null;
  remaining?: number;
  resetsAt: string | null;
}

export function quotaLine(w: QuotaLineInput): string {
  const head =
    w.used !== null
      ? t('overlay.quotaUsed', {
          window: w.window,
          percent: formatNumber(w.used, { style: 'percent', maximumFractionDigits: 1 }),
        })
      : t('overlay.quotaRemaining', {
          window: w.window,
          remaining: w.remaining !== undefined ? formatNumber(w.remaining) : '?',
        });
  const at = w.resetsAt ? Date.parse(w.resetsAt) : NaN;
  if (Number.isNaN(at)) return head;
  return `${head} · ${t('overlay.quotaResets', { when: formatDateTime(at) })}`;
}
