/**
 * What each site's fixtures hold, as its folder's `__tests__/expected.ts` states it, and the
 * fixture files themselves. Shared by the unit harness (./harness.ts), the registry meta-test and
 * the e2e tests (tests/e2e), which serve the same fixtures under the sites' real URLs. No vitest
 * import here, so any test runner may load it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AdapterPricing, Role } from '../types';

/** utils/sites: one folder per site. */
export const SITES_DIR = resolve(import.meta.dirname, '..');

/** The first line of a reconstructed fixture page that names no source. */
export const RECONSTRUCTED = '<!-- reconstructed from public selectors, 2026-11; not a capture -->';

/**
 * The first line every reconstructed fixture page must have: what it was rebuilt from and when
 * (a month or a day), e.g. `<!-- reconstructed from the markup AITimeline (2026-02) and
 * CodeWebChat (2026-08) read on the live site; not a capture -->`.
 */
export const PROVENANCE_LINE = /^<!-- reconstructed from .*\d{4}-\d{2}.*; not a capture -->$/;

export function siteFixturePath(site: string, name: string): string {
  return join(SITES_DIR, site, 'fixtures', name);
}

export function readFixture(site: string, name: string): string {
  return readFileSync(siteFixturePath(site, name), 'utf8');
}

/**
 * The response body a site's stream reader is tested on: its real capture (`capture.txt`), or,
 * for a site no capture exists of, a body written in its documented format (`reconstructed.txt`).
 */
export function streamBodyFixture(site: string): 'capture.txt' | 'reconstructed.txt' {
  return fixtureFiles(site).includes('capture.txt') ? 'capture.txt' : 'reconstructed.txt';
}

export function fixtureFiles(site: string): string[] {
  try {
    return readdirSync(join(SITES_DIR, site, 'fixtures'));
  } catch {
    return [];
  }
}

export interface TurnExpectation {
  role: Role;
  /** The turn's whole text; its shown reasoning is then compared whole too. */
  text?: string;
  /** Or a part of the turn's text; its shown reasoning then need only contain `thinking`. */
  includes?: string;
  /** Shown reasoning (absent: none is read). */
  thinking?: string;
}

/**
 * A site's three fixture pages (conversation.html, streaming.html, empty.html) and what its
 * adapter must read from them.
 */
export interface SiteExpectation {
  site: string;
  conversation: {
    turns: TurnExpectation[];
    /** Text that must not leak into any turn (buttons, citations, shown reasoning). */
    excluded: string[];
    /** The model label the page shows (an API id on playgrounds); null: none. */
    label: string | null;
    /** The rate-card id it prices as (null: not detected, the user picks). */
    model: string | null;
    /** A playground's max-output setting, assumed as the next reply's output. */
    maxOutput?: number;
    /** The site's own token count on the page (AI Studio's), when it shows one. */
    siteTokens?: number;
  };
  streaming: {
    label: string | null;
    model: string | null;
    /** The composer's draft ('' when empty). */
    draft: string;
    /** Every turn's role in order, when the page's turns are checked one by one. */
    roles?: Role[];
    maxOutput?: number;
  };
  /** The empty page's model label (default null: a chat site shows none before a chat). */
  empty?: { label: string | null };
  /** A saved conversation's URL and the id it carries; a new chat's URL (no id yet). */
  urls: { conversation: string; id: string; newChat: string };
  /** How the adapter prices its label (absent: through the alias tables, the lab's offer). */
  pricing?: AdapterPricing;
  /** Labels as the site shows them → the rate-card id each resolves to. */
  labels?: [label: string, model: string][];
  /** How the e2e tests serve and use the fixture in Chromium. */
  e2e: {
    /** The URL the conversation fixture is served at. */
    url: string;
    /**
     * Sites whose e2e test records a new exchange (tests/e2e/sites.test.ts): the last user turn
     * and reply to clone. Without it, tests/e2e/sites-tier2.test.ts types a draft into `typeInto`.
     */
    exchange?: { user: string; assistant: string };
    /** Where a user types the next prompt (tests/e2e/sites-tier2.test.ts). */
    typeInto?: string;
  };
}

/** Every site folder's `__tests__/expected.ts`, by site id (Vite's glob: vitest only). */
export const EXPECTATIONS: Readonly<Record<string, SiteExpectation>> = Object.fromEntries(
  Object.values(
    import.meta.glob<SiteExpectation>('../*/__tests__/expected.ts', {
      eager: true,
      import: 'expected',
    }),
  ).map((e) => [e.site, e]),
);
