/** Rate card and pricing engine (pure). See docs/pricing.md. */
export * from './schema';
export { getBundledAmendments, getBundledCard } from './bundled';
export {
  buildRateCard,
  cardVersion,
  rebuildCard,
  labFromCard,
  openRouterFromCard,
  OPENROUTER_LIVE_SOURCE,
} from './card';
export type { FeedStatus, RateCardStatus, SyncErrorCode, SyncErrorInfo } from './status';
export { normalizeModelsDev, RateCardSourceError } from './normalize-models-dev';
export type { LabModel, OpenRouterEntry } from './normalize-models-dev';
export { normalizeOpenRouter } from './normalize-openrouter';
export { findModel, resolveModel, resolveModelId, listModels, RESOLUTION_RULES } from './resolve';
export type { ModelSummary, Resolution, ResolutionRule } from './resolve';
export { periodAt, timeRuleAt, listPriceAt, toEpochMs } from './timeline';
export type { Moment, PricePeriodUsed, TimeRuleUsed } from './timeline';
export { costPricer, priceUsage, priceOffer, microsToUnits } from './price';
export type {
  CostPricer,
  PriceResult,
  Priced,
  Unpriced,
  PriceBreakdown,
  PriceClass,
  PriceOverride,
  PriceOverrides,
  PriceOptions,
  AppliedRule,
  LocalCost,
} from './price';
export { SEED_MODELS } from './seeds';
export {
  BUNDLED_RATES,
  BUNDLED_RATE_DATE,
  convertMicros,
  formatCost,
  formatMoney,
  isCurrencyCode,
  rateFor,
} from './currency';
export type { CostDisplay, ExchangeRate, FormattedCost } from './currency';
export { checkCardChange, parseFeedBody, MAX_MODEL_DROP, MAX_PRICE_FACTOR } from './guard';
export type { Amendments } from './amend';
export { applyFeed, applyGenaiFeed, genaiLiveSource, parseGenaiFeed } from './sync';
export { FEED_SOURCES } from './feeds';
export type { CardFeedKey, FeedKey } from './feeds';
export { FX_SOURCE, STALE_RATE_DAYS, parseExchangeRates, isStaleRate } from './fx';
export { lookupModels, dateIn, LOOKUP_LIMIT, PRICE_FIELDS } from './lookup';
export type {
  FieldLine,
  LookupResult,
  ModelLine,
  OfferLine,
  PeriodLine,
  PriceField,
  SyncChange,
  TierLine,
} from './lookup';
