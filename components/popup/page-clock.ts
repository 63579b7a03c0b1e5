/**
 * The popup's clock: `?now=<epoch ms>` pins it (screenshots and e2e checks); otherwise the real
 * time. The page's first script and its modules read it alike.
 */
export function pageNow(search: string, realNow: number = Date.now()): number {
  const pinned = Number(new URLSearchParams(search).get('now'));
  return Number.isFinite(pinned) && pinned > 0 ? pinned : realNow;
}

/** `?source=query` skips the snapshot: the e2e check of the query path and the bench's baseline. */
export function queryOnly(search: string): boolean {
  return new URLSearchParams(search).get('source') === 'query';
}
