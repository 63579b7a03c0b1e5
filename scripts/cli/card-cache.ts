// The bundled rate card as the CLI's quick commands read it: validated once (zod, ~50–200 ms
// with its module graph) and kept as plain JSON under the build output, read back in ~2 ms.
// Keyed like the vocabulary cache: a hash of the snapshot and of the code that validates it
// (and zod's version); any change, or a missing or unreadable file, validates it again. The
// file is written to a temporary name first, then renamed, so parallel runs never read half.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RateCard } from '../../utils/core/ratecard/schema';
import { ROOT } from '../repo-root';

export const CARD_CACHE_DIR = join(ROOT, '.output', 'card-cache');
const CARD_FILE = join(CARD_CACHE_DIR, 'bundled-card.json');

/** The files whose content decides what the validated bundled card is. */
const MAKERS = [
  'utils/core/ratecard/snapshot.json',
  'utils/core/ratecard/schema.ts',
  'utils/core/ratecard/bundled.ts',
  'node_modules/zod/package.json',
];

export function cardCacheKey(): string {
  const hash = createHash('sha256');
  for (const file of MAKERS) hash.update(`${file}\n`).update(readFileSync(join(ROOT, file)));
  return hash.digest('hex');
}

/** `getBundledCard()`, from the cache when it holds the current card's validated form. */
export async function cachedBundledCard(): Promise<RateCard> {
  const key = cardCacheKey();
  try {
    const cached = JSON.parse(readFileSync(CARD_FILE, 'utf8')) as { key: string; card: RateCard };
    if (cached.key === key) return cached.card;
  } catch {
    // Not cached yet (or unreadable): validate below.
  }
  const { getBundledCard } = await import('../../utils/core/ratecard/bundled');
  const card = getBundledCard();
  try {
    mkdirSync(CARD_CACHE_DIR, { recursive: true });
    const tmp = `${CARD_FILE}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, card }));
    renameSync(tmp, CARD_FILE);
  } catch {
    // A read-only checkout still counts; it validates again next time.
  }
  return card;
}
