/**
 * Export and import formats of the history. JSON is the lossless format (every stored field of
 * every event, plus conversation titles); CSV is one row per turn for spreadsheets (no text).
 *
 * An import file is untrusted: it is size-checked before reading, parsed with a reviver that
 * refuses prototype-polluting keys, and validated as a whole with strict zod schemas before a
 * single row is sent to the background, so a bad file writes nothing and says what is wrong.
 */
import { z } from 'zod';
import { IMPORT_SOURCES } from '@/utils/core/imports/types';
import { PROVENANCES, type TokenCount } from '@/utils/core/types';
import { t } from '@/utils/i18n';
import type { AppliedPrices, ImportedFields, StoredEvent } from './types';

export const EXPORT_FORMAT = 'token-meter-history';
export const EXPORT_VERSION = 1;
/** Largest import file: ~140k turns. Bigger files are refused before they are read. */
export const MAX_IMPORT_BYTES = 64 * 1024 * 1024;
/** Rows per importHistory message (keeps each message a few MB). */
export const IMPORT_CHUNK = 5_000;

const int = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const shortText = z.string().max(1_000);

const tokenCountSchema = z.strictObject({
  tokens: int,
  provenance: z.enum(PROVENANCES),
  family: shortText,
});

const perMillionSchema = z.strictObject({
  input: z.number().nonnegative().optional(),
  output: z.number().nonnegative().optional(),
  cacheRead: z.number().nonnegative().optional(),
  cacheWrite: z.number().nonnegative().optional(),
  cacheWrite1h: z.number().nonnegative().optional(),
  reasoning: z.number().nonnegative().optional(),
  request: z.number().nonnegative().optional(),
});

const appliedPricesSchema = z.strictObject({
  source: shortText,
  offer: shortText,
  currency: z.string().regex(/^[A-Z]{3}$/),
  perMillion: perMillionSchema,
  tierAbove: int.nullable(),
});

const eventFields = {
  key: z.string().min(1).max(2_000),
  time: int,
  site: z.string().regex(/^[a-z0-9-]{1,100}$/),
  conversationId: z.string().max(1_000),
  turnIndex: int,
  modelLabel: shortText.nullable(),
  model: shortText.nullable(),
  input: tokenCountSchema,
  output: tokenCountSchema,
  reasoning: tokenCountSchema,
  costMicroUsd: int.nullable(),
  rateCardVersion: shortText.nullable(),
  flags: int,
  text: z.strictObject({ prompt: z.string(), reply: z.string() }).optional(),
  imported: z
    .strictObject({
      source: z.enum(IMPORT_SOURCES),
      agent: shortText,
      project: z.string().max(2_000).nullable(),
      session: z.string().max(2_000).nullable(),
      cacheRead: int,
      cacheWrite5m: int,
      cacheWrite1h: int,
      requests: int.nullable(),
      period: z.enum(['hour', 'day', 'week', 'month', 'session', 'block', 'minute']).nullable(),
      costKind: z.enum(['billed', 'api', 'estimate', 'unpriced']),
      statedMicroUsd: int.nullable(),
    })
    .optional(),
};

/** A stored row, as the background accepts it from the import (re-checked there). */
export const storedEventSchema = z
  .strictObject({
    ...eventFields,
    id: int.optional(),
    conversation: z.string().max(1_200),
    prices: appliedPricesSchema.nullable(),
  })
  .refine((e) => e.conversation === `${e.site}|${e.conversationId}`, {
    message: 'conversation must be "site|conversationId"',
    path: ['conversation'],
  });

/**
 * An event in the file: the stored row without what is derived (`conversation`) or local
 * (`id`), and with its prices as an index into the file's `prices` list (the same few price
 * sets repeat over thousands of turns).
 */
const fileEventSchema = z.strictObject({ ...eventFields, prices: int.nullable() });

export const exportFileSchema = z
  .strictObject({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    exportedAt: z.string(),
    prices: z.array(appliedPricesSchema).max(100_000),
    events: z.array(fileEventSchema).max(2_000_000),
    /** Conversation id (`site|id`) → title; only present for users who opted in to text. */
    titles: z.array(z.tuple([z.string().max(1_200), z.string().max(2_000)])),
  })
  .superRefine((file, ctx) => {
    file.events.forEach((e, i) => {
      if (e.prices !== null && e.prices >= file.prices.length) {
        ctx.addIssue({
          code: 'custom',
          message: `refers to price set ${e.prices}, but the file has ${file.prices.length}`,
          path: ['events', i, 'prices'],
        });
      }
    });
  });

export type ExportFile = z.infer<typeof exportFileSchema>;

/** A validated import: rows in stored form, titles by conversation. */
export interface ImportData {
  events: StoredEvent[];
  titles: [string, string][];
}

function samePrices(a: AppliedPrices, b: AppliedPrices): boolean {
  if (
    a.source !== b.source ||
    a.offer !== b.offer ||
    a.currency !== b.currency ||
    a.tierAbove !== b.tierAbove
  )
    return false;
  const ka = Object.keys(a.perMillion);
  if (ka.length !== Object.keys(b.perMillion).length) return false;
  return ka.every((k) => a.perMillion[k] === b.perMillion[k]);
}

