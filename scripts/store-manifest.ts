// Store builds (`npm run zip`, WXT mode `store`) leave out the local demo page: no content script
// and no host permission on `http://127.0.0.1/*`, which would otherwise run in every local web
// app a developer opens. `npm start` and the e2e tests use the ordinary build, which keeps it.
import { site as demo } from '../utils/sites/demo/site';

/** The demo page's match patterns (only the local demo adapter's). */
export const DEMO_MATCHES: readonly string[] = demo.matches;

interface ManifestLike {
  host_permissions?: string[];
  permissions?: string[];
  content_scripts?: { matches?: string[] }[];
}

/** Remove the demo page's patterns from a generated manifest, in place. */
export function stripDemoMatches(manifest: ManifestLike): void {
  const keep = (list: string[] | undefined) => list?.filter((p) => !DEMO_MATCHES.includes(p));
  if (manifest.host_permissions) manifest.host_permissions = keep(manifest.host_permissions);
  if (manifest.permissions) manifest.permissions = keep(manifest.permissions);
  if (manifest.content_scripts) {
    manifest.content_scripts = manifest.content_scripts
      .map((s) => ({ ...s, matches: keep(s.matches) }))
      .filter((s) => (s.matches?.length ?? 0) > 0);
  }
}
