// `npm run ratecard:build`: make the bundled rate card (utils/core/ratecard/snapshot.json) from the
// source copies in utils/core/ratecard/sources/, and print coverage (models kept by provider, and
// whether each seed model in utils/core/ratecard/seeds.ts resolves).
//
//   --fetch         refresh the source copy from https://models.dev/api.json first
//   --from <file>   refresh the source copy from a local models.dev api.json instead
//   --openrouter-from <file>  also take OpenRouter entries missing from models.dev's copy from a
//                   saved `GET https://openrouter.ai/api/v1/models` response (--fetch fetches it live)
//   --genai         refresh sources/genai-prices.json from the installed @pydantic/genai-prices
//                   package (a pinned devDependency; --fetch does it too; --genai-date <day>)
//   --check         build in memory and fail if snapshot.json or amendments.json differs (for CI)
//
// genai-prices (MIT) adds dated price history and tiers, and sources/lab-prices.json the labs' own
// data (time-of-day rules, CNY list prices); both are merged by utils/core/ratecard/amend.ts and
// also written to amendments.json, which a synced card is rebuilt with.
//
// OpenRouter's raw response is not shipped (its terms): only the normalized offers of models that
// models.dev's copy lacks are kept, in sources/openrouter-extra.json.
//
// The source copy keeps only the providers the card uses (first-party labs + models.dev's copy
// of OpenRouter's catalogue, all MIT), one model per line so price changes diff cleanly.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildAmendments } from '../utils/core/ratecard/amend';
import { GENAI_PROVIDERS } from '../utils/core/ratecard/normalize-genai-prices';
import {
  buildRateCard,
  normalizeModelsDev,
  normalizeOpenRouter,
  type OpenRouterEntry,
  resolveModelId,
  SEED_MODELS,
  type RateCard,
} from '../utils/core/ratecard';
import { FIRST_PARTY } from '../utils/core/ratecard/providers';

const DIR = join(import.meta.dirname, '../utils/core/ratecard');
const SOURCE = join(DIR, 'sources/models.dev-api.json');
const META = join(DIR, 'sources/meta.json');
const OPENROUTER_EXTRA = join(DIR, 'sources/openrouter-extra.json');
const OPENROUTER_URL = 'https://openrouter.ai/api/v1/models';
const SNAPSHOT = join(DIR, 'snapshot.json');
const GENAI = join(DIR, 'sources/genai-prices.json');
const LAB_PRICES = join(DIR, 'sources/lab-prices.json');
const AMENDMENTS = join(DIR, 'amendments.json');
const GENAI_PACKAGE = '@pydantic/genai-prices';
const MODELS_DEV_URL = 'https://models.dev/api.json';

interface SourceMeta {
  modelsDev: { url: string; fetchedAt: string; upstream: string; license: string };
  openrouter?: { url: string; fetchedAt: string; license: string };
  genaiPrices?: {
    package: string;
    version: string;
    fetchedAt: string;
    license: string;
    upstream: string;
  };
}

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

/** Keep the used providers; one model per line. */
function trimModelsDev(full: Record<string, any>): string {
  const keep = [...Object.keys(FIRST_PARTY), 'openrouter'].filter((p) => full[p]);
  const lines: string[] = ['{'];
  keep.forEach((p, pi) => {
    const { models, ...provider } = full[p];
    const head = JSON.stringify(provider).slice(0, -1);
    lines.push(`${JSON.stringify(p)}:${head},"models":{`);
    const entries = Object.entries(models as Record<string, unknown>);
    entries.forEach(([id, m], mi) => {
      lines.push(`${JSON.stringify(id)}:${JSON.stringify(m)}${mi < entries.length - 1 ? ',' : ''}`);
    });
    lines.push(`}}${pi < keep.length - 1 ? ',' : ''}`);
  });
  lines.push('}');
  return lines.join('\n') + '\n';
}

