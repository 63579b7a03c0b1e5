/**
 * Time slicing for work over a long page (a 10,000-turn conversation): the runner and the meter
 * work in slices of about `SLICE_MS` and then let the page run, so no task of ours blocks the
 * page's input or rendering for long (the target is no task over 50 ms).
 */

/** How long one slice of our work may run before we yield to the page. */
export const SLICE_MS = 8;

/** A clock for slicing. Tests may fake `performance`: then nothing ever yields, which is fine. */
export function clock(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/**
 * Let the page's own tasks run before we continue. `scheduler.yield` resumes us ahead of other
 * queued work where the browser has it (Chromium); a MessageChannel round trip otherwise: not a
 * timer, since timers are clamped when nested and tests fake them.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}
