/**
 * "Storage is full", shown by the popup and the options page: how many turns wait to be saved
 * (kept aside by the background, saved automatically once there is room) and how many were lost
 * (only when even the waiting list was full).
 */
import { formatDateTime, t } from '@/utils/i18n';
import type { HistoryHealth } from '@/utils/storage';

export function StorageFullBanner(props: { health?: HistoryHealth; advice: string }) {
  const { health, advice } = props;
  const waiting = health?.pendingTurns ?? 0;
  if (!health || (health.quotaExceededAt === null && waiting === 0)) return null;
  const lost = health.unsavedTurns;
  return (
    <p className="tm-banner" role="alert" data-testid="storage-full" data-waiting={waiting}>
      {t('popup.storageFull')}
      {health.quotaExceededAt !== null
        ? t('popup.storageFullSince', { when: formatDateTime(health.quotaExceededAt) })
        : ''}
      . {waiting > 0 ? t('popup.storageKeptAside', { count: waiting }) : ''}
      {lost > 0 ? t('popup.storageLost', { count: lost }) : ''}
      {t('popup.storageSafe')} {advice}
    </p>
  );
}
