// What scripts/gen-sites.ts derives from the registry must be up to date: docs/sites.md (a row
// per site, from its site.ts `doc`) and utils/sites/matches.ts (the manifest's match list).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedFiles, GEN_COMMAND, loadSites, ROOT, SITES_DOC } from '@/scripts/gen-sites';

const read = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

describe('files generated from the site registry', async () => {
  const files = await expectedFiles();
  const sites = await loadSites();

  it.each(sites.map((s) => [s.id, s] as const))('%s: has its row in docs/sites.md', (_, s) => {
    expect(read(SITES_DOC), `docs/sites.md has no row for ${s.id}: run ${GEN_COMMAND}`).toContain(
      `| ${s.doc.name ?? s.label} (${s.doc.hosts}) |`,
    );
  });

  it.each(files.map((f) => [f.path.slice(ROOT.length + 1), f.text] as const))(
    '%s is up to date',
    (path, text) => {
      expect(read(`${ROOT}/${path}`), `${path} is out of date: run ${GEN_COMMAND}`).toBe(text);
    },
  );
});
