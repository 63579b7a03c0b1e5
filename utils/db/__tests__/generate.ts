/**
 * Deterministic synthetic history for tests, the bench and the e2e seed: `count` turns spread
 * over `days` days ending at `end`, on five sites, ~20 turns per conversation, 5% unpriced
 * (an unresolved model), costs as integer micro-USD.
 */
import type { StoredEvent } from '@/utils/db/types';

const SITES = [
  { site: 'chatgpt', model: 'openai/gpt-5', label: 'GPT-5', family: 'o200k_base' },
  {
    site: 'claude',
    model: 'anthropic/claude-sonnet-4-5',
    label: 'Sonnet 4.5',
    family: 'estimate:claude',
  },
  {
    site: 'deepseek',
    model: 'deepseek/deepseek-v3.2',
    label: 'DeepSeek-V3.2',
    family: 'deepseek-v3',
  },
  { site: 'gemini', model: 'google/gemini-2.5-pro', label: '2.5 Pro', family: 'gemma3' },
  { site: 'qwen', model: 'alibaba/qwen3.6-plus', label: 'Qwen3.6-Plus', family: 'qwen3' },
];

/** mulberry32: small, seedable, good enough for test data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateEvents(
  count: number,
  options: { end: number; days: number; seed?: number },
): StoredEvent[] {
  const random = rng(options.seed ?? 1);
  const span = options.days * 86_400_000;
  const times = Array.from({ length: count }, () => options.end - 1 - Math.floor(random() * span));
  times.sort((a, b) => a - b);
  const events: StoredEvent[] = [];
  let conv = 0;
  let turn = 0;
  let s = SITES[0];
  for (let i = 0; i < count; i++) {
    if (turn === 0 || random() < 0.05) {
      conv++;
      turn = 0;
      s = SITES[Math.floor(random() * SITES.length)];
    }
    const unpriced = random() < 0.05;
    const input = 200 + Math.floor(random() * 20_000);
    const output = 50 + Math.floor(random() * 2_000);
    const conversationId = `conv-${conv}`;
    events.push({
      key: `${s.site}|${conversationId}|${turn}|h${i.toString(36)}`,
      time: times[i],
      site: s.site,
      conversationId,
      conversation: `${s.site}|${conversationId}`,
      turnIndex: turn,
      modelLabel: unpriced ? 'Mystery model' : s.label,
      model: unpriced ? null : s.model,
      input: { tokens: input, provenance: 'exact', family: s.family },
      output: { tokens: output, provenance: 'exact', family: s.family },
      reasoning: { tokens: 0, provenance: 'unknown', family: s.family },
      costMicroUsd: unpriced ? null : Math.round(input * 1.25 + output * 10),
      rateCardVersion: unpriced ? null : 'test-card-1',
      prices: unpriced
        ? null
        : {
            source: 'models.dev',
            offer: 'default',
            currency: 'USD',
            perMillion: { input: 1.25, output: 10 },
            tierAbove: null,
          },
      flags: 0,
    });
    turn++;
  }
  return events;
}
