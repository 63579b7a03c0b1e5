/**
 * Containment of adapter errors: an adapter call that throws gives its fallback and a line in
 * `errors` (the snapshot's `error`), never an exception into the page.
 */
export function contain<T>(what: string, fn: () => T, fallback: T, errors: string[]): T {
  try {
    return fn();
  } catch (error) {
    errors.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    return fallback;
  }
}
