/**
 * Which kind of spend a history `site` is: a chat site, an agent (its own log, or an
 * aggregator's report of agents' logs) or an API key or bill. Imported events are stored with
 * `site = <source id>`. No Dexie here: the popup uses it before the database code has loaded.
 */
import { IMPORT_SOURCES, SOURCE_KIND, type ImportSource } from '@/utils/core/imports/types';

/** Chat sites; agents (their own logs and the aggregators that read those logs); API keys and bills. */
export type SpendKind = 'chat' | 'agent' | 'api';
export const SPEND_KINDS: readonly SpendKind[] = ['chat', 'agent', 'api'];

const IMPORTED = new Set<string>(IMPORT_SOURCES);

export const isImportSource = (site: string): site is ImportSource => IMPORTED.has(site);

export function kindOfSource(site: string): SpendKind {
  if (!isImportSource(site)) return 'chat';
  return SOURCE_KIND[site] === 'api' ? 'api' : 'agent';
}
