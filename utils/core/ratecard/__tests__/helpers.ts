import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { join } from 'node:path';
import {
  buildRateCard,
  normalizeModelsDev,
  type OpenRouterEntry,
  type RateCard,
} from '@/utils/core/ratecard';
import { buildAmendments, type Amendments } from '@/utils/core/ratecard/amend';

const root = process.cwd();
export const SOURCES = join(root, 'utils/core/ratecard/sources');
export const FIXTURES = join(root, 'tests/fixtures/ratecards');

/** The repo's trimmed models.dev copy (the same file `npm run ratecard:build` reads). */
export function loadModelsDevCopy(): Record<string, any> {
  return JSON.parse(readFileSync(join(SOURCES, 'models.dev-api.json'), 'utf8'));
}

export function loadOpenRouterFixture(): { data: any[] } {
  return JSON.parse(
    readFileSync(join(FIXTURES, 'openrouter-models.2026-05-15.trimmed.json'), 'utf8'),
  );
}

export function loadFullModelsDev(): Record<string, any> {
  const gz = readFileSync(join(FIXTURES, 'models.dev-api.2026-07-02.full.json.gz'));
  return JSON.parse(gunzipSync(gz).toString('utf8'));
}

/** The amendments the build makes from the repo's genai-prices copy and lab-prices.json. */
export function amendmentsFromSources(): Amendments {
  const meta = JSON.parse(readFileSync(join(SOURCES, 'meta.json'), 'utf8'));
  return buildAmendments(
    JSON.parse(readFileSync(join(SOURCES, 'genai-prices.json'), 'utf8')),
    JSON.parse(readFileSync(join(SOURCES, 'lab-prices.json'), 'utf8')),
    `genai-prices ${meta.genaiPrices.version} ${meta.genaiPrices.fetchedAt}`,
    meta.genaiPrices.fetchedAt,
  );
}

let card: RateCard | undefined;
/** A card built from the repo's source copies, as the build script does. */
export function cardFromSources(): RateCard {
  if (card) return card;
  const { lab, openrouter } = normalizeModelsDev(loadModelsDevCopy(), { fetchedAt: '2026-07-02' });
  const extra = JSON.parse(
    readFileSync(join(SOURCES, 'openrouter-extra.json'), 'utf8'),
  ) as OpenRouterEntry[];
  card = buildRateCard({
    lab,
    openrouter: [...openrouter, ...extra],
    createdAt: '2026-09-23',
    amendments: amendmentsFromSources(),
    sources: [
      {
        name: 'models.dev',
        url: 'https://models.dev/api.json',
        fetchedAt: '2026-07-02',
        license: 'MIT',
      },
    ],
  });
  return card;
}
