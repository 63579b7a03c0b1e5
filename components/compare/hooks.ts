import { useEffect, useMemo, useState } from 'react';
import { t } from '@/utils/i18n';
import {
  DEFAULT_OUTPUT_TOKENS,
  filterRows,
  sortRows,
  type CompareRow,
  type OutputSpec,
  type Region,
  type SortDir,
  type SortKey,
} from '@/utils/core/compare';
import type { ModelSummary } from '@/utils/core/ratecard';
import { takeHandoff, type CompareHandoff } from '@/utils/storage';
import { sendMessage } from '@/utils/messaging';

/** `value`, once it has not changed for `ms` (typing in a long prompt recounts once). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** The rate card's models, for the search (empty until the background answers, or if it fails). */
export function useCatalog(): ModelSummary[] {
  const [catalog, setCatalog] = useState<ModelSummary[]>([]);
  useEffect(() => {
    sendMessage('getModels', {}).then(
      (r) => setCatalog(r.models),
      () => setCatalog([]),
    );
  }, []);
  return catalog;
}

/** The expected reply length: a number of tokens, or a ratio of the prompt. */
export type ReplyMode = 'tokens' | 'ratio';

/** A typed entry as a reply length, or null when it is not a number ≥ 0 (whole for tokens). */
export function parseReplyLength(mode: ReplyMode, raw: string): OutputSpec | null {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n < 0) return null;
  if (mode === 'tokens') return Number.isInteger(n) ? { kind: 'tokens', tokens: n } : null;
  return { kind: 'ratio', ratio: n };
}

/**
 * The reply length controls' state: the entries as typed, the parsed value (null while the
 * entry is invalid) and the last valid one, which the table keeps using meanwhile (an invalid
 * entry keeps the last reply length, and says so, instead of blanking the table).
 */
export function useReplyLength() {
  const [mode, setMode] = useState<ReplyMode>('tokens');
  const [tokens, setTokens] = useState(String(DEFAULT_OUTPUT_TOKENS));
  const [ratio, setRatio] = useState('0.5');
  const output = useMemo(
    () => parseReplyLength(mode, mode === 'tokens' ? tokens : ratio),
    [mode, tokens, ratio],
  );
  const [lastOutput, setLastOutput] = useState<OutputSpec>({
    kind: 'tokens',
    tokens: DEFAULT_OUTPUT_TOKENS,
  });
  useEffect(() => {
    if (output) setLastOutput(output);
  }, [output]);
  return { mode, setMode, tokens, setTokens, ratio, setRatio, output, lastOutput };
}

export type ReplyLength = ReturnType<typeof useReplyLength>;

/**
 * A hand-off from the overlay (a draft, a conversation or a selection): read once, then gone
 * from session storage. `apply` receives it (the page takes its text, current model and
 * output/input ratio); `onNotice` says when it expired or could not be read.
 */
export function useHandoff(
  handoffId: string | null,
  apply: (handoff: CompareHandoff) => void,
  onNotice: (notice: string) => void,
): CompareHandoff | null {
  const [handoff, setHandoff] = useState<CompareHandoff | null>(null);
  useEffect(() => {
    if (!handoffId) return;
    takeHandoff(handoffId).then(
      (h) => {
        if (!h) {
          onNotice(t('compare.handoffExpired'));
          return;
        }
        setHandoff(h);
        apply(h);
      },
      (e: unknown) => onNotice(`Could not read the text to compare: ${String(e)}`),
    );
    // Read once per id: `apply` and `onNotice` only set state, they need not be dependencies.
  }, [handoffId]);
  return handoff;
}

/** The table's view of the rows: filtered by provider and region, sorted by a column. */
export function useRowView(rows: CompareRow[]) {
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir }>({ key: 'total', dir: 'asc' });
  const [provider, setProvider] = useState('');
  const [region, setRegion] = useState<Region | ''>('');
  const shown = sortRows(
    filterRows(rows, { providers: provider ? [provider] : [], regions: region ? [region] : [] }),
    sort.key,
    sort.dir,
  );
  /** A click on a column: ascending first, then the other way on the next click. */
  const sortBy = (key: SortKey) =>
    setSort((s) =>
      s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' },
    );
  return { shown, sort, sortBy, provider, setProvider, region, setRegion };
}
