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
const RESOLVED_FILE = join(CARD_CACHE_DIR, 'resolved-ids.json');
/** Ids remembered at most; past this the list starts afresh. */
const MAX_RESOLVED = 2000;

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

/** The code that resolves ids on a card (resolve.ts and what it imports). */
const RESOLVERS = [
  'utils/core/ratecard/resolve.ts',
  'utils/core/ratecard/keys.ts',
  'utils/core/ratecard/providers.ts',
];

/**
 * `resolveModelId(bundled card, id)`, remembered beside the cached card (keyed on the card's key
 * and the resolving code): `count` asks for one id, and parsing the whole card (~190 KB) and
 * indexing every model to answer it took ~10–30 ms of its start. An id not remembered yet is resolved on the card and
 * added (a null answer too: unknown stays unknown until the card changes).
 */
export async function cachedModelId(id: string): Promise<string | null> {
  const hash = createHash('sha256').update(cardCacheKey());
  for (const file of RESOLVERS) hash.update(`${file}\n`).update(readFileSync(join(ROOT, file)));
  const key = hash.digest('hex');
  let ids: Record<string, string | null> = {};
  try {
    const cached = JSON.parse(readFileSync(RESOLVED_FILE, 'utf8')) as {
      key: string;
      ids: Record<string, string | null>;
    };
    if (cached.key === key) ids = cached.ids;
  } catch {
    // Not cached yet (or unreadable): resolve below.
  }
  if (Object.hasOwn(ids, id)) return ids[id];
  const { resolveModelId } = await import('../../utils/core/ratecard/resolve');
  const resolved = resolveModelId(await cachedBundledCard(), id);
  if (Object.keys(ids).length >= MAX_RESOLVED) ids = {};
  ids[id] = resolved;
  try {
    mkdirSync(CARD_CACHE_DIR, { recursive: true });
    const tmp = `${RESOLVED_FILE}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, JSON.stringify({ key, ids }));
    renameSync(tmp, RESOLVED_FILE);
  } catch {
    // A read-only checkout still counts; it resolves again next time.
  }
  return resolved;
}
