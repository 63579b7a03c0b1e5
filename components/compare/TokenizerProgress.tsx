/** Each tokenizer family's state while the text is counted: loading, its count and time, or failed. */
import { formatNumber, t } from '@/utils/i18n';
import type { FamilyProgress } from './use-compare';

export function TokenizerProgress(props: {
  progress: FamilyProgress[];
  /** Characters of the text the counts are for (behind the textarea while typing). */
  countedChars: number;
  stale: boolean;
}) {
  const { progress } = props;
  const done = progress.filter((p) => p.state.status !== 'counting').length;
  return (
    <section
      className="progress"
      data-testid="family-progress"
      data-counted-chars={props.countedChars}
      data-stale={props.stale}
      aria-live="polite"
    >
      <span className="muted">{t('compare.tokenizers', { done, total: progress.length })}</span>
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
            ? `${formatNumber(p.state.tokens)}${p.ms !== null ? ` · ${Math.round(p.ms)} ms` : ''}`
            : p.state.status === 'counting'
              ? t('compare.loading')
              : t('compare.failed')}
        </span>
      ))}
    </section>
  );
}
