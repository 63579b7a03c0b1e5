/**
 * The overlay panel's "Compare on other models": open the compare page on the draft, or the
 * whole conversation, with the conversation's output/input ratio and the detected model. The
 * content script cannot open extension tabs or reach `storage.session` itself, so it asks the
 * background, which stores the hand-off and opens the tab.
 */
// The handoff module directly, not the barrel: this file is in the content script's bundle.
import { compareTextOf, outputRatioOf, type TurnLike } from '@/utils/core/compare/handoff';
import { sendMessage } from '@/utils/messaging';

export function openCompareFromPage(
  scope: 'draft' | 'conversation',
  page: { draft: string | null; turns: readonly TurnLike[] },
  view: { rows: Parameters<typeof outputRatioOf>[0]; model: { info: { id: string } | null } },
  site: string | null,
): Promise<{ opened: boolean }> {
  return sendMessage('openCompare', {
    text: compareTextOf(scope, page),
    source: scope,
    outputRatio: outputRatioOf(view.rows),
    currentModel: view.model.info?.id ?? null,
    site,
  });
}
