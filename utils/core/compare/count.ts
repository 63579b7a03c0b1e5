/**
 * Count one text for many models with each tokenizer family counted once: the models are grouped
 * by family and `countOne` (the engine's per-model count: TokenCounter.count in Node, the
 * `countTokens` message in the extension) is called with one model of each family. Every model of
 * a family gets the same count as counting it alone would give, because a count depends only on
 * the family. Results arrive per family (`onFamily`) so a table can fill in as they come.
 */
import type { RateCard } from '../ratecard/index';
import type { TokenCount } from '../types';
import { familiesOf, type FamilyState } from './rows';

export type CountOne = (model: string) => Promise<TokenCount>;

export async function countFamilies(
  card: RateCard,
  models: readonly string[],
  countOne: CountOne,
  onFamily?: (familyId: string, state: FamilyState) => void,
): Promise<Record<string, FamilyState>> {
  const counts: Record<string, FamilyState> = {};
  await Promise.all(
    [...familiesOf(card, models).values()].map(async ({ familyId, model }) => {
      let state: FamilyState;
      try {
        const count = await countOne(model);
        state =
          count.family === familyId
            ? { status: 'done', tokens: count.tokens }
            : { status: 'error', message: `counted with ${count.family}, expected ${familyId}` };
      } catch (error) {
        state = {
          status: 'error',
          message: error instanceof Error ? error.message : String(error),
        };
      }
      counts[familyId] = state;
      onFamily?.(familyId, state);
    }),
  );
  return counts;
}
