/**
 * What an extension page does before its modules arrive (entrypoints/page-start.ts, a classic
 * script the page's HTML loads first, ~50–100 ms before its module scripts have been fetched and
 * run): it tells the background it is opening, and the popup starts the storage read its first
 * paint needs, and draws the numbers when they fit this opening (components/popup/early-paint.ts).
 * Nothing here imports the polyfill or WXT.
 * The popup's modules take the read with `takeFirstRead` (utils/storage/read-items.ts) and do not
 * import this file: shared with the background, it would be one more chunk on their first path.
 *
 * The background hears the opening on a BroadcastChannel, which reaches a running service worker
 * and never wakes a stopped one: a stopped worker has no rebuild in progress to pause.
 */

/** The channel on which a page says it is opening (the background pauses its heavy work). */
export const PAGE_CHANNEL = 'token-meter:page-open';

/**
 * How long the background's heavy work (the export blocks' rebuild) stands aside after a page
 * said it is opening: the page's start and first view (the dashboard's < 0.5 s) with room.
 */
export const PAGE_QUIET_MS = 2_000;

/**
 * Keys in extension storage's local area that the popup's first paint reads: the storage items
 * language, calendar, dashboardSnapshot, currency, exchangeRates and historyHealth (a test checks
 * these against the items' own keys).
 */
export const POPUP_FIRST_KEYS = [
  'language',
  'calendar',
  'dashboardSnapshot',
  'currency',
  'exchangeRates',
  'historyHealth',
] as const;

interface StorageArea {
  get(keys: string[]): Promise<Record<string, unknown>>;
}
type ChangeListener = (changes: Record<string, unknown>, area: string) => void;
interface StorageApi {
  local?: StorageArea;
  onChanged?: {
    addListener(listener: ChangeListener): void;
    removeListener(listener: ChangeListener): void;
  };
}
export interface EarlyRead {
  read: Promise<Record<string, unknown>>;
  /** Set when one of the keys changed after the read was sent: the read may be one write behind. */
  changed: boolean;
  /** Set when the popup's modules took the read (takeFirstRead): the first script draws no more. */
  taken?: boolean;
  stop(): void;
}
export interface PageScope {
  chrome?: { storage?: StorageApi };
  browser?: { storage?: StorageApi };
  BroadcastChannel?: typeof BroadcastChannel;
  tmFirstRead?: EarlyRead;
  /**
   * What the first script drew (early-paint.ts): when (ms after navigation start) and the
   * dashboard drawn (the very object of the read's snapshot).
   */
  tmEarlyPaint?: { ms: number; dashboard: unknown };
}

/** Run at the page's start: announce the opening; on the popup, start its first read. */
export function startPage(path: string, scope: PageScope = globalThis as PageScope): void {
  try {
    const channel = new scope.BroadcastChannel!(PAGE_CHANNEL);
    channel.postMessage({ path });
    channel.close();
  } catch {
    // No channel (an old browser): the background's work simply does not pause.
  }
  if (!/\/popup\.html$/.test(path)) return;
  const api = (scope.browser ?? scope.chrome)?.storage;
  if (!api?.local || !api.onChanged) return;
  try {
    // The bench reads these marks: the read's time from sending to its answer.
    performance.mark('tm-first-read-sent');
    const first: EarlyRead = {
      read: api.local.get([...POPUP_FIRST_KEYS]),
      changed: false,
      stop: () => api.onChanged!.removeListener(listener),
    };
    // A change between this read and the module's own watchers (set up when it takes the read)
    // would go unseen: the module then reads again.
    const listener: ChangeListener = (changes, area) => {
      if (area === 'local' && POPUP_FIRST_KEYS.some((key) => key in changes)) first.changed = true;
    };
    api.onChanged.addListener(listener);
    // Never an unhandled rejection: the module reads again when this failed.
    first.read.then(() => performance.mark('tm-first-read-back')).catch(() => undefined);
    scope.tmFirstRead = first;
  } catch {
    // The module reads for itself.
  }
}
