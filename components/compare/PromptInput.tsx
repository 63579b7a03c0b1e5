/** The compare page's text: typed, pasted, opened from a file, or handed over from the overlay. */
import type { CompareHandoff } from '@/utils/storage';
import { t } from '@/utils/i18n';
import { readDroppedFile } from './read-file';

export function PromptInput(props: {
  text: string;
  onText: (text: string) => void;
  handoff: CompareHandoff | null;
  notice: string | null;
  onNotice: (notice: string) => void;
}) {
  const { text, handoff, notice } = props;
  return (
    <section className="input">
      <label htmlFor="tm-text">
        {handoff
          ? t(`compare.handoff.${handoff.source}`, {
              site: handoff.site ?? t('compare.handoff.thePage'),
            })
          : t('compare.prompt')}
      </label>
      <textarea
        id="tm-text"
        data-testid="compare-text"
        value={text}
        placeholder={t('compare.placeholder')}
        onChange={(e) => props.onText(e.target.value)}
        rows={8}
      />
      <div className="row">
        <label className="file">
          {t('compare.openFile')}
          <input
            type="file"
            accept=".txt,.md,.json,.csv,.py,.ts,.js,.html,.xml,.yaml,.yml,text/*"
            onChange={async (e) => {
              const file = e.target.files?.[0];
              if (!file) return;
              const result = await readDroppedFile(file);
              if ('error' in result) props.onNotice(result.error);
              else props.onText(result.text);
              e.target.value = '';
            }}
          />
        </label>
        <span className="muted">{t('compare.characters', { count: text.length })}</span>
        {notice && (
          <span className="notice" role="status">
            {notice}
          </span>
        )}
      </div>
    </section>
  );
}
