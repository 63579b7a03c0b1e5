/** The compare page's controls: the expected reply length, the filters, and adding a model. */
import { useState } from 'react';
import { REGION_LABELS, searchModels, type Region } from '@/utils/core/compare';
import { useCatalog, type ReplyLength } from './hooks';

export function ReplyLengthFieldset({
  reply,
  fromConversation,
}: {
  reply: ReplyLength;
  /** The ratio came from the conversation handed over (its output/input). */
  fromConversation: boolean;
}) {
  return (
    <fieldset>
      <legend>Expected reply</legend>
      <label>
        <input
          type="radio"
          checked={reply.mode === 'tokens'}
          onChange={() => reply.setMode('tokens')}
        />{' '}
        <input
          type="number"
          min={0}
          step={1}
          data-testid="output-tokens"
          value={reply.tokens}
          onFocus={() => reply.setMode('tokens')}
          onChange={(e) => reply.setTokens(e.target.value)}
        />{' '}
        tokens
      </label>
      <label title="The reply as a share of the prompt, counted per model">
        <input
          type="radio"
          checked={reply.mode === 'ratio'}
          onChange={() => reply.setMode('ratio')}
        />{' '}
        <input
          type="number"
          min={0}
          step={0.05}
          data-testid="output-ratio"
          value={reply.ratio}
          onFocus={() => reply.setMode('ratio')}
          onChange={(e) => reply.setRatio(e.target.value)}
        />{' '}
        × the prompt
        {fromConversation && <span className="muted"> (this conversation’s output/input)</span>}
      </label>
      {!reply.output && <span className="bad">Enter a number ≥ 0 (still using the last one).</span>}
    </fieldset>
  );
}

export function FilterFieldset(props: {
  providers: string[];
  regions: Region[];
  provider: string;
  region: Region | '';
  onProvider: (provider: string) => void;
  onRegion: (region: Region | '') => void;
}) {
  return (
    <fieldset>
      <legend>Filter</legend>
      <select
        value={props.provider}
        onChange={(e) => props.onProvider(e.target.value)}
        data-testid="filter-provider"
      >
        <option value="">All providers</option>
        {props.providers.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>{' '}
      <select
        value={props.region}
        onChange={(e) => props.onRegion(e.target.value as Region | '')}
        data-testid="filter-region"
      >
        <option value="">All regions</option>
        {props.regions.map((r) => (
          <option key={r} value={r}>
            {REGION_LABELS[r]}
          </option>
        ))}
      </select>
    </fieldset>
  );
}

export function AddModelFieldset(props: {
  /** The model already has a row. */
  inTable: (id: string) => boolean;
  pinned: (id: string) => boolean;
  onAdd: (id: string) => void;
  onTogglePin: (id: string) => void;
}) {
  const catalog = useCatalog();
  const [query, setQuery] = useState('');
  const results = query ? searchModels(catalog, query, 12) : [];
  return (
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
            const inTable = props.inTable(m.id);
            return (
              <li key={m.id}>
                <span>
                  {m.name} <span className="muted small">{m.id}</span>
                </span>
                <button type="button" disabled={inTable} onClick={() => props.onAdd(m.id)}>
                  {inTable ? 'in table' : 'Add'}
                </button>
                <button type="button" onClick={() => props.onTogglePin(m.id)}>
                  {props.pinned(m.id) ? 'Unpin' : 'Pin'}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {query && results.length === 0 && <div className="muted">No model matches.</div>}
    </fieldset>
  );
}
