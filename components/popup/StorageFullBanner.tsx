/**
 * "Storage is full", shown by the popup and the options page: how many turns wait to be saved
 * (kept aside by the background, saved automatically once there is room) and how many were lost
 * (only when even the waiting list was full).
 */
import type { HistoryHealth } from '@/utils/storage';

const turns = (n: number) => `${n} turn${n === 1 ? '' : 's'}`;

export function StorageFullBanner(props: { health?: HistoryHealth; advice: string }) {
  const { health, advice } = props;
  const waiting = health?.pendingTurns ?? 0;
  if (!health || (health.quotaExceededAt === null && waiting === 0)) return null;
  const lost = health.unsavedTurns;
  return (
    <p className="tm-banner" role="alert" data-testid="storage-full" data-waiting={waiting}>
      Browser storage is full
      {health.quotaExceededAt !== null
        ? ` (since ${new Date(health.quotaExceededAt).toLocaleString()})`
        : ''}
      .{' '}
      {waiting > 0
        ? `${turns(waiting)} kept aside, saved automatically once there is room (tried again every 5 minutes and at the next turn). `
        : ''}
      {lost > 0 ? `${turns(lost)} could not be kept. ` : ''}
      Everything stored before is safe. {advice}
    </p>
  );
}
