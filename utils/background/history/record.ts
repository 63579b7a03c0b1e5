/**
 * Recording: the history's only write path for turns. A turn from a content script is checked,
 * priced on the card and stored; an import from the options page is checked again and stored.
 * Turns a full disk refuses are kept aside (pending.ts) and saved later, on a retry alarm.
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import {
  findModel,
  priceUsage,
  resolveModelId,
  type PriceOverrides,
  type Priced,
  type RateCard,
} from '@/utils/core/ratecard';
import { PROVENANCES, type TurnEvent } from '@/utils/core/types';
import { storedEventSchema } from '@/utils/db/transfer';
import { EventFlag, type AppliedPrices, type StoredEvent } from '@/utils/db/types';
import { recordEvents } from '@/utils/db/write';
import { storeImported } from '@/utils/db/imports';
import type { Res } from '@/utils/messaging';
import { privacySettings, siteSettings } from '@/utils/storage';
import { calendar, dashboardKeeper, deps } from './deps';
import { isQuotaError, noteWriteFailure, noteWriteSuccess } from './health';
import { createPendingQueue } from './pending';
import { scheduleToolbarBadgeRefresh } from './toolbar-badge';
import { t } from '@/utils/i18n';

const int = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const tokenCount = z.object({
  tokens: int,
  provenance: z.enum(PROVENANCES),
  family: z.string().max(200),
});
/** A turn from a content script: checked before anything is priced or stored. */
const turnEventSchema = z.object({
  key: z.string().min(1).max(2_000),
  site: z.string().regex(/^[a-z0-9-]{1,100}$/),
  conversationId: z.string().max(1_000),
  turnIndex: int,
  time: int,
  modelLabel: z.string().max(500).nullable(),
  model: z.string().max(500).nullable(),
  input: tokenCount,
  output: tokenCount,
  reasoning: tokenCount,
  regenerated: z.boolean().optional(),
  offer: z.enum(['default', 'openrouter']).optional(),
  text: z.object({ prompt: z.string(), reply: z.string() }).optional(),
  conversationTitle: z.string().max(2_000).optional(),
});

/** Turns refused by a full disk, saved later (pending.ts). */
export const pendingQueue = createPendingQueue({
  write: async (events, titles) =>
    dashboardKeeper.change(async () =>
      recordEvents(deps.db(), events, { timeZone: (await calendar()).timeZone, titles }),
    ),
  isQuotaError,
});

export function appliedPrices(card: RateCard, r: Priced, overrides: PriceOverrides): AppliedPrices {
  const model = findModel(card, r.model);
  const offer = r.override
    ? { prices: overrides[r.model].prices, tiers: overrides[r.model].tiers ?? [] }
    : r.offer !== 'override'
      ? model?.offers[r.offer]
      : undefined;
  const tier = offer?.tiers.find((t) => t.above === r.tierAbove);
  const perMillion: Record<string, number> = {};
  for (const [k, v] of Object.entries({ ...offer?.prices, ...tier?.prices }))
    if (typeof v === 'number') perMillion[k] = v;
  return {
    source: r.source,
    offer: r.offer,
    currency: r.currency,
    perMillion,
    tierAbove: r.tierAbove,
  };
}

/** Price a turn on the card (unknown model → unpriced, null cost) and shape it for storage. */
export async function toStoredEvent(turn: TurnEvent, storeText: boolean): Promise<StoredEvent> {
  const [card, overrides] = await Promise.all([deps.getCard(), deps.getOverrides()]);
  // A model the turn names wins over the page's label even when the card does not know it (the
  // site's stream named "gpt-5-6": kept as named, unpriced, never priced as the label).
  const resolved = turn.model
    ? (resolveModelId(card, turn.model) ?? turn.model)
    : turn.modelLabel
      ? resolveModelId(card, turn.modelLabel)
      : null;
  const usage = {
    input: turn.input.tokens,
    output: turn.output.tokens,
    // Reasoning of unknown size is not billed as zero-cost knowledge: it is simply not counted.
    reasoning: turn.reasoning.provenance === 'unknown' ? 0 : turn.reasoning.tokens,
  };
  const result = resolved
    ? priceUsage(card, resolved, usage, { overrides, offer: turn.offer, at: turn.time })
    : null;
  const priced = result?.priced && result.currency === 'USD' ? result : null;
  let flags = 0;
  if (turn.regenerated) flags |= EventFlag.regenerated;
  if (priced?.override) flags |= EventFlag.customPrice;
  const event: StoredEvent = {
    key: turn.key,
    time: turn.time,
    site: turn.site,
    conversationId: turn.conversationId,
    conversation: `${turn.site}|${turn.conversationId}`,
    turnIndex: turn.turnIndex,
    modelLabel: turn.modelLabel,
    model: priced ? priced.model : resolved,
    input: { ...turn.input },
    output: { ...turn.output },
    reasoning: { ...turn.reasoning },
    costMicroUsd: priced ? priced.costMicros : null,
    rateCardVersion: priced ? card.version : null,
    prices: priced ? appliedPrices(card, priced, overrides) : null,
    flags,
  };
  if (storeText && turn.text) event.text = { prompt: turn.text.prompt, reply: turn.text.reply };
  return event;
}