/**
 * The JSON export written piece by piece: `head()`, then `events(rows)` for each page of rows in
 * id order, then `tail(titles)`. Price sets are numbered as they are first met, so the `prices`
 * list comes after the events (key order means nothing to a JSON reader).
 */
export function exportJsonWriter(now: number) {
  // Price sets repeat: group candidates by a cheap key, then compare field by field.
  const candidates = new Map<string, number[]>();
  const prices: AppliedPrices[] = [];
  const indexOf = (p: AppliedPrices, hint: string): number => {
    const key = `${hint}|${p.offer}|${p.tierAbove}`;
    let list = candidates.get(key);
    if (!list) candidates.set(key, (list = []));
    for (const i of list) if (samePrices(prices[i], p)) return i;
    const index = prices.push(p) - 1;
    list.push(index);
    return index;
  };
  let first = true;
  return {
    head: () =>
      `{"format":${JSON.stringify(EXPORT_FORMAT)},"version":${EXPORT_VERSION},` +
      `"exportedAt":${JSON.stringify(new Date(now).toISOString())},"events":[`,
    events(events: readonly StoredEvent[]): string {
      if (events.length === 0) return '';
      // Fields listed one by one (not a rest spread): a fixed shape is much faster.
      const rows = events.map((e) => {
        const row: ExportFile['events'][number] = {
          key: e.key,
          time: e.time,
          site: e.site,
          conversationId: e.conversationId,
          turnIndex: e.turnIndex,
          modelLabel: e.modelLabel,
          model: e.model,
          input: e.input,
          output: e.output,
          reasoning: e.reasoning,
          costMicroUsd: e.costMicroUsd,
          rateCardVersion: e.rateCardVersion,
          prices: e.prices ? indexOf(e.prices, `${e.rateCardVersion}|${e.model}`) : null,
          flags: e.flags,
        };
        if (e.text) row.text = e.text;
        if (e.imported) row.imported = e.imported;
        return row;
      });
      const json = JSON.stringify(rows);
      const body = json.slice(1, -1);
      const out = first ? body : `,${body}`;
      first = false;
      return out;
    },
    tail: (titles: [string, string][]) =>
      `],"prices":${JSON.stringify(prices)},"titles":${JSON.stringify(titles)}}`,
  };
}

/** The whole JSON export of rows in memory (tests and small files). */
export function buildExportJson(events: StoredEvent[], titles: [string, string][], now: number) {
  const w = exportJsonWriter(now);
  return w.head() + w.events(events) + w.tail(titles);
}

function toStored(file: ExportFile): ImportData {
  return {
    events: file.events.map((e) => ({
      ...e,
      conversation: `${e.site}|${e.conversationId}`,
      prices: e.prices === null ? null : file.prices[e.prices],
    })),
    titles: file.titles,
  };
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type ParseResult = { ok: true; data: ImportData } | { ok: false; error: string };

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return `${path || 'file'}: ${issue.message}`;
}

/**
 * Validate the text of an import file. Never throws; says what is wrong in one sentence, in the
 * UI's language (the detail after the path — zod's or the JSON parser's words — stays English).
 */
export function parseImport(text: string, byteLength = text.length): ParseResult {
  if (byteLength > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      error: t('options.data.tooLarge', {
        size: Math.round(byteLength / 1048576),
        max: MAX_IMPORT_BYTES / 1048576,
      }),
    };
  }
  let data: unknown;
  try {
    data = JSON.parse(text, (key, value) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyError(key);
      return value;
    });
  } catch (error) {
    if (error instanceof ForbiddenKeyError) {
      return {
        ok: false,
        error: t('options.data.forbiddenKey', { key: error.key }),
      };
    }
    return {
      ok: false,
      error: t('options.data.notJson', {
        detail: error instanceof Error ? error.message : String(error),
      }),
    };
  }
  if (
    typeof data !== 'object' ||
    data === null ||
    (data as { format?: unknown }).format !== EXPORT_FORMAT
  ) {
    return {
      ok: false,
      error: t('options.data.notExport'),
    };
  }
  const parsed = exportFileSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues;
    const issue = describeIssue(issues[0]);
    return {
      ok: false,
      error:
        issues.length > 1
          ? t('options.data.badFormatMore', { issue, count: issues.length - 1 })
          : t('options.data.badFormat', { issue }),
    };
  }
  return { ok: true, data: toStored(parsed.data) };
}

class ForbiddenKeyError extends Error {
  constructor(readonly key: string) {
    super(`forbidden key ${key}`);
  }
}

const CSV_COLUMNS = [
  'time',
  'site',
  'conversation_id',
  'turn_index',
  'model_label',
  'model',
  'input_tokens',
  'input_provenance',
  'input_family',
  'output_tokens',
  'output_provenance',
  'output_family',
  'reasoning_tokens',
  'reasoning_provenance',
  'cost_usd',
  'rate_card_version',
  'flags',
  'key',
  // Imported usage (agents, aggregators, API reports); empty on chat turns.
  'source',
  'agent',
  'project',
  'cache_read_tokens',
  'cache_write_tokens',
  'cost_kind',
] as const;

