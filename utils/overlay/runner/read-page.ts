/**
 * One snapshot from the page: the draft (unless an IME composition is under way), the
 * conversation id from the URL, the model label and streaming state (repeated from the last full
 * read for a draft-only snapshot), the playground's output assumption; every adapter call
 * contained.
 */
import type { SiteAdapter, Turn } from '@/utils/sites/types';
import type { Snapshot } from '../types';
import { contain } from './contain';
import type { RunnerState } from './state';

export function readSnapshot(
  adapter: SiteAdapter,
  doc: Document,
  st: RunnerState,
  draftOnly: boolean,
  turns: Turn[],
  errors: string[],
): Snapshot {
  const url = st.lastUrl;
  const draft = st.composing
    ? st.last.draft
    : contain<string | null>('draft', () => adapter.readDraft(doc), null, errors);
  st.last.draft = draft;
  st.last.turns = turns;
  let conversationId: string | null = null;
  try {
    conversationId = adapter.conversationId(new URL(url));
  } catch (error) {
    errors.push(`conversation id: ${String(error)}`);
  }
  const snap: Snapshot = {
    url,
    conversationId,
    draft,
    turns,
    // A draft-only snapshot repeats the last full read: turns, label and streaming state
    // must come from the same moment, or a stop button could pair with stale turns.
    modelLabel: draftOnly
      ? st.last.modelLabel
      : contain('model label', () => adapter.readModelLabel(doc), null, errors),
    streaming: draftOnly
      ? st.last.streaming
      : contain('streaming', () => adapter.isStreaming(doc), false, errors),
  };
  st.last.modelLabel = snap.modelLabel;
  st.last.streaming = snap.streaming;
  if (adapter.readOutputAssumption) {
    const read = adapter.readOutputAssumption;
    snap.outputAssumption = contain('max output', () => read(doc), null, errors);
  }
  if (adapter.readSiteTokens) {
    const read = adapter.readSiteTokens;
    snap.siteTokens = draftOnly
      ? st.last.siteTokens
      : contain('site tokens', () => read(doc), null, errors);
    st.last.siteTokens = snap.siteTokens;
  }
  if (errors.length > 0) snap.error = errors.join('; ');
  return snap;
}
