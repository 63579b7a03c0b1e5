/**
 * The compare page: paste a prompt (or drop a file, or arrive from the overlay with a draft or a
 * conversation) and see what it costs on other models, each counted with its own tokenizer.
 *
 * PromptInput.tsx (the text), ReplyControls.tsx (reply length, filters, adding a model),
 * TokenizerProgress.tsx, CompareTable.tsx; the state lives in hooks.ts and use-compare.ts.
 */
import { useEffect, useMemo, useState, type DragEvent } from 'react';
import { t } from '@/utils/i18n';
import { formatCost } from '@/utils/core/ratecard';
import { comparePins, currencySettings, togglePin } from '@/utils/storage';
import { syncedExchangeRates } from '@/utils/storage/state/exchange-rates';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { CompareTable } from './CompareTable';
import { useDebounced, useHandoff, useReplyLength, useRowView } from './hooks';
import { PromptInput } from './PromptInput';
import { readDroppedFile } from './read-file';
import { AddModelFieldset, FilterFieldset, ReplyLengthFieldset } from './ReplyControls';
import { TokenizerProgress } from './TokenizerProgress';
import { useCompare } from './use-compare';
import type { CompareRow } from '@/utils/core/compare';

/**
 * Money in the user's currency (and the conversion rate's note, when not USD): the rows carry
 * their figures in it from the background (a lab's list price, or converted); this converts only
 * what has none (the user's, synced or bundled rate, as the background would).
 */
function useMoney() {
  const currency = useStorageItem(currencySettings);
  const synced = useStorageItem(syncedExchangeRates);
  const options = {
    currency: currency?.currency ?? 'USD',
    userRates: currency?.rates,
    syncedRates: synced?.rates ?? undefined,
  };
  return {
    money: (micros: number) => formatCost(micros, options).amount,
    rateNote: formatCost(0, options).rate,
  };
}

/** A text file dropped anywhere on the page becomes the text (or a notice says why not). */
function dropHandler(setText: (text: string) => void, setNotice: (notice: string) => void) {
  return async (e: DragEvent) => {
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (!file) return;
    const result = await readDroppedFile(file);
    if ('error' in result) setNotice(result.error);
    else {
      setNotice(t('compare.loaded', { name: file.name, count: result.text.length }));
      setText(result.text);
    }
  };
}

function CompareHeader({ cardDate }: { cardDate: string | null }) {
  useEffect(() => {
    document.title = t('compare.pageTitle');
  }, []);
  return (
    <header>
      <h1>{t('compare.title')}</h1>
      <p className="muted">
        {cardDate !== null ? t('compare.introDated', { date: cardDate }) : t('compare.intro')}
      </p>
    </header>
  );
}

/** Why the table is empty or short: an error, default models the card in use does not have. */
function CompareNotes({ error, missing }: { error: string | null; missing: string[] }) {
  return (
    <>
      {error && (
        <p className="bad" role="alert">
          {error}
        </p>
      )}
      {missing.length > 0 && (
        <p className="muted">{t('compare.notInCard', { models: missing.join(', ') })}</p>
      )}
    </>
  );
}

function CompareFooter({
  currentModel,
  rateNote,
  rows,
}: {
  currentModel: string | null;
  rateNote: string | null;
  rows: CompareRow[];
}) {
  // A row shown at its lab's own list price (marked ◆): its currency.
  const listed = rows.find(
    (r) => r.price.status === 'priced' && r.price.local?.basis === 'list price',
  );
  const listPrice = listed?.price.status === 'priced' ? listed.price.local!.currency : null;
  return (
    <footer className="muted small">
      {t('compare.footer')}
      {currentModel ? '' : t('compare.footerPick')}
      {t('compare.footerFits')}
      {rateNote ? t('compare.footerRate', { rate: rateNote }) : ''}
      {listPrice ? t('compare.footerListPrice', { currency: listPrice }) : ''}
      {t('compare.footerPins')}
    </footer>
  );
}

export function ComparePage({ handoffId }: { handoffId: string | null }) {
  const [text, setText] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [currentModel, setCurrentModel] = useState<string | null>(null);
  const [added, setAdded] = useState<string[]>([]);
  const pins = useStorageItem(comparePins) ?? [];
  const { money, rateNote } = useMoney();
  const reply = useReplyLength();
  const handoff = useHandoff(
    handoffId,
    (h) => {
      setText(h.text);
      setCurrentModel(h.currentModel);
      if (h.outputRatio !== null && h.outputRatio >= 0) {
        reply.setMode('ratio');
        reply.setRatio(String(+h.outputRatio.toFixed(3)));
      }
    },
    setNotice,
  );
  const countedText = useDebounced(text, 250);
  const models = useMemo(() => [...pins, ...added.filter((m) => !pins.includes(m))], [pins, added]);
  const compared = useCompare({
    text: countedText,
    models,
    output: reply.lastOutput,
    currentModel,
  });

  const rows = compared.reply?.rows ?? [];
  const view = useRowView(rows);

  return (
    <main
      className="tm-compare"
      onDragOver={(e) => e.preventDefault()}
      onDrop={dropHandler(setText, setNotice)}
    >
      <CompareHeader cardDate={compared.reply?.card.createdAt ?? null} />

      <PromptInput
        text={text}
        onText={setText}
        handoff={handoff}
        notice={notice}
        onNotice={setNotice}
      />

      <section className="controls">
        <ReplyLengthFieldset reply={reply} fromConversation={handoff?.outputRatio != null} />
        <FilterFieldset
          providers={[...new Set(rows.map((r) => r.provider))].sort()}
          regions={[...new Set(rows.map((r) => r.region))].sort()}
          provider={view.provider}
          region={view.region}
          onProvider={view.setProvider}
          onRegion={view.setRegion}
        />
        <AddModelFieldset
          inTable={(id) => rows.some((r) => r.model === id)}
          pinned={(id) => pins.includes(id)}
          onAdd={(id) => setAdded((a) => [...a, id])}
          onTogglePin={(id) => void togglePin(id)}
        />
      </section>

      <TokenizerProgress
        progress={compared.progress}
        countedChars={countedText.length}
        stale={countedText !== text}
      />

      <CompareNotes error={compared.error} missing={compared.reply?.missingDefaults ?? []} />

      <CompareTable
        rows={view.shown}
        sort={view.sort}
        onSort={view.sortBy}
        pins={pins}
        onTogglePin={(m) => void togglePin(m)}
        onMakeCurrent={setCurrentModel}
        money={money}
      />
      <CompareFooter currentModel={currentModel} rateNote={rateNote} rows={rows} />
    </main>
  );
}
