/**
 * Imported usage into history rows. A cost the source states as billed is kept and labelled so;
 * otherwise the event is priced on the rate card at its own date (API-equivalent); when the card
 * does not know the model, an aggregator's own estimate is kept as that; otherwise unpriced
 * (null, never $0). Cache reads and writes stay apart from input.
 */
import { importEventSchema, type ImportEvent } from '@/utils/core/imports';
import {
  priceUsage,
  resolveModelId,
  type PriceOverrides,
  type RateCard,
} from '@/utils/core/ratecard';
import { storeImported } from '@/utils/db/imports';
import type { ImportCostKind, ImportFileRow, StoredEvent } from '@/utils/db/types';
import type { Res } from '@/utils/messaging';
import { calendar, dashboardKeeper, deps } from './deps';
import { isQuotaError, noteWriteFailure } from './health';
import { scheduleToolbarBadgeRefresh } from './toolbar-badge';
import { EventFlag } from '@/utils/db/types';
import { appliedPrices } from './record';
import { t } from '@/utils/i18n';

export function importedToStored(
  e: ImportEvent,
  card: RateCard,
  overrides: PriceOverrides = {},
): StoredEvent {
  const family = `import:${e.source}`;
  const conversationId = e.session ?? e.project ?? `${e.period ?? 'event'}:${e.agent}`;
  const resolved = e.model ? resolveModelId(card, e.model) : null;
  let costKind: ImportCostKind = 'unpriced';
  let costMicroUsd: number | null = null;
  let prices: StoredEvent['prices'] = null;
  let flags = 0;
  if (e.cost?.kind === 'billed') {
    costKind = 'billed';
    costMicroUsd = e.cost.microUsd;
  } else {
    const r = resolved
      ? priceUsage(
          card,
          resolved,
          {
            input: e.tokens.input,
            cacheRead: e.tokens.cacheRead,
            cacheWrite: e.tokens.cacheWrite5m + e.tokens.cacheWrite1h,
            output: e.tokens.output,
            reasoning: e.tokens.reasoning,
          },
          { at: e.time, overrides },
        )
      : null;
    if (r?.priced && r.currency === 'USD') {
      costKind = 'api';
      costMicroUsd = r.costMicros;
      prices = appliedPrices(card, r, overrides);
      if (r.override) flags |= EventFlag.customPrice;
    } else if (e.cost?.kind === 'estimate') {
      costKind = 'estimate';
      costMicroUsd = e.cost.microUsd;
    }
  }
  return {
    key: `import|${e.key}`,
    time: e.time,
    site: e.source,
    conversationId,
    conversation: `${e.source}|${conversationId}`,
    turnIndex: 0,
    modelLabel: e.model,
    model: resolved,
    input: { tokens: e.tokens.input, provenance: 'site', family },
    output: { tokens: e.tokens.output, provenance: 'site', family },
    reasoning: { tokens: e.tokens.reasoning, provenance: 'site', family },
    costMicroUsd,
    rateCardVersion: costKind === 'api' ? card.version : null,
    prices,
    flags,
    imported: {
      source: e.source,
      agent: e.agent,
      project: e.project,
      session: e.session,
      cacheRead: e.tokens.cacheRead,
      cacheWrite5m: e.tokens.cacheWrite5m,
      cacheWrite1h: e.tokens.cacheWrite1h,
      requests: e.requests,
      period: e.period ?? null,
      costKind,
      statedMicroUsd: e.cost?.microUsd ?? null,
    },
  };
}

/** The importUsage message: check, price, store (see utils/db/imports.ts). */
export async function importUsage(
  events: unknown[],
  files: ImportFileRow[] | undefined,
): Promise<Res<'importUsage'>> {
  if (!Array.isArray(events) || events.length > 50_000) {
    throw new Error(t('options.usage.tooManyEvents', { max: 50_000 }));
  }
  const [card, overrides] = await Promise.all([deps.getCard(), deps.getOverrides()]);
  const rows: StoredEvent[] = [];
  let refused = 0;
  for (const e of events) {
    const parsed = importEventSchema.safeParse(e);
    if (parsed.success) rows.push(importedToStored(parsed.data, card, overrides));
    else refused++;
  }
  const timeZone = (await calendar()).timeZone;
  try {
    const result = await dashboardKeeper.change(() =>
      storeImported(deps.db(), rows, { timeZone, files }),
    );
    scheduleToolbarBadgeRefresh();
    return { ...result, refused };
  } catch (error) {
    if (isQuotaError(error)) {
      await noteWriteFailure(error, 0);
      throw new Error(t('options.usage.storageFull'), { cause: error });
    }
    throw error;
  }
}
