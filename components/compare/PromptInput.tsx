/** The compare page's text: typed, pasted, opened from a file, or handed over from the overlay. */
import type { CompareHandoff } from '@/utils/storage';
import { readDroppedFile } from './read-file';

const HANDOFF_TITLES: Record<CompareHandoff['source'], string> = {
  draft: 'Draft',
  conversation: 'Conversation',
  selection: 'Selection',
};

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
          ? `${HANDOFF_TITLES[handoff.source]} from ${handoff.site ?? 'the page'}`
          : 'Prompt'}
      </label>
      <textarea
        id="tm-text"
        data-testid="compare-text"
        value={text}
        placeholder="Paste a prompt here, or drop a text file on the page"
        onChange={(e) => props.onText(e.target.value)}
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
              if ('error' in result) props.onNotice(result.error);
              else props.onText(result.text);
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
  );
}