/** Exact decimal USD from integer micro-USD ("" when unpriced, never 0). */
export function microToUsd(micro: number | null): string {
  if (micro === null) return '';
  const sign = micro < 0 ? '-' : '';
  const abs = Math.abs(micro);
  return `${sign}${Math.floor(abs / 1e6)}.${String(abs % 1e6).padStart(6, '0')}`;
}

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);
const NEEDS_QUOTES = /[",\n\r]/;

function csvText(value: string | null): string {
  if (value === null || value === '') return '';
  // A cell starting with = + - @ is a formula in spreadsheets: site-provided labels are untrusted.
  const s = FORMULA_START.has(value[0]) ? `'${value}` : value;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\n';
}

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DAY_MS = 86_400_000;
/** Last epoch ms whose ISO form has a four-digit year (9999-12-31T23:59:59.999Z). */
const LAST_FOUR_DIGIT_YEAR = 253_402_300_799_999;

/**
 * `new Date(t).toISOString()` for a run of times, with the date part kept from the previous
 * call (an export is in time order, so most rows share their day with the one before).
 */
export function isoTimes(): (time: number) => string {
  let day = NaN;
  let prefix = '';
  return (time) => {
    if (time < 0 || time > LAST_FOUR_DIGIT_YEAR) return new Date(time).toISOString();
    const d = Math.floor(time / DAY_MS);
    if (d !== day) {
      day = d;
      prefix = new Date(d * DAY_MS).toISOString().slice(0, 11);
    }
    let rest = time - d * DAY_MS;
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const s = Math.floor(rest / 1000);
    return `${prefix}${PAD2[h]}:${PAD2[m]}:${PAD2[s]}.${PAD3[rest - s * 1000]}Z`;
  };
}

/** The fields of an event the CSV export writes (a stored event, or one read from a block). */
export interface CsvEvent {
  time: number;
  site: string;
  conversationId: string;
  turnIndex: number;
  modelLabel: string | null;
  model: string | null;
  input: Pick<TokenCount, 'tokens' | 'provenance' | 'family'>;
  output: Pick<TokenCount, 'tokens' | 'provenance' | 'family'>;
  reasoning: Pick<TokenCount, 'tokens' | 'provenance'>;
  costMicroUsd: number | null;
  rateCardVersion: string | null;
  flags: number;
  key: string;
  imported?: Pick<
    ImportedFields,
    'source' | 'agent' | 'project' | 'cacheRead' | 'cacheWrite5m' | 'cacheWrite1h' | 'costKind'
  >;
}

/**
 * CSV rows for events, one writer per export: it keeps the escaped form of the cells that
 * repeat (site, model, label, vocabulary, card, conversation, agent, project) and the date of
 * the previous row, which is most of the time of a plain row-by-row join.
 */
export function csvRowWriter(): (events: readonly CsvEvent[]) => string {
  const iso = isoTimes();
  let memo = new Map<string, string>();
  const cell = (value: string | null): string => {
    if (value === null || value === '') return '';
    let out = memo.get(value);
    if (out === undefined) {
      if (memo.size > 50_000) memo = new Map();
      out = csvText(value);
      memo.set(value, out);
    }
    return out;
  };
  return (events) => {
    let out = '';
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      const imp = e.imported;
      out +=
        `${iso(e.time)},${cell(e.site)},${cell(e.conversationId)},` +
        `${e.turnIndex},${cell(e.modelLabel)},${cell(e.model)},` +
        `${e.input.tokens},${e.input.provenance},${cell(e.input.family)},` +
        `${e.output.tokens},${e.output.provenance},${cell(e.output.family)},` +
        `${e.reasoning.tokens},${e.reasoning.provenance},${microToUsd(e.costMicroUsd)},` +
        `${cell(e.rateCardVersion)},${e.flags},${csvText(e.key)},` +
        (imp
          ? `${imp.source},${cell(imp.agent)},${cell(imp.project)},` +
            `${imp.cacheRead},${imp.cacheWrite5m + imp.cacheWrite1h},${imp.costKind}\n`
          : ',,,,,\n');
    }
    return out;
  };
}

/** CSV rows of events in memory, written 2,000 at a time (see `flat`). */
export function csvRows(events: readonly StoredEvent[]): string {
  const write = csvRowWriter();
  const parts: string[] = [];
  for (let i = 0; i < events.length; i += 2_000)
    parts.push(flat(write(events.slice(i, i + 2_000))));
  return parts.join('');
}

/**
 * The same string, flattened. A row built by concatenation is a tree of dozens of small string
 * objects until it is read; flattening each chunk at once lets the young-generation GC drop
 * them instead of copying millions of live pieces (CSV of 100k rows: ~5× less CPU in V8).
 */
export function flat(s: string): string {
  if (s.length > 0) s.charCodeAt(0);
  return s;
}
