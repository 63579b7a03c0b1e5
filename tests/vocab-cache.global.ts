// Vitest global setup: the shipped vocabulary files, built once into .output/vocab-cache before
// any test worker starts (a fresh clone builds them here, ~10 s; afterwards this only compares
// keys). Without it each worker that loads a vocabulary would build it again.
import { warmVocabCache } from '../scripts/vocab-cache';

export default async function setup(): Promise<void> {
  const started = performance.now();
  const built = await warmVocabCache();
  if (built.length > 0) {
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `vocabulary cache: built ${built.join(', ')} in ${seconds} s (.output/vocab-cache)`,
    );
  }
}
