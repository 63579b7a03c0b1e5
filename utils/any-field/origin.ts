/**
 * Which pages "count on this site" can be turned on for, and the match pattern that names the
 * site. Pure functions (URL in, answer out) so the popup, the background and the tests agree.
 */
import { MatchPattern } from 'wxt/utils/match-patterns';
import { SITE_MATCHES } from '@/utils/sites/matches';

export type SiteEligibility =
  { ok: true; pattern: string; host: string } | { ok: false; reason: string };

const chatPatterns = SITE_MATCHES.map((m) => new MatchPattern(m));

/**
 * The site's match pattern (scheme + host, any path; a match pattern cannot name a port, so
 * every port of the host is included). Chat sites already have their own overlay, and the
 * browser's own pages cannot be scripted by any extension.
 */
export function siteFor(url: string | undefined | null): SiteEligibility {
  if (!url) return { ok: false, reason: 'This tab has no page address the extension may read.' };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: 'This tab has no page address the extension may read.' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return { ok: false, reason: 'Browser and extension pages cannot be counted on.' };
  }
  if (!parsed.hostname) return { ok: false, reason: 'This page has no host name.' };
  // A string, not the URL object: `includes` tests `instanceof Location`, absent in workers.
  if (chatPatterns.some((p) => p.includes(parsed.href))) {
    return { ok: false, reason: 'This chat site already has its own counter.' };
  }
  return {
    ok: true,
    pattern: `${parsed.protocol}//${parsed.hostname}/*`,
    host: parsed.hostname,
  };
}

/** The pattern a page's own URL falls under (content script side: is my site still on?). */
export function patternOf(url: string): string | null {
  const site = siteFor(url);
  return site.ok ? site.pattern : null;
}