async function refreshOpenRouter(meta: SourceMeta): Promise<void> {
  let raw: unknown;
  let fetchedAt: string;
  const from = option('--openrouter-from');
  if (from) {
    raw = JSON.parse(await readFile(from, 'utf8'));
    fetchedAt = option('--openrouter-date') ?? new Date().toISOString().slice(0, 10);
  } else {
    const response = await fetch(OPENROUTER_URL, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`${OPENROUTER_URL}: HTTP ${response.status}`);
    raw = await response.json();
    fetchedAt = new Date().toISOString().slice(0, 10);
  }
  const entries = normalizeOpenRouter(raw, { fetchedAt });
  const md = JSON.parse(await readFile(SOURCE, 'utf8'));
  const known = new Set(Object.keys(md.openrouter?.models ?? {}));
  const extra = entries.filter((e) => !known.has(e.id));
  await writeFile(
    OPENROUTER_EXTRA,
    '[\n' + extra.map((e) => JSON.stringify(e)).join(',\n') + '\n]\n',
  );
  meta.openrouter = {
    url: OPENROUTER_URL,
    fetchedAt,
    license: "OpenRouter's terms (normalized offers only)",
  };
  await writeFile(META, JSON.stringify(meta, null, 2) + '\n');
  console.log(
    `OpenRouter: ${entries.length} entries, ${extra.length} missing from models.dev's copy kept`,
  );
}

async function refreshSource(): Promise<void> {
  let text: string;
  let url: string;
  if (flag('--fetch')) {
    url = MODELS_DEV_URL;
    const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    text = await response.text();
  } else {
    url = option('--from')!;
    text = await readFile(url, 'utf8');
  }
  const full = JSON.parse(text);
  // Validate before replacing the copy: a broken feed must not overwrite a good source.
  normalizeModelsDev(full, { fetchedAt: new Date().toISOString() });
  await writeFile(SOURCE, trimModelsDev(full));
  const meta: SourceMeta = {
    modelsDev: {
      url: MODELS_DEV_URL,
      fetchedAt: option('--date') ?? new Date().toISOString().slice(0, 10),
      upstream: 'anomalyco/models.dev (formerly sst/models.dev), providers/**.toml',
      license: 'MIT',
    },
  };
  const old = JSON.parse(await readFile(META, 'utf8').catch(() => '{}')) as Partial<SourceMeta>;
  if (old.openrouter) meta.openrouter = old.openrouter;
  await writeFile(META, JSON.stringify(meta, null, 2) + '\n');
  console.log(`source refreshed from ${url}`);
}

/** Copy genai-prices' data from its npm package: the providers the card uses, one model per line. */
async function refreshGenai(meta: SourceMeta): Promise<void> {
  const { waitForUpdate } = await import(GENAI_PACKAGE);
  const data = (await waitForUpdate()) as {
    id: string;
    models: { id: string; match: unknown; prices: unknown }[];
  }[];
  const pkg = JSON.parse(
    await readFile(
      join(import.meta.dirname, `../node_modules/${GENAI_PACKAGE}/package.json`),
      'utf8',
    ),
  );
  const kept = data.filter((p) => p.id in GENAI_PROVIDERS);
  const lines = kept.map(
    (p) =>
      `{"id":${JSON.stringify(p.id)},"models":[\n` +
      p.models
        .map((m) => JSON.stringify({ id: m.id, match: m.match, prices: m.prices }))
        .join(',\n') +
      '\n]}',
  );
  const text = '[\n' + lines.join(',\n') + '\n]\n';
  buildAmendments(JSON.parse(text), JSON.parse(await readFile(LAB_PRICES, 'utf8')), 'check');
  await writeFile(GENAI, text);
  meta.genaiPrices = {
    package: GENAI_PACKAGE,
    version: pkg.version,
    fetchedAt: option('--genai-date') ?? new Date().toISOString().slice(0, 10),
    license: 'MIT',
    upstream: 'pydantic/genai-prices, prices/new_data/v2/data.json (embedded in the npm package)',
  };
  await writeFile(META, JSON.stringify(meta, null, 2) + '\n');
  console.log(
    `genai-prices ${pkg.version}: ${kept.reduce((n, p) => n + p.models.length, 0)} models kept`,
  );
}

