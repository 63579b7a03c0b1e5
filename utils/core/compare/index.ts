/** Compare one text across models (pure): rows, sorting, filtering, the default model list. */
export {
  DEFAULT_MODELS,
  PROVIDER_REGIONS,
  REGION_LABELS,
  regionOf,
  resolveDefaultModels,
  type DefaultModel,
  type Region,
} from './defaults';
export {
  buildRows,
  canonicalId,
  DEFAULT_OUTPUT_TOKENS,
  familiesOf,
  outputTokensFor,
  type CompareInput,
  type CompareRow,
  type FamilyState,
  type OutputSpec,
  type RowPrice,
} from './rows';
export {
  filterRows,
  searchModels,
  SORT_KEYS,
  sortRows,
  type RowFilter,
  type SortDir,
  type SortKey,
} from './sort';
export { formatFit, formatRatio, formatTier, formatWindow, provenanceMark } from './format';
export { countFamilies, type CountOne } from './count';
export { compareTextOf, outputRatioOf, type TurnLike } from './handoff';
