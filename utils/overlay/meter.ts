/**
 * The meter: turns page snapshots into counts, costs and recorded turns.
 *
 * It holds no DOM: the runner reads the page and calls `update(snapshot)`; the MAIN-world hook's
 * usage arrives through `addUsage(report)`. Counting and pricing go through `MeterServices`
 * (messages to the background), cached by content hash so a 100-turn conversation is counted
 * once, not on every keystroke.
 *
 * Recording: only a reply this page saw being produced (the site's streaming indicator, or its
 * text growing in place) is recorded, once it has settled. Turns already on screen when a
 * conversation opens are history, not new spend. The key (site + conversation + turn index +
 * content hash) makes a re-render, a reload or a retry after a failed send idempotent in the
 * background; a regenerated reply has a new hash and is recorded as new output.
 */
import type { AdapterPricing, Turn } from '@/utils/sites/types';
import { resolveSiteModel } from '@/utils/sites';
import type { Provenance, TokenCount, TurnEvent, Usage } from '@/utils/core/types';
import { exchangeHash, provisionalConversationId, turnKey } from './accounting';
import { clock, SLICE_MS, yieldToPage } from './slice';
import type {
  MeterServices,
  MeterView,
  ModelInfo,
  ModelView,
  PriceReply,
  Snapshot,
  TurnRow,
  UsageReport,
} from './types';

export interface MeterOptions {
  site: { id: string; label: string };
  /** 'api-id' sites (playgrounds, OpenRouter) send their label to the card's resolver as is. */
  pricing?: AdapterPricing;
  services: MeterServices;
  onView: (view: MeterView) => void;
  /** Quiet time after which a reply that stopped streaming counts as complete. */
  settleMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
  /** Include prompt and reply text in recorded events (privacy opt-in). */
  storeText?: () => boolean;
}

interface Witness {
  startedAt: number;
  lastChange: number;
  text: string;
}

interface Recorded {
  hash: string;
  status: 'pending' | 'saved' | 'failed';
  event: TurnEvent;
  attempts: number;
}

const PROVENANCE_RANK: Record<Provenance, number> = {
  site: 0,
  exact: 1,
  vocab: 2,
  estimate: 3,
  unknown: 4,
};

/** The weakest provenance of a sum's parts (a sum is only as exact as its least exact part). */
export function weakest(counts: readonly TokenCount[]): Provenance {
  let worst: Provenance = 'site';
  for (const c of counts)
    if (PROVENANCE_RANK[c.provenance] > PROVENANCE_RANK[worst]) worst = c.provenance;
  return counts.length === 0 ? 'exact' : worst;
}

export function sumCounts(counts: readonly TokenCount[]): TokenCount {
  const families = new Set(counts.map((c) => c.family));
  return {
    tokens: counts.reduce((n, c) => n + c.tokens, 0),
    provenance: weakest(counts),
    family: families.size === 1 ? [...families][0] : families.size === 0 ? 'none' : 'mixed',
  };
}

/** Sends of one turn before it is shown as not saved (about two minutes with the backoff). */
const MAX_RECORD_ATTEMPTS = 8;

const UNKNOWN_REASONING: TokenCount = { tokens: 0, provenance: 'unknown', family: 'hidden' };
const EMPTY_COUNT: TokenCount = { tokens: 0, provenance: 'exact', family: 'empty' };

/**
 * Texts and characters per `countTokensBatch` message (and usages per `priceUsageMany`): large
 * enough that a 1,000-turn page is counted in a handful of messages, small enough that cloning
 * one message and counting it in the worker stay short tasks.
 */
const BATCH_TEXTS = 250;
const BATCH_CHARS = 200_000;
const BATCH_USAGES = 1000;

/** Two reads of a turn say the same (the runner hands over the same object when unchanged). */
function sameTurn(a: Turn | undefined, b: Turn | undefined): boolean {
  return a === b || (!!a && !!b && a.text === b.text && a.thinking === b.thinking);
}

