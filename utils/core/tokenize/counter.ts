/**
 * The counting service: model → tokenizer family → count, with vocabularies loaded lazily,
 * once, by a loader the host supplies (the background fetches extension files; Node reads
 * node_modules). Every count carries its provenance and family id.
 */
import type { TokenCount } from '../types';
import { ChunkCache, splitChunks } from './chunks';
import { Encoder } from './encoder';
import { familyById, tokenizerForModel, type TokenizerFamily, type VocabId } from './families';
import type { Vocabulary } from './vocab';

export type VocabLoader = (id: VocabId) => Promise<Vocabulary>;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;
const NON_SPACE = /\S/gu;

/** Share of CJK characters among the non-whitespace characters of `text` (0 when none). */
export function cjkShare(text: string): number {
  const visible = text.match(NON_SPACE)?.length ?? 0;
  if (visible === 0) return 0;
  return (text.match(CJK)?.length ?? 0) / visible;
}

/**
 * Tokens of `text` for `family`, with an encoder of the family's vocabulary. Exact families
 * return the vocabulary's count. Estimates scale it per chunk by the chunk's CJK share
 * (factor = other·(1−p) + cjk·p) and round the sum: chunks are a function of the text, so the
 * incremental path below gives the same number.
 */
export function countTokens(text: string, family: TokenizerFamily, encoder: Encoder): number {
  if (family.provenance === 'exact') return encoder.count(text);
  let sum = 0;
  for (const chunk of splitChunks(text)) sum += estimateChunk(family, encoder, chunk);
  return Math.round(sum);
}

function estimateChunk(family: TokenizerFamily, encoder: Encoder, chunk: string): number {
  const base = encoder.count(chunk);
  const f = family.factors;
  if (!f || base === 0) return base;
  const p = cjkShare(chunk);
  return base * (f.other * (1 - p) + f.cjk * p);
}

/** One family's counter with its chunk cache: what the background uses while a user types. */
export class FamilyCounter {
  private readonly chunks: ChunkCache;

  constructor(
    readonly family: TokenizerFamily,
    encoder: Encoder,
  ) {
    this.chunks =
      family.provenance === 'exact'
        ? new ChunkCache((chunk) => encoder.count(chunk), encoder.vocabulary.splitChunks)
        : new ChunkCache((chunk) => estimateChunk(family, encoder, chunk));
  }

  /** Same number as `countTokens(text, family, encoder)`, re-tokenizing only changed chunks. */
  count(text: string): number {
    return Math.round(this.chunks.total(text));
  }
}

export class TokenCounter {
  private readonly vocabs = new Map<VocabId, Promise<Encoder>>();
  private readonly counters = new Map<string, Promise<FamilyCounter>>();

  constructor(private readonly load: VocabLoader) {}

  /** The encoder of a vocabulary, loading it on first use (a failed load is retried next time). */
  encoder(id: VocabId): Promise<Encoder> {
    let pending = this.vocabs.get(id);
    if (!pending) {
      pending = this.load(id).then((v) => new Encoder(v));
      pending.catch(() => this.vocabs.delete(id));
      this.vocabs.set(id, pending);
    }
    return pending;
  }

  private counter(family: TokenizerFamily): Promise<FamilyCounter> {
    let pending = this.counters.get(family.id);
    if (!pending) {
      pending = this.encoder(family.vocab).then((e) => new FamilyCounter(family, e));
      pending.catch(() => this.counters.delete(family.id));
      this.counters.set(family.id, pending);
    }
    return pending;
  }

  /**
   * Count `text` for a model id (canonical or bare; null → default estimate). Never throws on
   * text. When a family's vocabulary fails to load and the family names a fallback estimate,
   * the count is that estimate, labelled as one (the load is tried again on the next count).
   * With `once` (a text counted a single time, as the CLI does), the text is counted whole by
   * `countTokens`, without the chunk cache's splitting and bookkeeping: the same number.
   */
  async count(text: string, modelId: string | null, once = false): Promise<TokenCount> {
    const choice = tokenizerForModel(modelId);
    let { family, provenance } = choice;
    const measurer = async (f: TokenizerFamily): Promise<(text: string) => number> => {
      if (!once) {
        const counter = await this.counter(f);
        return (t) => counter.count(t);
      }
      const encoder = await this.encoder(f.vocab);
      return (t) => countTokens(t, f, encoder);
    };
    let measure: (text: string) => number;
    try {
      measure = await measurer(family);
    } catch (error) {
      const fallback = family.fallback ? familyById(family.fallback) : undefined;
      if (!fallback) throw error;
      family = fallback;
      provenance = 'estimate';
      measure = await measurer(fallback);
    }
    return {
      tokens: measure(typeof text === 'string' ? text : ''),
      provenance,
      family: family.id,
    };
  }
}
