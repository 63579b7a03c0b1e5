// `npm run -s cli -- price --model <id> --input N --output N [--cache-read N] [--cache-write N]
//   [--reasoning N] [--requests N] [--offer openrouter] [--at <ISO time>] [--currency <code>]
//   [--sync]`
//
// Prices one request on the bundled rate card (no network unless --sync) at the moment `--at`
// (default now) and prints one JSON object: {"model", "priced": true, "currency": "USD", "cost",
// "breakdown", "source", "free", "at", "rules", "rule", "sources"}, costs in USD (`sources`: per
// class of the breakdown, the source and date of the price it was billed at); with --currency, `cost`
// and `breakdown` are in that currency (the lab's list price where the card has one, else
// converted) and `usd` keeps the USD figures. --sync also refreshes the exchange rates
// (Frankfurter, validated like in the extension; a failure warns on stderr and the bundled
// rates are used). An unknown model prints
// {"model": <as given>, "priced": false, "reason"} with no cost.
import {
  applyFeed,
  applyGenaiFeed,
  parseGenaiFeed,
  type Amendments,
  type FeedKey,
  BUNDLED_RATES,
  FEED_SOURCES,
  FX_SOURCE,
  parseExchangeRates,
  type ExchangeRate,
  getBundledCard,
  isCurrencyCode,
  microsToUnits,
  toEpochMs,
  parseFeedBody,
  priceUsage,
  type CardFeedKey,
  type RateCard,
} from '../../utils/core/ratecard';
import { OFFER_KINDS, type OfferKind } from '../../utils/core/types';

const FLAGS: Record<string, string> = {
  '--input': 'input',
  '--output': 'output',
  '--cache-read': 'cacheRead',
  '--cache-write': 'cacheWrite',
  '--reasoning': 'reasoning',
  '--requests': 'requests',
};

class UsageError extends Error {}

function parseArgs(args: string[]) {
  let model: string | undefined;
  let offer: OfferKind = 'default';
  let sync = false;
  let at: string | undefined;
  let currency: string | undefined;
  const usage: Record<string, number> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--sync') {
      sync = true;
    } else if (arg === '--at') {
      const value = args[++i];
      try {
        at = new Date(toEpochMs(value ?? '')).toISOString();
      } catch {
        throw new UsageError(
          `--at needs an ISO date or time (2026-09-01T02:00:00Z), got ${JSON.stringify(value)}`,
        );
      }
    } else if (arg === '--currency') {
      const value = (args[++i] ?? '').toUpperCase();
      if (!isCurrencyCode(value)) {
        throw new UsageError(
          `--currency needs an ISO 4217 code (CNY, EUR), got ${JSON.stringify(args[i])}`,
        );
      }
      currency = value;
    } else if (arg === '--model') {
      model = args[++i];
      if (!model) throw new UsageError('--model needs a model id');
    } else if (arg === '--offer') {
      const value = args[++i];
      if (!(OFFER_KINDS as readonly string[]).includes(value)) {
        throw new UsageError(
          `--offer must be "openrouter" or "default", got ${JSON.stringify(value)}`,
        );
      }
      offer = value as OfferKind;
    } else if (arg in FLAGS) {
      const value = args[++i];
      if (value === undefined || !/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
        throw new UsageError(
          `${arg} needs a whole number of tokens ≥ 0, got ${JSON.stringify(value)}`,
        );
      }
      usage[FLAGS[arg]] = Number(value);
    } else {
      throw new UsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  if (!model) throw new UsageError('--model is required');
  return {
    model,
    offer,
    sync,
    at,
    currency,
    usage: { input: usage.input ?? 0, output: usage.output ?? 0, ...usage },
  };
}

/**
 * Fetch the three feeds and apply what validates; a failure is reported and the card kept.
 * genai-prices amends the lab offers of this run's models.dev read (as in the extension's sync).
 */
async function syncCard(card: RateCard): Promise<RateCard> {
  const at = new Date().toISOString();
  const fetchJson = async (key: FeedKey) => {
    const { name, url } = FEED_SOURCES[key];
    const response = await fetch(url, { signal: AbortSignal.timeout(20_000) });
    if (!response.ok) throw new Error(`${name} answered HTTP ${response.status}`);
    return parseFeedBody(name, await response.text(), response.headers.get('content-type'));
  };
  let genai: Amendments | null = null;
  try {
    genai = parseGenaiFeed(await fetchJson('genaiPrices'), at);
  } catch (error) {
    warnSync(error);
  }
  let modelsDevJson: unknown;
  for (const key of ['modelsDev', 'openrouter'] as CardFeedKey[]) {
    try {
      const json = await fetchJson(key);
      card = applyFeed(card, key, json, at);
      if (key === 'modelsDev') modelsDevJson = json;
    } catch (error) {
      warnSync(error);
    }
  }
  if (genai) {
    try {
      if (modelsDevJson === undefined) {
        throw new Error('genai-prices not applied: it needs a fresh models.dev read');
      }
      card = applyGenaiFeed(card, genai, modelsDevJson, at);
    } catch (error) {
      warnSync(error);
    }
  }
  return card;
}

