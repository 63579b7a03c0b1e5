/**
 * The dashboard bench's history, written inside an extension page by the extension's own write
 * paths: chat turns through `recordEvents` (utils/db/write.ts) and imported usage through
 * `storeImported` (utils/db/imports.ts), so every rollup (days, months, conversations, imported
 * days) is folded by the code the background runs. dashboard.bench.ts bundles this file with
 * esbuild and evaluates it in the page (a global `tmSeed`); nothing crosses the DevTools
 * connection but the batch numbers.
 *
 * The history: utils/db/__tests__/generate.ts's sites, models and prices (5% unpriced, ~20
 * turns per conversation), plus every fifth event an imported agent or API event with cache
 * reads (Claude Code, Codex, OpenRouter billed), over seven projects.
 */
import { rng } from '../../utils/db/__tests__/generate';
import { blocksState, dayOf } from '../../utils/db/export-blocks';
import { storeImported } from '../../utils/db/imports';
import { HistoryDB } from '../../utils/db/schema';
import type { StoredEvent } from '../../utils/db/types';
import { recordEvents } from '../../utils/db/write';

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
const IMPORTED = [
  {
    source: 'claude-code',
    kind: 'api',
    label: 'claude-sonnet-4-5',
    model: 'anthropic/claude-sonnet-4-5',
  },
  { source: 'codex', kind: 'api', label: 'gpt-5-codex', model: 'openai/gpt-5-codex' },
  {
    source: 'openrouter',
    kind: 'billed',
    label: 'deepseek/deepseek-v3.2',
    model: 'deepseek/deepseek-v3.2',
  },
] as const;

/**
 * `count` events spread over `days` days ending at `end` (batch `batch`, whose first event is
 * number `n0` of the whole history: keys are unique across batches).
 */
export function generateHistory(
  count: number,
  end: number,
  days: number,
  seed: number,
  batch: number,
  n0: number,
): StoredEvent[] {
  const random = rng(seed);
  const span = days * 86_400_000;
  const times = Array.from({ length: count }, () => end - 1 - Math.floor(random() * span));
  times.sort((x, y) => x - y);
  const out: StoredEvent[] = [];
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
    const cost = unpriced ? null : Math.round(input * 1.25 + output * 10);
    const n = n0 + i;
    if (n % 5 === 4) {
      const im = IMPORTED[n % 3];
      const family = `import:${im.source}`;
      const conversationId = `session-${batch}-${conv}`;
      out.push({
        key: `import|${im.source}|b${batch}|${i}`,
        time: times[i],
        site: im.source,
        conversationId,
        conversation: `${im.source}|${conversationId}`,
        turnIndex: 0,
        modelLabel: im.label,
        model: unpriced ? null : im.model,
        input: { tokens: input, provenance: 'site', family },
        output: { tokens: output, provenance: 'site', family },
        reasoning: { tokens: 0, provenance: 'site', family },
        costMicroUsd: cost,
        rateCardVersion: cost === null || im.kind === 'billed' ? null : 'bench-card',
        prices: null,
        flags: 0,
        imported: {
          source: im.source,
          agent: im.source,
          project: `/home/me/project-${n % 7}`,
          session: conversationId,
          cacheRead: input * 9,
          cacheWrite5m: Math.round(input / 10),
          cacheWrite1h: 0,
          requests: 1,
          period: null,
          costKind: cost === null ? 'unpriced' : im.kind,
          statedMicroUsd: im.kind === 'billed' ? cost : null,
        },
      });
    } else {
      const conversationId = `conv-${batch}-${conv}`;
      out.push({
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
        costMicroUsd: cost,
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
    }
    turn++;
  }
  return out;
}

let db: HistoryDB | undefined;

/** Generate one batch and store it through the write paths; the events stored. */
export async function seedBatch(
  args: [count: number, end: number, days: number, seed: number, batch: number, n0: number],
  timeZone: string,
): Promise<number> {
  db ??= new HistoryDB();
  const events = generateHistory(...args);
  const turns = events.filter((e) => !e.imported);
  const imported = events.filter((e) => e.imported);
  const chat = await recordEvents(db, turns, { timeZone });
  const usage = await storeImported(db, imported, { timeZone });
  return chat.added.length + usage.added;
}

/** Rows of each derived table (printed beside the seeding time). */
export async function rollupRows(): Promise<Record<string, number>> {
  db ??= new HistoryDB();
  const tables = ['dayTotals', 'dayConversations', 'conversations', 'importDays', 'spendMonths'];
  const counts = await Promise.all(tables.map((t) => db!.table(t).count()));
  db.close();
  db = undefined;
  return Object.fromEntries(tables.map((t, i) => [t, counts[i]]));
}

/**
 * Days whose export blocks the background has still to build (stale days, and every day from the
 * first unbuilt one to today): above 0, its rebuild is running.
 */
export async function blocksLeft(now: number): Promise<number> {
  const own = new HistoryDB();
  try {
    const { rowsFrom, stale } = await blocksState(own);
    const unbuilt = rowsFrom === null ? 0 : Math.max(0, dayOf(now) - rowsFrom + 1);
    return stale.length + unbuilt;
  } finally {
    own.close();
  }
}