function coverage(card: RateCard): boolean {
  const byProvider = new Map<string, { models: number; lab: number; openrouter: number }>();
  for (const m of card.models) {
    const row = byProvider.get(m.provider) ?? { models: 0, lab: 0, openrouter: 0 };
    row.models++;
    if (m.offers.default) row.lab++;
    if (m.offers.openrouter) row.openrouter++;
    byProvider.set(m.provider, row);
  }
  const firstParty = [...byProvider].filter(([p]) => p in FIRST_PARTY);
  const others = [...byProvider].filter(([p]) => !(p in FIRST_PARTY));
  console.log('\nModels kept, by provider (lab offer / OpenRouter offer):');
  console.table(
    Object.fromEntries(
      firstParty
        .sort((a, b) => b[1].models - a[1].models)
        .map(([p, r]) => [p, { models: r.models, 'lab price': r.lab, openrouter: r.openrouter }]),
    ),
  );
  const otherModels = others.reduce((n, [, r]) => n + r.models, 0);
  console.log(`OpenRouter-only models from ${others.length} other vendors: ${otherModels}`);
  console.log(`Total: ${card.models.length} models\n\nSeed models:`);
  let allFound = true;
  const rows = SEED_MODELS.map((seed) => {
    const resolved = seed.ids.map((id) => resolveModelId(card, id));
    const found = resolved.every((r) => r !== null);
    if (!found) allFound = false;
    const ids = [...new Set(resolved.map((r) => r ?? '(unresolved)'))];
    const models = ids.map((id) => card.models.find((m) => m.id === id));
    return {
      seed: seed.label,
      found: found ? 'yes' : 'NO',
      id: ids.join(' + '),
      offers: models.map((m) => (m ? Object.keys(m.offers).join('+') : '-')).join(' | '),
    };
  });
  console.table(rows);
  return allFound;
}

if (flag('--fetch') || option('--from')) await refreshSource();
if (flag('--fetch') || option('--openrouter-from')) {
  await refreshOpenRouter(JSON.parse(await readFile(META, 'utf8')));
}
if (flag('--fetch') || flag('--genai')) {
  await refreshGenai(JSON.parse(await readFile(META, 'utf8')));
}
const meta = JSON.parse(await readFile(META, 'utf8')) as SourceMeta;
const raw = JSON.parse(await readFile(SOURCE, 'utf8'));
const fetchedAt = meta.modelsDev.fetchedAt;
const { lab, openrouter } = normalizeModelsDev(raw, { fetchedAt });
const extra = JSON.parse(
  await readFile(OPENROUTER_EXTRA, 'utf8').catch(() => '[]'),
) as OpenRouterEntry[];
const sources = [
  { name: 'models.dev', url: meta.modelsDev.url, fetchedAt, license: meta.modelsDev.license },
];
if (meta.openrouter && extra.length) {
  sources.push({ name: 'openrouter.ai', ...meta.openrouter });
}
const genaiMeta = meta.genaiPrices!;
const amendments = buildAmendments(
  JSON.parse(await readFile(GENAI, 'utf8')),
  JSON.parse(await readFile(LAB_PRICES, 'utf8')),
  `genai-prices ${genaiMeta.version} ${genaiMeta.fetchedAt}`,
  genaiMeta.fetchedAt,
);
sources.push({
  name: 'genai-prices',
  url: `https://www.npmjs.com/package/${GENAI_PACKAGE}/v/${genaiMeta.version}`,
  fetchedAt: genaiMeta.fetchedAt,
  license: genaiMeta.license,
});
const card = buildRateCard({
  lab,
  openrouter: [...openrouter, ...extra],
  createdAt: [fetchedAt, meta.openrouter?.fetchedAt ?? '', genaiMeta.fetchedAt].sort().at(-1)!,
  sources,
  amendments,
});
const text = JSON.stringify(card) + '\n';
const amendmentsText = JSON.stringify(amendments) + '\n';
if (flag('--check')) {
  const current = await readFile(SNAPSHOT, 'utf8').catch(() => '');
  const currentAmendments = await readFile(AMENDMENTS, 'utf8').catch(() => '');
  if (current !== text || currentAmendments !== amendmentsText) {
    console.error('snapshot.json or amendments.json is out of date: run `npm run ratecard:build`');
    process.exitCode = 1;
  }
} else {
  await writeFile(SNAPSHOT, text);
  await writeFile(AMENDMENTS, amendmentsText);
  console.log(`wrote ${SNAPSHOT} (${(text.length / 1024).toFixed(0)} KB, version ${card.version})`);
}
const seedsOk = coverage(card);
if (!seedsOk) {
  console.error('\nSome seed models do not resolve.');
  process.exitCode = 1;
}
