/**
 * The meter's services over the typed protocol: counting (token engine), model lookup and
 * pricing (rate card), recording (history). The content script never loads a vocabulary or the
 * card: it sends text and usage, the background answers.
 *
 * Messages: `countTokens` and `countTokensBatch` (token engine), `getModels`, `priceUsage` and
 * `priceUsageMany` (rate card), `recordTurn` (history). When the background cannot answer (a worker restarting, an orphaned content script
 * after an extension reload) the call rejects, and the meter shows that honestly ("engine
 * unavailable", "unpriced", "not saved") instead of a zero.
 */
import { sendMessage } from '@/utils/messaging';
import type { OfferKind, TurnEvent, Usage } from '@/utils/core/types';
import type { PriceResult } from '@/utils/core/ratecard';
import type { MeterServices, ModelInfo, PriceReply } from './types';

interface ModelSummaryLike {
  id: string;
  name?: string;
  contextWindow?: number;
}

export function toPriceReply(reply: PriceResult): PriceReply {
  if (!reply.priced) return { priced: false, reason: reply.reason };
  // Figures are shown in USD; a card entry in another currency is not silently relabelled.
  if (reply.currency !== 'USD') return { priced: false, reason: `priced in ${reply.currency}` };
  const out: PriceReply = { priced: true, costMicros: reply.costMicros };
  if (reply.local) {
    const { currency, costMicros, basis, rate, source } = reply.local;
    out.local = { currency, micros: costMicros, basis, source };
    if (rate) out.local.rate = { perUsd: rate.perUsd, date: rate.date, source: rate.source };
  } else if (reply.localError) out.localError = reply.localError;
  if (reply.changesAt) out.until = Date.parse(reply.changesAt);
  return out;
}

/**
 * `offer`: the card's offer this site bills at (OpenRouter's chat: 'openrouter').
 * `currency`: the user's display currency, read at each ask (USD: nothing more is asked).
 */
export function createMessagingServices(
  options: { offer?: OfferKind; currency?: () => string } = {},
): MeterServices {
  const offer = options.offer;
  const currency = () => {
    const c = options.currency?.();
    return c && c !== 'USD' ? c : undefined;
  };
  let models: Promise<Map<string, ModelSummaryLike>> | null = null;
  const loadModels = () => {
    models ??= sendMessage('getModels', {}).then(
      (reply) => new Map<string, ModelSummaryLike>(reply.models.map((m) => [m.id, m])),
      (error) => {
        models = null; // retry on the next lookup
        throw error;
      },
    );
    return models;
  };

  return {
    async countTokens(model, text) {
      const reply = await sendMessage('countTokens', { model, text });
      return reply.count;
    },
    async countTokensBatch(model, texts) {
      const reply = await sendMessage('countTokensBatch', { model, texts });
      return reply.counts;
    },
    async modelInfo(id): Promise<ModelInfo | null> {
      const list = await loadModels();
      let found = list.get(id);
      if (!found) {
        // An alias the list does not spell out: the card's resolver (behind priceUsage) knows.
        const reply = await sendMessage('priceUsage', {
          model: id,
          usage: { input: 0, output: 0 },
          offer,
        });
        if (!reply.priced) return null;
        found = list.get(reply.model) ?? { id: reply.model };
      }
      return {
        id: found.id,
        name: found.name ?? found.id,
        contextWindow: found.contextWindow && found.contextWindow > 0 ? found.contextWindow : null,
      };
    },
    async priceUsage(model: string, usage: Usage): Promise<PriceReply> {
      return toPriceReply(
        await sendMessage('priceUsage', { model, usage, offer, currency: currency() }),
      );
    },
    async priceUsageMany(model: string, usages: Usage[]): Promise<PriceReply[]> {
      const replies = await sendMessage('priceUsageMany', {
        model,
        usages,
        offer,
        currency: currency(),
      });
      return replies.map(toPriceReply);
    },
    async recordTurn(event: TurnEvent) {
      await sendMessage('recordTurn', event);
    },
  };
}
