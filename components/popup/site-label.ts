import { getAdapter } from '@/utils/sites';

/** A site's display name from the adapter registry (its id when unknown, e.g. imported data). */
export function siteLabel(id: string): string {
  return getAdapter(id)?.label ?? id;
}
