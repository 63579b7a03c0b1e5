/**
 * Token counts by content, so a 100-turn conversation is counted once, not on every keystroke:
 * a cache per model keyed by the text itself, concurrent asks for the same text sharing one
 * message, and many new texts sent in a few batched messages. It also knows whether the token
 * engine answered last time ("engine unavailable" in the view, instead of a zero).
 */
import type { TokenCount } from '@/utils/core/types';
import type { MeterServices } from '../types';

/**
 * Texts and characters per `countTokensBatch` message: large enough that a 1,000-turn page is
 * counted in a handful of messages, small enough that cloning one message and counting it in
 * the worker stay short tasks.
 */
export const BATCH_TEXTS = 250;
export const BATCH_CHARS = 200_000;
/** Texts per model before that model's cache is cleared (bounds memory on pathological pages). */
export const MAX_CACHED_TEXTS = 20_000;

const EMPTY_COUNT: TokenCount = { tokens: 0, provenance: 'exact', family: 'empty' };

/**
 * Texts in order, cut into batches of at most `maxTexts` texts and, unless a single text is
 * longer, `maxChars` characters.
 */
export function chunkTexts(
  texts: readonly string[],
  maxTexts = BATCH_TEXTS,
  maxChars = BATCH_CHARS,
): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let chars = 0;
  for (const text of texts) {
    if (chunk.length >= maxTexts || (chunk.length > 0 && chars + text.length > maxChars)) {
      chunks.push(chunk);
      chunk = [];
      chars = 0;
    }
    chunk.push(text);
    chars += text.length;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

export interface CountCache {
  /** One text's count (null: the engine did not answer). */
  count(model: string | null, text: string): Promise<TokenCount | null>;
  /** Counts of many texts (null = nothing to count), cached where possible, batched otherwise. */
  countAll(model: string | null, texts: readonly (string | null)[]): Promise<(TokenCount | null)[]>;
  /** The last answer from the token engine was a failure. */
  engineDown(): boolean;
}

interface CountState {
  services: MeterServices;
  /** Counts per model ('' = no model), keyed by the text itself. */
  cache: Map<string, Map<string, TokenCount>>;
  /** Answers on their way, by model and text. */
  inflight: Map<string, Promise<TokenCount | null>>;
  engineDown: boolean;
}

const inflightKey = (model: string | null, text: string) => `${model ?? ''}\u0000${text}`;

// Keyed by the text itself: the runner hands over the same string objects until a turn
// changes, and V8 caches a string's hash, so a lookup does not re-read a long turn.
function countMap(st: CountState, model: string | null): Map<string, TokenCount> {
  const key = model ?? '';
  let map = st.cache.get(key);
  if (!map) {
    map = new Map();
    st.cache.set(key, map);
  }
  if (map.size > MAX_CACHED_TEXTS) map.clear();
  return map;
}

/** Remember `pending` as the answer for a text until it settles (concurrent asks share it). */
function share(st: CountState, key: string, pending: Promise<TokenCount | null>): void {
  st.inflight.set(key, pending);
  void pending.finally(() => st.inflight.delete(key));
}

async function countOne(
  st: CountState,
  model: string | null,
  text: string,
): Promise<TokenCount | null> {
  if (text === '') return { tokens: 0, provenance: 'exact', family: 'empty' };
  const map = countMap(st, model);
  const hit = map.get(text);
  if (hit) return hit;
  const key = inflightKey(model, text);
  let pending = st.inflight.get(key);
  if (!pending) {
    pending = st.services.countTokens(model, text).then(
      (c) => {
        map.set(text, c);
        st.engineDown = false;
        return c;
      },
      () => {
        st.engineDown = true;
        return null;
      },
    );
    share(st, key, pending);
  }
  return pending;
}

/** Send one batch; each of its texts' answers is shared with concurrent asks until it arrives. */
function sendBatch(
  st: CountState,
  batch: NonNullable<MeterServices['countTokensBatch']>,
  model: string | null,
  map: Map<string, TokenCount>,
  sent: string[],
  waits: Map<string, Promise<TokenCount | null>>,
): void {
  const reply = batch(model, sent).then(
    (counts) => {
      st.engineDown = false;
      return counts;
    },
    () => {
      st.engineDown = true;
      return null;
    },
  );
  sent.forEach((text, k) => {
    const one = reply.then((counts) => {
      const c = counts?.[k] ?? null;
      if (c) map.set(text, c);
      return c;
    });
    share(st, inflightKey(model, text), one);
    waits.set(text, one);
  });
}

/** Counts of many texts: from the cache where possible, in a few batched messages otherwise. */
async function countMany(
  st: CountState,
  model: string | null,
  texts: readonly (string | null)[],
): Promise<(TokenCount | null)[]> {
  const map = countMap(st, model);
  const out: (TokenCount | null)[] = new Array(texts.length);
  const missing: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i];
    if (text === null) out[i] = null;
    else if (text === '') out[i] = EMPTY_COUNT;
    else {
      const hit = map.get(text);
      if (hit) out[i] = hit;
      else missing.push(i);
    }
  }
  if (missing.length === 0) return out;
  const batch = st.services.countTokensBatch?.bind(st.services);
  if (!batch) {
    await Promise.all(missing.map(async (i) => (out[i] = await countOne(st, model, texts[i]!))));
    return out;
  }
  // Each new text once: already asked for (a count in flight) or sent now, in batches.
  const waits = new Map<string, Promise<TokenCount | null>>();
  const toSend = new Set<string>();
  for (const i of missing) {
    const text = texts[i]!;
    if (waits.has(text) || toSend.has(text)) continue;
    const pending = st.inflight.get(inflightKey(model, text));
    if (pending) waits.set(text, pending);
    else toSend.add(text);
  }
  for (const chunk of chunkTexts([...toSend])) sendBatch(st, batch, model, map, chunk, waits);
  const results = new Map<string, TokenCount | null>();
  await Promise.all([...waits].map(async ([text, p]) => results.set(text, await p)));
  for (const i of missing) out[i] = results.get(texts[i]!) ?? null;
  return out;
}

export function createCountCache(services: MeterServices): CountCache {
  const st: CountState = { services, cache: new Map(), inflight: new Map(), engineDown: false };
  return {
    count: (model, text) => countOne(st, model, text),
    // A 1,000-turn page is not a thousand round trips.
    countAll: (model, texts) => countMany(st, model, texts),
    engineDown: () => st.engineDown,
  };
}
