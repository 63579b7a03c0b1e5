import type { SyncErrorCode, SyncErrorInfo } from '@/utils/core/ratecard';
import { t, type MessageKey } from '@/utils/i18n';

const KEYS: Record<SyncErrorCode, MessageKey> = {
  timeout: 'options.ratecard.err.timeout',
  unreachable: 'options.ratecard.err.unreachable',
  http: 'options.ratecard.err.http',
  tooLarge: 'options.ratecard.err.tooLarge',
  rejected: 'options.ratecard.err.rejected',
  failed: 'options.ratecard.err.failed',
  unavailable: 'options.ratecard.err.unavailable',
};

/**
 * A stored sync error in the UI's language. The code is translated here, at display time (a text
 * made at sync time would keep the language of that moment); an error stored before codes existed,
 * or with a code this version does not know, shows its stored English text.
 */
export function syncErrorText(info: SyncErrorInfo | null | undefined, text: string): string {
  const key =
    info && typeof info.code === 'string' && Object.hasOwn(KEYS, info.code)
      ? KEYS[info.code]
      : undefined;
  if (!key) return text;
  const values = info?.values && typeof info.values === 'object' ? info.values : {};
  return t(key, values) || text;
}

/** The status's summary: each failed feed's error, translated, or the stored text. */
export function syncErrorsText(infos: SyncErrorInfo[] | null | undefined, text: string): string {
  if (!Array.isArray(infos) || infos.length === 0) return text;
  const parts = infos.map((info) => syncErrorText(info, ''));
  return parts.every(Boolean) ? parts.join(t('options.ratecard.err.separator')) : text;
}
