/**
 * The month rollup computed the slow, obvious way, for tests to compare the stored one against:
 * from every raw event, or from the day rollup rows (what the schema upgrade reads). Written
 * apart from utils/db/spend-months.ts on purpose: it shares none of its code.
 */
import { dayKey, localDateOf, type DayTotal } from '@/utils/core/aggregate';
import { IMPORT_SOURCES } from '@/utils/core/imports/types';
import type { ImportDayRow, SpendMonthRow, StoredEvent } from '@/utils/db/types';

interface Line {
  day: string;
  source: string;
  agent: string;
  project: string;
  model: string;
  values: Record<string, number>;
}

const importSources = new Set<string>(IMPORT_SOURCES);

function toRows(lines: Line[]): SpendMonthRow[] {
  const rows = new Map<string, SpendMonthRow>();
  for (const l of lines) {
    const month = l.day.slice(0, 7);
    const id = [month, l.source, l.agent, l.project, l.model].join('|');
    const row =
      rows.get(id) ??
      ({
        id,
        month,
        source: l.source,
        agent: l.agent,
        project: l.project,
        model: l.model,
        events: 0,
        input: 0,
        cacheRead: 0,
        cacheWrite: 0,
        output: 0,
        reasoning: 0,
        billedMicroUsd: 0,
        apiMicroUsd: 0,
        estimateMicroUsd: 0,
        unpricedEvents: 0,
        dayEvents: Array.from({ length: 31 }, () => 0),
        dayMicroUsd: Array.from({ length: 31 }, () => 0),
      } satisfies SpendMonthRow);
    rows.set(id, row);
    const v = l.values;
    for (const k of Object.keys(v)) (row as unknown as Record<string, number>)[k] += v[k];
    const d = Number(l.day.slice(8)) - 1;
    row.dayEvents[d] += v.events;
    row.dayMicroUsd[d] += v.billedMicroUsd + v.apiMicroUsd + v.estimateMicroUsd;
  }
  return [...rows.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
}

/** Month rows folded from raw events, days counted in `timeZone`. */
export function monthsFromEvents(events: readonly StoredEvent[], timeZone: string) {
  const lines: Line[] = [];
  for (const e of events) {
    const i = e.imported;
    // A chat row under an import source's name is not counted by the dashboard.
    if (!i && importSources.has(e.site)) continue;
    const cost = e.costMicroUsd ?? 0;
    const kind = i ? i.costKind : e.costMicroUsd === null ? 'unpriced' : 'api';
    lines.push({
      day: dayKey(localDateOf(e.time, timeZone)),
      source: i ? i.source : e.site,
      agent: i ? i.agent : '',
      project: i ? (i.project ?? '') : '',
      model: (i ? e.modelLabel : e.model) ?? '',
      values: {
        events: 1,
        input: e.input.tokens,
        cacheRead: i ? i.cacheRead : 0,
        cacheWrite: i ? i.cacheWrite5m + i.cacheWrite1h : 0,
        output: e.output.tokens,
        reasoning: e.reasoning.tokens,
        billedMicroUsd: kind === 'billed' ? cost : 0,
        apiMicroUsd: kind === 'api' ? cost : 0,
        estimateMicroUsd: kind === 'estimate' ? cost : 0,
        unpricedEvents: kind === 'unpriced' ? 1 : 0,
      },
    });
  }
  return toRows(lines);
}

/** Month rows folded from stored day rollup rows (chat rows of import sources left out). */
export function monthsFromDays(chat: readonly DayTotal[], imports: readonly ImportDayRow[]) {
  const lines: Line[] = [];
  for (const r of chat) {
    if (importSources.has(r.site)) continue;
    lines.push({
      day: r.day,
      source: r.site,
      agent: '',
      project: '',
      model: r.model,
      values: {
        events: r.events,
        input: r.input,
        cacheRead: 0,
        cacheWrite: 0,
        output: r.output,
        reasoning: r.reasoning,
        billedMicroUsd: 0,
        apiMicroUsd: r.costMicroUsd,
        estimateMicroUsd: 0,
        unpricedEvents: r.events - r.pricedEvents,
      },
    });
  }
  for (const r of imports) {
    const { id: _id, day, source, agent, project, model, ...values } = r;
    lines.push({ day, source, agent, project, model, values });
  }
  return toRows(lines);
}
