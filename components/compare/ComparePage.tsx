/**
 * The compare page: paste a prompt (or drop a file, or arrive from the overlay with a draft or a
 * conversation) and see what it costs on other models, each counted with its own tokenizer.
 */
import { useEffect, useMemo, useState, type DragEvent } from 'react';
import {
  DEFAULT_OUTPUT_TOKENS,
  filterRows,
  REGION_LABELS,
  searchModels,
  sortRows,
  type OutputSpec,
  type Region,
  type SortDir,
  type SortKey,
} from '@/utils/core/compare';
import { formatCost, type ModelSummary } from '@/utils/core/ratecard';
import { sendMessage } from '@/utils/messaging';
import {
  currencySettings,
  comparePins,
  takeHandoff,
  togglePin,
  type CompareHandoff,
} from '@/utils/storage';
import { CompareTable } from './CompareTable';
import { readDroppedFile } from './read-file';
import { useCompare } from './use-compare';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { useDebounced } from './hooks';

const HANDOFF_TITLES: Record<CompareHandoff['source'], string> = {
  draft: 'Draft',
  conversation: 'Conversation',
  selection: 'Selection',
};

export function ComparePage({ handoffId }: { handoffId: string | null }) {
  const [text, setText] = useState('');
  const [handoff, setHandoff] = useState<CompareHandoff | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [outputMode, setOutputMode] = useState<'tokens' | 'ratio'>('tokens');
  const [outputTokens, setOutputTokens] = useState(String(DEFAULT_OUTPUT_TOKENS));
  const [outputRatio, setOutputRatio] = useState('0.5');
  const [currentModel, setCurrentModel] = useState<string | null>(null);
  const [added, setAdded] = useState<string[]>([]);
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir }>({ key: 'total', dir: 'asc' });
  const [provider, setProvider] = useState('');
  const [region, setRegion] = useState<Region | ''>('');
  const [query, setQuery] = useState('');
  const [catalog, setCatalog] = useState<ModelSummary[]>([]);
  const pins = useStorageItem(comparePins) ?? [];
  const currency = useStorageItem(currencySettings);

  // A hand-off from the overlay: read once, then gone from session storage.
  useEffect(() => {
    if (!handoffId) return;
    takeHandoff(handoffId).then(
      (h) => {
        if (!h) {
          setNotice('The text to compare has expired: paste it again.');
          return;
        }
        setHandoff(h);
        setText(h.text);
        setCurrentModel(h.currentModel);
        if (h.outputRatio !== null && h.outputRatio >= 0) {
          setOutputMode('ratio');
          setOutputRatio(String(+h.outputRatio.toFixed(3)));
        }
      },
      (e: unknown) => setNotice(`Could not read the text to compare: ${String(e)}`),
    );
  }, [handoffId]);

  useEffect(() => {
    sendMessage('getModels', {}).then(
      (r) => setCatalog(r.models),
      () => setCatalog([]),
    );
  }, []);

  const output = useMemo((): OutputSpec | null => {
    const raw = outputMode === 'tokens' ? outputTokens : outputRatio;
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n) || n < 0) return null;
    if (outputMode === 'tokens') return Number.isInteger(n) ? { kind: 'tokens', tokens: n } : null;
    return { kind: 'ratio', ratio: n };
  }, [outputMode, outputTokens, outputRatio]);
  // An invalid entry keeps the last valid reply length (and says so) instead of blanking the table.
  const [lastOutput, setLastOutput] = useState<OutputSpec>({
    kind: 'tokens',
    tokens: DEFAULT_OUTPUT_TOKENS,
  });
  useEffect(() => {
    if (output) setLastOutput(output);
  }, [output]);

  const countedText = useDebounced(text, 250);
  const models = useMemo(() => [...pins, ...added.filter((m) => !pins.includes(m))], [pins, added]);
  const { reply, progress, error } = useCompare({
    text: countedText,
    models,
    output: lastOutput,
    currentModel,
  });

  const rows = reply?.rows ?? [];
  const providers = [...new Set(rows.map((r) => r.provider))].sort();
  const regions = [...new Set(rows.map((r) => r.region))].sort();
  const shown = sortRows(
    filterRows(rows, { providers: provider ? [provider] : [], regions: region ? [region] : [] }),
    sort.key,
    sort.dir,
  );
  const results = query ? searchModels(catalog, query, 12) : [];
  const money = (micros: number) =>
    formatCost(micros, { currency: currency?.currency ?? 'USD', userRates: currency?.rates })
      .amount;
  const rateNote = formatCost(0, {
    currency: currency?.currency ?? 'USD',
    userRates: currency?.rates,
  }).rate;
  const done = progress.filter((p) => p.state.status !== 'counting').length;

  const onDrop = async (e: DragEvent) => {
    e.preventDefault();
    const file = e.dataTransfer.files[0];
    if (!file) return;
    const result = await readDroppedFile(file);
    if ('error' in result) setNotice(result.error);
    else {
      setNotice(`Loaded ${file.name} (${result.text.length.toLocaleString('en-US')} characters).`);
      setText(result.text);
    }
  };

  return (
    <main className="tm-compare" onDragOver={(e) => e.preventDefault()} onDrop={onDrop}>
      <header>
        <h1>Compare models</h1>
        <p className="muted">
          What this prompt costs on other models, each counted with its own tokenizer and priced on
          the rate card{reply ? ` of ${reply.card.createdAt}` : ''}. Nothing leaves your browser.
        </p>
      </header>

      <section className="input">
        <label htmlFor="tm-text">
          {handoff
            ? `${HANDOFF_TITLES[handoff.source]} from ${handoff.site ?? 'the page'}`
            : 'Prompt'}
        </label>
        <textarea
          id="tm-text"
          data-testid="compare-text"
          value={text}
          placeholder="Paste a prompt here, or drop a text file on the page"
          onChange={(e) => setText(e.target.value)}
          rows={8}
        />
        <div className="row">
          <label className="file">
            Open a file…
            <input
              type="file"
              accept=".txt,.md,.json,.csv,.py,.ts,.js,.html,.xml,.yaml,.yml,text/*"
              onChange={async (e) => {
                const file = e.target.files?.[0];
                if (!file) return;
                const result = await readDroppedFile(file);
                if ('error' in result) setNotice(result.error);
                else setText(result.text);
                e.target.value = '';
              }}
            />
          </label>
          <span className="muted">{text.length.toLocaleString('en-US')} characters</span>
          {notice && (
            <span className="notice" role="status">
              {notice}
            </span>
          )}
        </div>
      </section>

      <section className="controls">
        <fieldset>
          <legend>Expected reply</legend>
          <label>
            <input
              type="radio"
              checked={outputMode === 'tokens'}
              onChange={() => setOutputMode('tokens')}
            />{' '}
            <input
              type="number"
              min={0}
              step={1}
              data-testid="output-tokens"
              value={outputTokens}
              onFocus={() => setOutputMode('tokens')}
              onChange={(e) => setOutputTokens(e.target.value)}
            />{' '}
            tokens
          </label>
          <label title="The reply as a share of the prompt, counted per model">
            <input
              type="radio"
              checked={outputMode === 'ratio'}
              onChange={() => setOutputMode('ratio')}
            />{' '}
            <input
              type="number"
              min={0}
              step={0.05}
              data-testid="output-ratio"
              value={outputRatio}
              onFocus={() => setOutputMode('ratio')}
              onChange={(e) => setOutputRatio(e.target.value)}
            />{' '}
            × the prompt
            {handoff?.outputRatio != null && (
              <span className="muted"> (this conversation’s output/input)</span>
            )}
          </label>
          {!output && <span className="bad">Enter a number ≥ 0 (still using the last one).</span>}
        </fieldset>
        <fieldset>
          <legend>Filter</legend>
          <select
            value={provider}
            onChange={(e) => setProvider(e.target.value)}
            data-testid="filter-provider"
          >
            <option value="">All providers</option>
            {providers.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>{' '}
          <select
            value={region}
            onChange={(e) => setRegion(e.target.value as Region | '')}
            data-testid="filter-region"
          >
            <option value="">All regions</option>
            {regions.map((r) => (
              <option key={r} value={r}>
                {REGION_LABELS[r]}
              </option>
            ))}
          </select>
        </fieldset>
        <fieldset className="search">
          <legend>Add a model</legend>
          <input
            type="search"
            placeholder="Search the rate card"
            value={query}
            data-testid="model-search"
            onChange={(e) => setQuery(e.target.value)}
          />
          {results.length > 0 && (
            <ul className="results">
              {results.map((m) => {
                const inTable = rows.some((r) => r.model === m.id);
                return (
                  <li key={m.id}>
                    <span>
                      {m.name} <span className="muted small">{m.id}</span>
                    </span>
                    <button
                      type="button"
                      disabled={inTable}
                      onClick={() => setAdded((a) => [...a, m.id])}
                    >
                      {inTable ? 'in table' : 'Add'}
                    </button>
                    <button type="button" onClick={() => void togglePin(m.id)}>
                      {pins.includes(m.id) ? 'Unpin' : 'Pin'}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {query && results.length === 0 && <div className="muted">No model matches.</div>}
        </fieldset>
      </section>

      <section
        className="progress"
        data-testid="family-progress"
        data-counted-chars={countedText.length}
        data-stale={countedText !== text}
        aria-live="polite"
      >
        <span className="muted">
          Tokenizers {done}/{progress.length}:
        </span>
        {progress.map((p) => (
          <span
            key={p.family}
            className={`chip ${p.state.status}`}
            data-testid="family"
            data-family={p.family}
            data-status={p.state.status}
            title={p.state.status === 'error' ? p.state.message : p.label}
          >
            {p.label}:{' '}
            {p.state.status === 'done'
              ? `${p.state.tokens.toLocaleString('en-US')}${p.ms !== null ? ` · ${Math.round(p.ms)} ms` : ''}`
              : p.state.status === 'counting'
                ? 'loading…'
                : 'failed'}
          </span>
        ))}
      </section>

      {error && (
        <p className="bad" role="alert">
          {error}
        </p>
      )}
      {reply && reply.missingDefaults.length > 0 && (
        <p className="muted">Not in the rate card in use: {reply.missingDefaults.join(', ')}.</p>
      )}

      <CompareTable
        rows={shown}
        sort={sort}
        onSort={(key) =>
          setSort((s) =>
            s.key === key ? { key, dir: s.dir === 'asc' ? 'desc' : 'asc' } : { key, dir: 'asc' },
          )
        }
        pins={pins}
        onTogglePin={(m) => void togglePin(m)}
        onMakeCurrent={setCurrentModel}
        money={money}
      />
      <footer className="muted small">
        ≈ estimate (no public tokenizer; hover for the expected error) · ~ a related vocabulary ·
        Ratio: total against the current model
        {currentModel ? '' : ' (pick one with “set current”)'}. Fits: the prompt fits the context
        window; “no room for the reply” when prompt + reply do not.
        {rateNote ? ` Converted at ${rateNote}.` : ''} Pinned models (★) stay in the table.
      </footer>
    </main>
  );
}
