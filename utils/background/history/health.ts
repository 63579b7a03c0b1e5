/**
 * The history's health, as the popup and the options page show it: storage found full, turns
 * not saved, turns kept aside to save later, the last write error. A failure also updates the
 * toolbar badge ("!" while storage is full).
 */
import { historyHealth } from '@/utils/storage';
import { deps } from './deps';
import { refreshToolbarBadge } from './toolbar-badge';

export function isQuotaError(error: unknown): boolean {
  const e = error as { name?: string; inner?: { name?: string } } | null;
  return e?.name === 'QuotaExceededError' || e?.inner?.name === 'QuotaExceededError';
}

/** `lost`: turns neither stored nor kept aside; `waiting`: turns kept aside to save later. */
export async function noteWriteFailure(
  error: unknown,
  lost: number,
  waiting?: number,
): Promise<void> {
  const health = await historyHealth.getValue();
  await historyHealth.setValue({
    quotaExceededAt: isQuotaError(error) ? deps.now() : health.quotaExceededAt,
    unsavedTurns: health.unsavedTurns + lost,
    lastError: error instanceof Error ? error.message : String(error),
    pendingTurns: waiting ?? health.pendingTurns ?? 0,
  });
  await refreshToolbarBadge().catch(() => undefined);
}

/** A write went through: clear the error (and "storage full" once nothing waits). */
export async function noteWriteSuccess(waiting?: number): Promise<void> {
  const health = await historyHealth.getValue();
  const pendingTurns = waiting ?? health.pendingTurns ?? 0;
  if (
    health.quotaExceededAt !== null ||
    health.lastError !== null ||
    (health.pendingTurns ?? 0) !== pendingTurns
  ) {
    // Keep the count of unsaved turns visible until the user has seen it in the popup/options.
    await historyHealth.setValue({
      ...health,
      quotaExceededAt: pendingTurns > 0 ? health.quotaExceededAt : null,
      lastError: null,
      pendingTurns,
    });
  }
}

/** After "delete everything": nothing is unsaved or waiting any more. */
export async function resetHealth(): Promise<void> {
  await historyHealth.setValue({
    quotaExceededAt: null,
    unsavedTurns: 0,
    lastError: null,
    pendingTurns: 0,
  });
}
