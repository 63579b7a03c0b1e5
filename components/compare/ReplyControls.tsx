/** The compare page's controls: the expected reply length, the filters, and adding a model. */
import { useState } from 'react';
import { searchModels, type Region } from '@/utils/core/compare';
import { t } from '@/utils/i18n';
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
      <legend>{t('compare.reply.legend')}</legend>
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
          aria-label={t('compare.reply.tokensLabel')}
          value={reply.tokens}
          onFocus={() => reply.setMode('tokens')}
          onChange={(e) => reply.setTokens(e.target.value)}
        />{' '}
        {t('compare.reply.tokens')}
      </label>
      <label title={t('compare.reply.ratioTitle')}>
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
          aria-label={t('compare.reply.ratioLabel')}
          value={reply.ratio}
          onFocus={() => reply.setMode('ratio')}
          onChange={(e) => reply.setRatio(e.target.value)}
        />{' '}
        {t('compare.reply.timesPrompt')}
        {fromConversation && <span className="muted">{t('compare.reply.fromConversation')}</span>}
      </label>
      {!reply.output && <span className="bad">{t('compare.reply.invalid')}</span>}
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
      <legend>{t('compare.filter.legend')}</legend>
      <select
        value={props.provider}
        onChange={(e) => props.onProvider(e.target.value)}
        data-testid="filter-provider"
        aria-label={t('compare.filter.provider')}
      >
        <option value="">{t('compare.filter.providers')}</option>
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
        aria-label={t('compare.filter.region')}
      >
        <option value="">{t('compare.filter.regions')}</option>
        {props.regions.map((r) => (
          <option key={r} value={r}>
            {t(`compare.region.${r}`)}
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
      <legend>{t('compare.add.legend')}</legend>
      <input
        type="search"
        placeholder={t('compare.add.search')}
        aria-label={t('compare.add.search')}
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
                  {inTable ? t('compare.add.inTable') : t('compare.add.add')}
                </button>
                <button type="button" onClick={() => props.onTogglePin(m.id)}>
                  {props.pinned(m.id) ? t('compare.unpin') : t('compare.add.pin')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {query && results.length === 0 && <div className="muted">{t('compare.add.noMatch')}</div>}
    </fieldset>
  );
}