export const RETRY_ALARM = 'history-retry';
/** How often turns kept aside are tried again while storage stays full. */
export const RETRY_MINUTES = 5;

/**
 * Store the turns kept aside by a full disk. Runs after every stored turn, on the retry alarm,
 * at start and after retention; the idempotency key makes a repeat harmless.
 */
export async function flushPendingTurns(): Promise<{ saved: number; waiting: number }> {
  const result = await pendingQueue.flush();
  if (result.saved > 0) {
    await noteWriteSuccess(result.waiting);
    scheduleToolbarBadgeRefresh();
  }
  if (result.waiting === 0) await browser.alarms?.clear(RETRY_ALARM).catch(() => false);
  return result;
}

/**
 * Storage is full: the transaction rolled back, nothing stored before is touched. Keep the turn
 * aside to save later and tell the user (toolbar badge "!", popup and options banner).
 */
async function keepAside(
  event: StoredEvent,
  titles: Map<string, string> | undefined,
  error: unknown,
): Promise<Res<'recordTurn'>> {
  const { refused } = await pendingQueue.add([event], titles);
  const waiting = await pendingQueue.count();
  await noteWriteFailure(error, refused, waiting);
  if (waiting > 0)
    browser.alarms?.create(RETRY_ALARM, { periodInMinutes: RETRY_MINUTES, delayInMinutes: 1 });
  return {
    stored: false,
    duplicate: false,
    queued: refused === 0,
    costMicroUsd: event.costMicroUsd,
  };
}

export async function recordTurn(turn: TurnEvent): Promise<Res<'recordTurn'>> {
  const checked = turnEventSchema.safeParse(turn);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw new Error(`recordTurn: ${issue.path.join('.') || 'turn'}: ${issue.message}`);
  }
  const [sites, privacy] = await Promise.all([siteSettings.getValue(), privacySettings.getValue()]);
  if (sites.disabled.includes(turn.site)) {
    return { stored: false, duplicate: false, costMicroUsd: null };
  }
  const event = await toStoredEvent(checked.data as TurnEvent, privacy.storePromptText);
  const titles =
    privacy.storePromptText && turn.conversationTitle
      ? new Map([[event.conversation, turn.conversationTitle]])
      : undefined;
  const timeZone = (await calendar()).timeZone;
  try {
    const result = await dashboardKeeper.change(() =>
      recordEvents(deps.db(), [event], { timeZone, titles }),
    );
    if (result.added.length > 0) {
      await noteWriteSuccess();
      scheduleToolbarBadgeRefresh();
      // There is room again: save what a full disk refused before (a no-op when none wait).
      if (pendingQueue.mayHaveWaiting())
        await flushPendingTurns().catch((e) => console.warn('[history] pending turns', e));
    }
    return {
      stored: result.added.length === 1,
      duplicate: result.duplicates === 1,
      costMicroUsd: event.costMicroUsd,
    };
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    return keepAside(event, titles, error);
  }
}

export async function importHistory(
  events: StoredEvent[],
  titles: [string, string][],
): Promise<Res<'importHistory'>> {
  // The page validated the file; validate again here, the writer trusts no sender's shapes.
  const rows = z.array(storedEventSchema).max(50_000).safeParse(events);
  if (!rows.success) {
    const issue = rows.error.issues[0];
    throw new Error(
      t('options.data.refusedRow', { issue: `${issue.path.join('.')}: ${issue.message}` }),
    );
  }
  const privacy = await privacySettings.getValue();
  const clean = rows.data.map((e) => {
    // Stored as exported (a round trip is lossless), except text the user does not keep.
    const row = { ...e } as StoredEvent;
    if (!privacy.storePromptText) delete row.text;
    return row;
  });
  try {
    const timeZone = (await calendar()).timeZone;
    // Imported usage in an export goes back through its own writer (its rollup, its keys).
    const imported = clean.filter((e) => e.imported);
    const turns = imported.length ? clean.filter((e) => !e.imported) : clean;
    const result = await dashboardKeeper.change(() =>
      recordEvents(deps.db(), turns, {
        timeZone,
        titles: privacy.storePromptText ? new Map(titles) : undefined,
      }),
    );
    const more = imported.length
      ? await dashboardKeeper.change(() => storeImported(deps.db(), imported, { timeZone }))
      : { added: 0, duplicates: 0 };
    scheduleToolbarBadgeRefresh();
    return {
      added: result.added.length + more.added,
      duplicates: result.duplicates + more.duplicates,
    };
  } catch (error) {
    if (isQuotaError(error)) {
      await noteWriteFailure(error, 0);
      throw new Error(t('options.data.storageFull'), { cause: error });
    }
    throw error;
  }
}