function warnSync(error: unknown) {
  // A network failure's reason is in its cause ("fetch failed" → ECONNREFUSED …).
  const cause =
    error instanceof TypeError && error.cause instanceof Error ? ` (${error.cause.message})` : '';
  const message = (error instanceof Error ? error.message : String(error)) + cause;
  process.stderr.write(
    JSON.stringify({ warning: `sync: ${message}; using the card as it was` }) + '\n',
  );
}

/**
 * Today's exchange rates from the sync's source, checked against the bundled ones (a move over
 * 10x is refused); on any failure a warning on stderr and {} (the bundled rates then apply).
 */
export async function syncExchangeRates(): Promise<Record<string, ExchangeRate>> {
  try {
    const response = await fetch(FX_SOURCE.url, { signal: AbortSignal.timeout(20_000) });
    if (!response.ok) throw new Error(`${FX_SOURCE.name} answered HTTP ${response.status}`);
    return parseExchangeRates(await response.json(), Date.now(), BUNDLED_RATES);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      JSON.stringify({ warning: `sync: ${message}; using the bundled exchange rates` }) + '\n',
    );
    return {};
  }
}

const roundUsd = (micros: number) => microsToUnits(micros);

/** The bundled card and rates, or with --sync the feeds' (each failure warns and keeps those). */
export async function loadPricing(parsed: { sync: boolean; currency?: string }) {
  let card = getBundledCard();
  let rates: Record<string, ExchangeRate> | undefined;
  if (parsed.sync) {
    card = await syncCard(card);
    // Only a currency that needs a rate asks for one (no request for USD).
    if (parsed.currency && parsed.currency !== 'USD') rates = await syncExchangeRates();
  }
  return { card, rates };
}

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(
      JSON.stringify({
        error: error.message,
        usage:
          'price --model <id> --input N --output N [--cache-read N] [--cache-write N] [--reasoning N] [--requests N] [--offer openrouter] [--at <ISO time>] [--currency <code>] [--sync]',
      }) + '\n',
    );
    return 2;
  }
  const { card, rates } = await loadPricing(parsed);
  const result = priceUsage(card, parsed.model, parsed.usage, {
    offer: parsed.offer,
    at: parsed.at,
    currency: parsed.currency,
    rates,
  });
  if (!result.priced) {
    process.stdout.write(
      JSON.stringify({ model: parsed.model, priced: false, reason: result.reason }) + '\n',
    );
    return 0;
  }
  if (parsed.currency && result.localError) {
    process.stderr.write(
      JSON.stringify({ error: `--currency ${parsed.currency}: ${result.localError}` }) + '\n',
    );
    return 2;
  }
  const units = (b: Record<string, number>) =>
    Object.fromEntries(Object.entries(b).map(([k, v]) => [k, roundUsd(v)]));
  const what =
    result.offer === 'default'
      ? 'lab list price'
      : result.offer === 'openrouter'
        ? 'OpenRouter offer'
        : 'custom price';
  const tier =
    result.tierAbove === null ? '' : `, long-context rate (prompt > ${result.tierAbove} tokens)`;
  const peak = result.rule.timeRule
    ? `, ${result.rule.timeRule.label} ${result.rule.timeRule.window} ${result.rule.timeRule.zone}`
    : '';
  const local = result.local;
  const variant = result.rule.variant;
  process.stdout.write(
    JSON.stringify({
      model: variant === 'free' ? `${result.model}:free` : result.model,
      priced: true,
      currency: local ? local.currency : result.currency,
      cost: roundUsd(local ? local.costMicros : result.costMicros),
      breakdown: units(local ? local.breakdown : result.breakdown),
      source: `${result.source} (${what}, ${result.fetchedAt}${tier}${peak})`,
      free: result.free,
      variant,
      at: result.at,
      tierAbove: result.tierAbove,
      rules: result.rules,
      rule: result.rule,
      sources: result.sources,
      ...(local
        ? {
            usd: {
              currency: result.currency,
              cost: roundUsd(result.costMicros),
              breakdown: units(result.breakdown),
            },
            exchange: { basis: local.basis, rate: local.rate, source: local.source },
          }
        : {}),
    }) + '\n',
  );
  return 0;
}
