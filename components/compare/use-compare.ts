/**
 * The compare page's data: rows from the background (priced on the card in use), counted family
 * by family with the tokenizer host's `countTokens`, so the table fills in as each family's
 * vocabulary loads and the page never blocks (all counting runs in the background).
 *
 * A newer text cancels the old one's pending results (generation number); counts already made
 * for a text are kept when only the model list, the reply length or the current model change.
 */
import { useEffect, useRef, useState } from 'react';
import { sendMessage, type Res } from '@/utils/messaging';
import type { FamilyState, OutputSpec } from '@/utils/core/compare';
import { currencySettings } from '@/utils/storage';
import { useStorageItem } from '@/components/hooks/use-storage-item';

export interface FamilyProgress {
  family: string;
  label: string;
  state: FamilyState;
  /** How long the count took, from the request to the answer (ms). */
  ms: number | null;
}

export interface CompareData {
  reply: Res<'getCompareRows'> | null;
  progress: FamilyProgress[];
  error: string | null;
}

export interface CompareQuery {
  text: string;
  models: string[];
  output: OutputSpec;
  currentModel: string | null;
}

interface Counts {
  text: string;
  byFamily: Record<string, FamilyState>;
  ms: Record<string, number>;
}

export function useCompare(query: CompareQuery): CompareData {
  const { text, models, output, currentModel } = query;
  // The user's display currency: rows carry `price.local` in it when it is not USD.
  const currency = useStorageItem(currencySettings)?.currency;
  const [counts, setCounts] = useState<Counts>({ text, byFamily: {}, ms: {} });
  const [reply, setReply] = useState<Res<'getCompareRows'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const requested = useRef<{ text: string; families: Set<string> }>({ text, families: new Set() });

  // Counts belong to one text: a new text starts from none.
  const current = counts.text === text ? counts : { text, byFamily: {}, ms: {} };
  const byFamily = current.byFamily;
  const modelsKey = models.join('\n');

  // Rows (and which families are needed) for the current counts, models, reply and current model.
  useEffect(() => {
    let live = true;
    sendMessage('getCompareRows', {
      models,
      withDefaults: true,
      counts: byFamily,
      output,
      currentModel,
      currency,
    }).then(
      (next) => {
        if (!live) return;
        setReply(next);
        setError(null);
      },
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
    // `byFamily` derives from counts + text; `models` is compared by value (modelsKey).
  }, [counts, text, modelsKey, output, currentModel, currency]);

  // Count every family the rows need that is not counted (or asked for) yet for this text.
  useEffect(() => {
    if (!reply) return;
    if (requested.current.text !== text) requested.current = { text, families: new Set() };
    const asked = requested.current;
    for (const { family, model } of reply.families) {
      if (asked.families.has(family)) continue;
      asked.families.add(family);
      const record = (state: FamilyState, ms: number | null) => {
        if (requested.current !== asked) return; // the text changed meanwhile
        setCounts((prev) => {
          const base = prev.text === text ? prev : { text, byFamily: {}, ms: {} };
          return {
            text,
            byFamily: { ...base.byFamily, [family]: state },
            ms: ms === null ? base.ms : { ...base.ms, [family]: ms },
          };
        });
      };
      // The empty text has no tokens in any vocabulary: nothing to load.
      if (text === '') {
        record({ status: 'done', tokens: 0 }, null);
        continue;
      }
      const started = performance.now();
      sendMessage('countTokens', { model, text }).then(
        ({ count }) =>
          record(
            count.family === family
              ? { status: 'done', tokens: count.tokens }
              : { status: 'error', message: `counted with ${count.family}` },
            performance.now() - started,
          ),
        (e: unknown) =>
          record(
            { status: 'error', message: e instanceof Error ? e.message : String(e) },
            performance.now() - started,
          ),
      );
    }
  }, [reply, text]);

  const progress: FamilyProgress[] = (reply?.families ?? []).map(({ family, label }) => ({
    family,
    label,
    state: byFamily[family] ?? { status: 'counting' },
    ms: current.ms[family] ?? null,
  }));
  return { reply, progress, error };
}
