/**
 * Hands exact-usage reports from the small document_start content script (which completes the
 * handshake with the MAIN-world hook before page scripts run) to the main content script, which
 * starts at document_idle. Both are content scripts of this extension, so they share one
 * isolated world: a symbol-keyed global there is invisible to the page.
 */
import type { UsageReport } from './types';

const KEY = Symbol.for('token-meter.usage-bridge');

interface Bridge {
  queue: UsageReport[];
  listener: ((report: UsageReport) => void) | null;
}

function bridge(): Bridge {
  const g = globalThis as unknown as Record<symbol, Bridge | undefined>;
  return (g[KEY] ??= { queue: [], listener: null });
}

/** Early side: store or forward a report. The queue is bounded (a page left open for days). */
export function pushUsage(report: UsageReport): void {
  const b = bridge();
  if (b.listener) return b.listener(report);
  b.queue.push(report);
  if (b.queue.length > 50) b.queue.shift();
}

/** Main side: take what arrived before it started, then every later report. */
export function onUsage(listener: (report: UsageReport) => void): () => void {
  const b = bridge();
  b.listener = listener;
  b.queue.splice(0).forEach(listener);
  return () => {
    if (b.listener === listener) b.listener = null;
  };
}
