/**
 * Everything the extension keeps in extension storage (WXT storage items). Every item's key,
 * owner, version and fallback are listed in __tests__/storage-keys.test.ts.
 *
 * - settings/: what the user sets (owner `user`), by area: sites.ts (chat sites, privacy, the
 *   overlay per site, "any other page", the default model), history.ts (budgets,
 *   subscriptions, retention, week start), money.ts (currency, exchange rates, custom prices),
 *   compare.ts (pinned models), language.ts (the UI language), imports.ts (scheduled folder
 *   re-scans).
 * - state/: what the extension keeps for itself: history.ts (history health and the popup's
 *   dashboard snapshot, shown by the pages), overlay.ts (site health and the sites' latest quota
 *   windows, reported by the content script), compare.ts (the compare hand-off),
 *   exchange-rates.ts (the synced exchange rates, shown by the pages), imports.ts (the last
 *   scheduled folder re-scan), background.ts (rate-card cache and sync status, pending turns,
 *   budget notifications: read by the background only).
 * - settings/openrouter.ts and state/openrouter.ts: the user's OpenRouter key and what its last
 *   pull found; imported from where they are (the options page and the background only).
 * - validated.ts: the validated writes. Each runs its value through `parseOrThrow`, which throws
 *   "<what> not saved: <field>: <problem>" and stores nothing.
 *
 * Conventions:
 * - Each item is defined once, with `storage.defineItem` marked `@__PURE__`: defining a WXT item
 *   reads it from storage at once, and the mark lets a bundle drop the items it does not use (a
 *   content script that imports this index for two items defines and reads two).
 * - A key, fallback and version never change once shipped: stored user data is read through
 *   them. Bump `version` and add a migration when a shape changes.
 * - This index is zod-free. Two files are imported from where they are, not re-exported here:
 *   validated.ts (it loads zod and the rate card) and state/background.ts. The pages share
 *   their chunks with the background, by file, so an item re-exported here is loaded, and read,
 *   by every page that imports this index; the synced rate card and the pending turns weigh up
 *   to hundreds of KB. For the same reason the popup's first paint imports the three files it
 *   reads (settings/history.ts, settings/money.ts, settings/language.ts, state/history.ts,
 *   state/exchange-rates.ts) directly.
 */
export * from './settings/sites';
export * from './settings/history';
export * from './settings/money';
export * from './settings/compare';
export * from './settings/language';
export * from './settings/imports';
export * from './state/history';
export * from './state/overlay';
export * from './state/compare';
export * from './state/exchange-rates';
export * from './state/imports';
