import type { SiteDoc, SiteInfo } from '../types';

/** What the site is: its id (this folder's name), its name, and where the content script runs. */
export const site: SiteInfo = {
  id: 'perplexity',
  label: 'Perplexity',
  matches: ['https://www.perplexity.ai/*', 'https://perplexity.ai/*'],
};

/** Its row in docs/sites.md (`npx tsx scripts/gen-sites.ts` writes the page). */
export const doc: SiteDoc = {
  hosts: 'perplexity.ai, www.perplexity.ai',
  draft: 'yes',
  turns: 'yes (citation chips dropped)',
  model:
    'yes: the thread data\'s `display_model` (the model that answered), else the label (Sonar family and named models; "Best" names none: pick one)',
  exactUsage: 'no',
  notes:
    'the search results it feeds the model are not on screen: input is undercounted; model label selector unverified',
  sourced:
    'composer (`#ask-input`): AITimeline 2025-12, MCP-SuperAssistant 2026-02; queries, answers (`.prose…prose-invert`), citations: pplxport 2026-04; stop: AITimeline 2025-12, PCE-Core 2026-05; `/search/` and `/thread/` URLs: AITimeline, PCE-Core',
  guessed: "the model label (no source reads one; the thread's JSON names it as `display_model`)",
};
