/** Pure aggregation of usage history: calendar periods, rollups, summaries, re-pricing. */
export * from './calendar';
export * from './periods';
export * from './rollup';
export * from './summary';
export * from './reprice';
export * from './budgets';