export function createMeter(options: MeterOptions) {
  const { site, services, onView } = options;
  const settleMs = options.settleMs ?? 1200;
  const now = options.now ?? (() => Date.now());
  const setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
  const clearTimer =
    options.clearTimer ?? ((h) => clearTimeout(h as ReturnType<typeof setTimeout>));

  let snapshot: Snapshot | null = null;
  let conversation: string | null = null;
  let baselineTaken = false;
  let prevTurns: readonly Turn[] = [];
  let witnessed = new Map<number, Witness>();
  let liveUser: number | null = null;
  let recorded = new Map<number, Recorded>();
  const seenKeys = new Set<string>();
  let override: string | null = null;
  let usageReports: UsageReport[] = [];
  let engineDown = false;
  let disposed = false;
  let settleTimer: unknown = null;

  // Caches by content: counts per (model, text hash), model infos, prices per usage.
  const countCache = new Map<string, Map<string, TokenCount>>();
  const countInflight = new Map<string, Promise<TokenCount | null>>();
  const infoCache = new Map<string, ModelInfo | null>();
  const priceCache = new Map<string, PriceReply>();
  const priceInflight = new Map<string, Promise<PriceReply>>();
  let draftSeq = 0;
  let draftState: {
    text: string;
    model: string | null;
    assumed: number;
    tokens: TokenCount | null;
    costMicros: number | null;
    note?: string;
  } | null = null;

  let refreshing = false;
  /** Bumped whenever a recording changes, so the cached breakdown is rebuilt. */
  let recordVersion = 0;
  let rowsCache: {
    turns: readonly unknown[];
    key: string;
    rows: TurnRow[];
    costMicros: number | null;
    costNote?: string;
  } | null = null;
  let refreshAgain = false;

  function conversationKey(s: Snapshot): string {
    return s.conversationId ?? provisionalConversationId(s.turns);
  }

  function resetConversation() {
    rowsCache = null;
    baselineTaken = false;
    prevTurns = [];
    witnessed = new Map();
    liveUser = null;
    recorded = new Map();
    usageReports = [];
  }

  /** Witness streaming replies and decide which ones are complete. Synchronous and cheap. */
  function observe(s: Snapshot) {
    // A new chat gets its id from the site mid-stream (ChatGPT: "/" → "/c/<id>"): not a switch.
    if (s.conversationId !== conversation) {
      if (conversation !== null && s.conversationId !== null) resetConversation();
      else if (conversation !== null && s.conversationId === null) resetConversation();
      conversation = s.conversationId;
    }
    const t = now();
    // Only the last turn's text is compared: a long page costs no string work per snapshot.
    const textOf = (i: number) => `${s.turns[i].text}\u0000${s.turns[i].thinking}`;
    if (!baselineTaken) {
      baselineTaken = true;
      prevTurns = s.turns;
      // A reply already streaming when the page opens is being produced now: witness it.
      const last = s.turns.length - 1;
      if (s.streaming && last >= 0 && s.turns[last].role === 'assistant')
        witnessed.set(last, { startedAt: t, lastChange: t, text: textOf(last) });
      return;
    }
    const last = s.turns.length - 1;
    const prevLength = prevTurns.length;
    // A live send adds one user turn at the end (maybe with its reply already started); a
    // conversation's history loading late adds many at once. Only the former is new spend.
    const added = s.turns.length - prevLength;
    if (added > 0 && added <= 2 && s.turns[prevLength].role === 'user') {
      liveUser = prevLength;
    }
    if (last >= 0 && s.turns[last].role === 'assistant') {
      const grew = last < prevLength && !sameTurn(prevTurns[last], s.turns[last]);
      const appearedStreaming =
        last >= prevLength && (s.streaming || (liveUser !== null && last === liveUser + 1));
      const existing = witnessed.get(last);
      if (existing) {
        const text = textOf(last);
        if (existing.text !== text) {
          existing.text = text;
          existing.lastChange = t;
        }
        if (s.streaming) existing.lastChange = t;
      } else if (grew || appearedStreaming) {
        // Not merely `s.streaming`: a stop button can show before the new reply's element
        // exists, while the final turn is still the previous, long finished reply.
        witnessed.set(last, { startedAt: t, lastChange: t, text: textOf(last) });
      }
    }
    prevTurns = s.turns;
  }

  function completedIndices(s: Snapshot): number[] {
    const done: number[] = [];
    const t = now();
    const finalIndex = s.turns.length - 1;
    for (const [index, w] of witnessed) {
      const turn = s.turns[index];
      if (!turn || turn.role !== 'assistant') {
        witnessed.delete(index);
        continue;
      }
      if (turn.text.trim() === '' && turn.thinking.trim() === '') continue;
      const isFinal = index === finalIndex;
      if (!isFinal || (!s.streaming && t - w.lastChange >= settleMs)) done.push(index);
    }
    return done;
  }

  function scheduleSettle() {
    if (settleTimer !== null) clearTimer(settleTimer);
    settleTimer = null;
    if (witnessed.size === 0 || disposed) return;
    settleTimer = setTimer(() => {
      settleTimer = null;
      if (snapshot && !disposed) {
        observe(snapshot);
        void refresh();
        scheduleSettle();
      }
    }, settleMs);
  }

  // Keyed by the text itself: the runner hands over the same string objects until a turn
  // changes, and V8 caches a string's hash, so a lookup does not re-read a long turn.
  function countMap(model: string | null): Map<string, TokenCount> {
    const key = model ?? '';
    let map = countCache.get(key);
    if (!map) {
      map = new Map();
      countCache.set(key, map);
    }
    if (map.size > 20_000) map.clear(); // bound memory on pathological pages
    return map;
  }

  async function count(model: string | null, text: string): Promise<TokenCount | null> {
    if (text === '') return { tokens: 0, provenance: 'exact', family: 'empty' };
    const map = countMap(model);
    const hit = map.get(text);
    if (hit) return hit;
    const inflightKey = `${model ?? ''}\u0000${text}`;
    let pending = countInflight.get(inflightKey);
    if (!pending) {
      pending = services.countTokens(model, text).then(
        (c) => {
          map.set(text, c);
          engineDown = false;
          return c;
        },
        () => {
          engineDown = true;
          return null;
        },
      );
      countInflight.set(inflightKey, pending);
      void pending.finally(() => countInflight.delete(inflightKey));
    }
    return pending;
  }

  async function info(id: string): Promise<ModelInfo | null> {
    if (infoCache.has(id)) return infoCache.get(id)!;
    let value: ModelInfo | null;
    try {
      value = await services.modelInfo(id);
    } catch {
      // The card cannot answer (not loaded yet): do not cache, try again next time.
      return null;
    }
    infoCache.set(id, value);
    return value;
  }

  async function price(model: string, usage: Usage): Promise<PriceReply> {
    const key = `${model}|${usage.input}|${usage.output}|${usage.reasoning ?? 0}`;
    const hit = priceCache.get(key);
    if (hit) return hit;
    // Concurrent asks for the same usage share one message.
    let pending = priceInflight.get(key);
    if (!pending) {
      pending = services.priceUsage(model, usage).then(
        (reply) => {
          priceCache.set(key, reply);
          return reply;
        },
        (error): PriceReply => ({
          priced: false,
          reason: error instanceof Error ? error.message : 'pricing unavailable',
        }),
      );
      priceInflight.set(key, pending);
      void pending.finally(() => priceInflight.delete(key));
    }
    return pending;
  }

  /**
   * Counts of many texts (null = nothing to count), from the cache where possible and in a few
   * batched messages otherwise: a 1,000-turn page is not a thousand round trips.
   */
  async function countAll(
    model: string | null,
    texts: readonly (string | null)[],
  ): Promise<(TokenCount | null)[]> {
    const map = countMap(model);
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
    const batch = services.countTokensBatch?.bind(services);
    if (!batch) {
      await Promise.all(missing.map(async (i) => (out[i] = await count(model, texts[i]!))));
      return out;
    }
    const modelKey = model ?? '';
    const waits = new Map<string, Promise<TokenCount | null>>();
    let chunk: string[] = [];
    let chars = 0;
    const send = () => {
      const sent = chunk;
      chunk = [];
      chars = 0;
      const reply = batch(model, sent).then(
        (counts) => {
          engineDown = false;
          return counts;
        },
        () => {
          engineDown = true;
          return null;
        },
      );
      sent.forEach((text, k) => {
        const key = `${modelKey}\u0000${text}`;
        const one = reply.then((counts) => {
          const c = counts?.[k] ?? null;
          if (c) map.set(text, c);
          return c;
        });
        countInflight.set(key, one);
        void one.finally(() => countInflight.delete(key));
        waits.set(text, one);
      });
    };
    for (const i of missing) {
      const text = texts[i]!;
      if (waits.has(text)) continue;
      const pending = countInflight.get(`${modelKey}\u0000${text}`);
      if (pending) {
        waits.set(text, pending);
        continue;
      }
      if (chunk.length >= BATCH_TEXTS || (chunk.length > 0 && chars + text.length > BATCH_CHARS))
        send();
      chunk.push(text);
      chars += text.length;
      waits.set(text, Promise.resolve(null)); // placeholder, replaced when the chunk is sent
    }
    if (chunk.length > 0) send();
    const results = new Map<string, TokenCount | null>();
    await Promise.all([...waits].map(async ([text, p]) => results.set(text, await p)));
    for (const i of missing) out[i] = results.get(texts[i]!) ?? null;
    return out;
  }

  /** Prices of many usages on one model: cached, the rest in one message where possible. */
  async function priceAll(model: string, usages: readonly Usage[]): Promise<PriceReply[]> {
    const keyOf = (u: Usage) => `${model}|${u.input}|${u.output}|${u.reasoning ?? 0}`;
    const out: PriceReply[] = new Array(usages.length);
    const missing = new Map<string, number[]>();
    usages.forEach((usage, i) => {
      const key = keyOf(usage);
      const hit = priceCache.get(key);
      if (hit) out[i] = hit;
      else missing.set(key, [...(missing.get(key) ?? []), i]);
    });
    if (missing.size === 0) return out;
    const many = services.priceUsageMany?.bind(services);
    const groups = [...missing.values()];
    if (!many || groups.length === 1) {
      await Promise.all(
        groups.map(async (indices) => {
          const reply = await price(model, usages[indices[0]]);
          for (const i of indices) out[i] = reply;
        }),
      );
      return out;
    }
    for (let start = 0; start < groups.length; start += BATCH_USAGES) {
      const part = groups.slice(start, start + BATCH_USAGES);
      let replies: PriceReply[] | null = null;
      try {
        replies = await many(
          model,
          part.map((indices) => usages[indices[0]]),
        );
      } catch (error) {
        const reason = error instanceof Error ? error.message : 'pricing unavailable';
        replies = part.map((): PriceReply => ({ priced: false, reason }));
      }
      part.forEach((indices, k) => {
        const reply: PriceReply = replies?.[k] ?? { priced: false, reason: 'pricing unavailable' };
        if (replies?.[k]) priceCache.set(keyOf(usages[indices[0]]), reply);
        for (const i of indices) out[i] = reply;
      });
    }
    return out;
  }

  /** A label's candidate id: an API id as shown, else the site's alias table (no guessing). */
  function candidateFor(label: string): string | null {
    if (options.pricing?.modelLabel === 'api-id') return label.trim() || null;
    return resolveSiteModel(site.id, label)?.model ?? null;
  }

  async function resolveModel(s: Snapshot): Promise<ModelView> {
    const streamModel = [...usageReports].reverse().find((r) => r.model)?.model ?? null;
    let candidate: string | null = null;
    let source: ModelView['source'] = 'none';
    if (override) {
      candidate = override;
      source = 'override';
    } else if (streamModel) {
      candidate = candidateFor(streamModel);
      source = candidate ? 'stream' : 'none';
    }
    if (!candidate && s.modelLabel) {
      candidate = candidateFor(s.modelLabel);
      if (candidate) source = 'label';
    }
    if (!candidate) {
      return {
        label: s.modelLabel,
        candidate: null,
        source: 'none',
        info: null,
        status: s.modelLabel ? 'unknown-label' : 'not-detected',
      };
    }
    const found = await info(candidate);
    return {
      label: s.modelLabel,
      candidate,
      source,
      info: found,
      status: found ? 'ok' : infoCache.has(candidate) ? 'unpriced' : 'loading',
    };
  }

  function usageFor(w: Witness | undefined): UsageReport | null {
    if (!w) return null;
    // The stream that produced this reply ended after the reply began streaming.
    const match = usageReports.find((r) => r.at >= w.startedAt - 5000);
    if (!match) return null;
    usageReports = usageReports.filter((r) => r !== match);
    return match;
  }

  function siteCount(tokens: number, format: string): TokenCount {
    return { tokens, provenance: 'site', family: `site:${format}` };
  }

  async function buildEvent(
    s: Snapshot,
    index: number,
    model: ModelView,
    inputCount: TokenCount,
    outputCount: TokenCount,
    reasoningCount: TokenCount,
  ): Promise<TurnEvent> {
    const conversationId = conversationKey(s);
    const hash = exchangeHash(s.turns, index);
    const previous = recorded.get(index);
    const usage = usageFor(witnessed.get(index));
    let input = inputCount;
    let output = outputCount;
    let reasoning = reasoningCount;
    if (usage) {
      if (usage.input !== undefined) input = siteCount(usage.input, usage.format);
      if (usage.output !== undefined) output = siteCount(usage.output, usage.format);
      if (usage.reasoning !== undefined) reasoning = siteCount(usage.reasoning, usage.format);
      if (usage.input === undefined && usage.total !== undefined) {
        // Only a total (DeepSeek): input = the site's total minus our count of what it produced.
        const produced =
          output.tokens + (reasoning.provenance === 'unknown' ? 0 : reasoning.tokens);
        if (usage.total >= produced) input = siteCount(usage.total - produced, usage.format);
      }
    }
    const event: TurnEvent = {
      key: turnKey(site.id, conversationId, index, hash),
      site: site.id,
      conversationId,
      turnIndex: index,
      time: now(),
      modelLabel: s.modelLabel,
      model: model.info?.id ?? null,
      input,
      output,
      reasoning,
    };
    if (previous && previous.hash !== hash) event.regenerated = true;
    if (options.pricing?.offer === 'openrouter') event.offer = 'openrouter';
    if (options.storeText?.()) {
      event.text = { prompt: index > 0 ? s.turns[index - 1].text : '', reply: s.turns[index].text };
    }
    return event;
  }

  async function send(index: number, rec: Recorded) {
    rec.attempts++;
    recordVersion++;
    try {
      await services.recordTurn(rec.event);
      rec.status = 'saved';
    } catch {
      rec.status = 'failed';
      // Retry on a timer, not only when the page next changes: the worker may be restarting,
      // and a page left idle (or closed soon after) lost the turn (found by
      // tests/unit/hardening/meter-faults.test.ts). The key makes a retry of a turn that was
      // in fact stored a duplicate, never a second row.
      if (rec.attempts < MAX_RECORD_ATTEMPTS && !disposed) {
        setTimer(
          () => {
            if (!disposed) void refresh();
          },
          Math.min(30_000, 500 * 2 ** rec.attempts),
        );
      }
    }
    recordVersion++;
  }

  async function compute(): Promise<MeterView | null> {
    const s = snapshot;
    if (!s) return null;
    const model = await resolveModel(s);
    const modelId = model.info?.id ?? model.candidate;

    // Texts and shown reasoning in one pass (and one batch of messages for what is new).
    const n = s.turns.length;
    const texts: (string | null)[] = new Array(n * 2);
    for (let i = 0; i < n; i++) {
      texts[i] = s.turns[i].text;
      texts[n + i] = s.turns[i].thinking || null;
    }
    const counted = await countAll(modelId, texts);
    const turnCounts = counted.slice(0, n);
    const thinkingCounts = counted.slice(n);
    let sliceStart = clock();

    const complete = new Set(completedIndices(s));
    const rowsKey = `${modelId ?? ''}|${model.info?.id ?? ''}|${recordVersion}|${engineDown}`;
    let rows: TurnRow[];
    let costMicros: number | null;
    let costNote: string | undefined;
    if (
      complete.size === 0 &&
      rowsCache &&
      rowsCache.turns === s.turns &&
      rowsCache.key === rowsKey
    ) {
      // Nothing about the turns changed (a keystroke in the composer): reuse the breakdown.
      ({ rows, costMicros, costNote } = rowsCache);
    } else {
      rows = [];
      // Input of the reply at i = turns 0..i-1: a running sum, so 1,000 turns cost 1,000 adds.
      let sum = 0;
      let known = true;
      let worst: Provenance = 'exact';
      let family: string | null = null;
      for (let i = 0; i < s.turns.length; i++) {
        if ((i & 255) === 255 && clock() - sliceStart > SLICE_MS) {
          await yieldToPage();
          sliceStart = clock();
        }
        const outputCount = turnCounts[i];
        if (s.turns[i].role === 'assistant') {
          const inputKnown = known && outputCount !== null;
          let input: TokenCount | null = inputKnown
            ? { tokens: sum, provenance: worst, family: family ?? 'none' }
            : null;
          let out = outputCount;
          let reasoning: TokenCount = thinkingCounts[i] ?? UNKNOWN_REASONING;
          let rec = recorded.get(i);
          const hash = rec || complete.has(i) ? exchangeHash(s.turns, i) : null;
          if (complete.has(i) && inputKnown && (!rec || rec.hash !== hash)) {
            const event = await buildEvent(s, i, model, input!, out!, reasoning);
            if (!seenKeys.has(event.key)) {
              seenKeys.add(event.key);
              rec = { hash: hash!, status: 'pending', event, attempts: 0 };
              recorded.set(i, rec);
              await send(i, rec);
            }
            witnessed.delete(i);
          } else if (rec && rec.status === 'failed' && rec.attempts < MAX_RECORD_ATTEMPTS) {
            await send(i, rec);
          }
          const mine = rec && rec.hash === hash ? rec : undefined;
          if (mine) {
            input = mine.event.input;
            out = mine.event.output;
            reasoning = mine.event.reasoning;
          }
          rows.push({
            turnIndex: i,
            input,
            output: out,
            reasoning,
            costMicros: null,
            recorded: mine ? mine.status : 'no',
            exact: mine
              ? [mine.event.input, mine.event.output].some((c) => c.provenance === 'site')
              : false,
            regenerated: mine?.event.regenerated,
          });
        }
        if (outputCount === null) known = false;
        else {
          sum += outputCount.tokens;
          if (PROVENANCE_RANK[outputCount.provenance] > PROVENANCE_RANK[worst])
            worst = outputCount.provenance;
          family = family === null || family === outputCount.family ? outputCount.family : 'mixed';
        }
      }
      // Price every row at once (cached by usage, so only new rows reach the background, in
      // one message).
      const priced: TurnRow[] = [];
      const usages: Usage[] = [];
      for (const row of rows) {
        if (!row.input || !row.output) {
          row.costNote = engineDown ? 'engine unavailable' : 'counting';
        } else if (!model.info) {
          row.costNote = 'unpriced';
        } else {
          priced.push(row);
          usages.push({
            input: row.input.tokens,
            output: row.output.tokens,
            reasoning: row.reasoning.provenance === 'unknown' ? undefined : row.reasoning.tokens,
          });
        }
      }
      if (model.info && usages.length > 0) {
        const replies = await priceAll(model.info.id, usages);
        priced.forEach((row, k) => {
          const reply = replies[k];
          if (reply.priced) row.costMicros = reply.costMicros;
          else row.costNote = 'unpriced';
        });
      }
      if (clock() - sliceStart > SLICE_MS) await yieldToPage();
      costMicros = 0;
      costNote = undefined;
      for (const row of rows) {
        if (row.costMicros === null) {
          costMicros = null;
          costNote ??= row.costNote;
        } else if (costMicros !== null) costMicros += row.costMicros;
      }
      if (rows.some((r) => r.recorded === 'pending' || r.recorded === 'failed')) rowsCache = null;
      else rowsCache = { turns: s.turns, key: rowsKey, rows, costMicros, costNote };
    }

    const allKnown = turnCounts.every((c) => c !== null);
    const contextTokens = allKnown ? turnCounts.reduce((n, c) => n + c!.tokens, 0) : null;

    // The draft: counted on the detected model, priced as the next request's new input (plus,
    // in a playground, its max-output setting as the output until the reply arrives).
    let draftView: MeterView['draft'] = null;
    const assumed = s.outputAssumption ?? 0;
    if (s.draft !== null) {
      if (
        !draftState ||
        draftState.text !== s.draft ||
        draftState.model !== modelId ||
        draftState.assumed !== assumed
      ) {
        const seq = ++draftSeq;
        const tokens = await count(modelId, s.draft);
        if (seq !== draftSeq) return null; // a newer draft is on its way
        let cost: number | null = null;
        let note: string | undefined;
        if (!tokens) note = engineDown ? 'engine unavailable' : 'counting';
        else if (!model.info) note = 'unpriced';
        else {
          // Ask for the next request's price at the same time (one round trip, not two).
          if (contextTokens !== null)
            void price(model.info.id, { input: contextTokens + tokens.tokens, output: 0 });
          const reply = await price(model.info.id, { input: tokens.tokens, output: assumed });
          if (reply.priced) cost = reply.costMicros;
          else note = 'unpriced';
        }
        draftState = { text: s.draft, model: modelId, assumed, tokens, costMicros: cost, note };
      }
      draftView = {
        chars: s.draft.length,
        tokens: draftState.tokens,
        costMicros: draftState.costMicros,
        note: draftState.note,
      };
      if (assumed > 0) draftView.assumedOutput = assumed;
    }

    let nextRequest: MeterView['nextRequest'] = null;
    if (draftView?.tokens && contextTokens !== null) {
      const inputTokens = contextTokens + draftView.tokens.tokens;
      if (!model.info) nextRequest = { inputTokens, costMicros: null, note: 'unpriced' };
      else {
        const reply = await price(model.info.id, { input: inputTokens, output: 0 });
        nextRequest = reply.priced
          ? { inputTokens, costMicros: reply.costMicros }
          : { inputTokens, costMicros: null, note: 'unpriced' };
      }
    }

    const window = model.info?.contextWindow ?? null;
    const contextRatio =
      window && contextTokens !== null
        ? (contextTokens + (draftView?.tokens?.tokens ?? 0)) / window
        : null;

    const composerMissing = s.draft === null;
    const health: MeterView['health'] = s.error
      ? 'error'
      : composerMissing && s.turns.length === 0
        ? 'not-detected'
        : composerMissing
          ? 'partial'
          : 'ok';
    return {
      site,
      health,
      healthNote: s.error ?? (composerMissing ? 'composer not found' : undefined),
      model,
      draft: draftView,
      conversation: {
        contextTokens,
        costMicros,
        costNote,
        turns: s.turns.length,
      },
      nextRequest,
      contextRatio,
      rows,
      streaming: s.streaming,
      engine: engineDown ? 'unavailable' : 'ok',
      lastUsage: null,
    };
  }

  let lastUsage: UsageReport | null = null;

  async function refresh(): Promise<void> {
    if (refreshing) {
      refreshAgain = true;
      return;
    }
    refreshing = true;
    try {
      do {
        refreshAgain = false;
        const view = await compute();
        if (view && !disposed) {
          view.lastUsage = lastUsage;
          onView(view);
        }
      } while (refreshAgain && !disposed);
    } finally {
      refreshing = false;
    }
  }

  return {
    /** A new snapshot from the runner. Returns when the view it causes has been emitted. */
    update(s: Snapshot): Promise<void> {
      if (disposed) return Promise.resolve();
      snapshot = s;
      observe(s);
      scheduleSettle();
      return refresh();
    },
    addUsage(report: UsageReport): Promise<void> {
      if (disposed) return Promise.resolve();
      usageReports.push(report);
      if (usageReports.length > 20) usageReports.shift();
      lastUsage = report;
      return refresh();
    },
    setOverride(model: string | null): Promise<void> {
      override = model;
      return refresh();
    },
    /** Drop caches that depend on the rate card (after a card sync). */
    invalidateCard() {
      infoCache.clear();
      priceCache.clear();
    },
    dispose() {
      disposed = true;
      if (settleTimer !== null) clearTimer(settleTimer);
    },
    /** For tests: which keys this page recorded. */
    recordedKeys: () => [...seenKeys],
  };
}

export type Meter = ReturnType<typeof createMeter>;
