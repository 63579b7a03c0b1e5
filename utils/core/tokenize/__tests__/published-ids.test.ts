// Token ids published by others (tests/fixtures/tokenize/published-ids.ts says where from),
// against the shipped vocabulary files: their ranks and pattern, encoded by OpenAI's Rust tiktoken
// (npm `tiktoken`), give exactly those ids, and the engine gives their number.
import { describe, expect, it } from 'vitest';
import { Tiktoken } from 'tiktoken/lite';
import { PUBLISHED_IDS } from '../../../../tests/fixtures/tokenize/published-ids';
import { shippedVocab } from '../../../../scripts/tokenizer-assets';
import { encoderFor } from './vocabs';

/** Ids before the first rank: Tekken's 1,000 special ids; Kimi's specials come after its ranks. */
const FIRST_RANK = { 'kimi-k2': 0, tekken: 1000 } as const;

describe.each(Object.keys(PUBLISHED_IDS) as (keyof typeof PUBLISHED_IDS)[])('%s', (id) => {
  it('gives the published ids and their number', async () => {
    const ranks = (await shippedVocab(id)) as { pat_str: string; bpe_ranks: string };
    const enc = new Tiktoken(ranks.bpe_ranks, {}, ranks.pat_str);
    const encoder = await encoderFor(id);
    try {
      for (const [text, ids] of PUBLISHED_IDS[id]) {
        const got = [...enc.encode_ordinary(text)].map((rank) => rank + FIRST_RANK[id]);
        expect(got, text).toEqual(ids);
        expect(encoder.count(text), text).toBe(ids.length);
      }
    } finally {
      enc.free();
    }
  });
});
