/**
 * One refresh at a time: a refresh asked for while one runs is not started alongside it (two
 * would race to emit views out of order) but runs once after it, however many were asked for.
 * The promise of a refresh asked for meanwhile settles at once: the running one takes it over.
 */
export function coalescedRefresh(
  work: () => Promise<void>,
  stopped: () => boolean,
): () => Promise<void> {
  let running = false;
  let again = false;
  return async function refresh(): Promise<void> {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await work();
      } while (again && !stopped());
    } finally {
      running = false;
    }
  };
}
