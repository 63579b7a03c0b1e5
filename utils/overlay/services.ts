/**
 * The meter's services over the typed protocol: counting (token engine), model lookup and
 * pricing (rate card), recording (history). The content script never loads a vocabulary or the
 * card: it sends text and usage, the background answers.
 *
 * The message names and shapes are the ones agreed between the areas (`countTokens`,
 * `getModels`, `priceUsage`, `recordTurn`). Each area adds its own entry to `Protocol`; until
 * one has landed its call rejects ("No handler answered"), and the meter shows that honestly
 * ("engine unavailable", "unpriced", "not saved") instead of a zero.
 */
import { sendMessage } from '@/utils/messaging';
import type { TokenCount, TurnEvent, Usage } from '@/utils/core/types';
import type { MeterServices, ModelInfo, PriceReply } from './types';

// Untyped send for messages whose Protocol entry belongs to another area and may not exist yet.
const send = sendMessage as unknown as (type: string, data: unknown) => Promise<unknown>;

interface ModelSummaryLike {
  id: string;
  name?: string;
  contextWindow?: number;
}

export function createMessagingServices(): MeterServices {
  let models: Promise<Map<string, ModelSummaryLike>> | null = null;
  const loadModels = () => {
    models ??= send('getModels', {}).then(
      (reply) => {
        const list = Array.isArray(reply)
          ? reply
          : ((reply as { models?: ModelSummaryLike[] } | null)?.models ?? []);
        return new Map(list.map((m: ModelSummaryLike) => [m.id, m]));
      },
      (error) => {
        models = null; // retry on the next lookup
        throw error;
      },
    );
    return models;
  };

  return {
    async countTokens(model, text) {
      const reply = (await send('countTokens', { model, text })) as { count: TokenCount };
      return reply.count;
    },
    async modelInfo(id): Promise<ModelInfo | null> {
      const list = await loadModels();
      let found = list.get(id);
      if (!found) {
        // An alias the list does not spell out: the card's resolver (behind priceUsage) knows.
        const reply = (await send('priceUsage', { model: id, usage: { input: 0, output: 0 } })) as {
          priced: boolean;
          model?: string;
        };
        if (!reply.priced || !reply.model) return null;
        found = list.get(reply.model) ?? { id: reply.model };
      }
      return {
        id: found.id,
        name: found.name ?? found.id,
        contextWindow: found.contextWindow && found.contextWindow > 0 ? found.contextWindow : null,
      };
    },
    async priceUsage(model: string, usage: Usage): Promise<PriceReply> {
      const reply = (await send('priceUsage', { model, usage })) as {
        priced: boolean;
        costMicros?: number;
        currency?: string;
        reason?: string;
      };
      if (
        reply.priced &&
        typeof reply.costMicros === 'number' &&
        (reply.currency ?? 'USD') === 'USD'
      )
        return { priced: true, costMicros: reply.costMicros };
      return { priced: false, reason: reply.reason ?? 'unpriced' };
    },
    async recordTurn(event: TurnEvent) {
      await send('recordTurn', event);
    },
  };
}
