import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const FIXTURES = resolve(import.meta.dirname, '..', '..', 'fixtures');
export const RECONSTRUCTED = '<!-- reconstructed from public selectors, 2026-11; not a capture -->';

export function readFixture(site: string, name: string): string {
  return readFileSync(join(FIXTURES, site, name), 'utf8');
}

export function fixtureFiles(site: string): string[] {
  try {
    return readdirSync(join(FIXTURES, site));
  } catch {
    return [];
  }
}

/** Parse a fixture into a happy-dom Document (readers take a root, so no live page is needed). */
export function parseFixture(site: string, name: string): Document {
  return new DOMParser().parseFromString(readFixture(site, name), 'text/html');
}
