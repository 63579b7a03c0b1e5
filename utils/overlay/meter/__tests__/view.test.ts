// The view model's pure parts: each reply's input, the rows, their total, health, context bar.
import { describe, expect, it } from 'vitest';
import type { Turn } from '@/utils/sites/types';
import type { TokenCount } from '@/utils/core/types';
import type { ModelView, TurnRow } from '@/utils/overlay/types';
import type { Recorded } from '@/utils/overlay/meter/recording';
import {
  applyPrices,
  contextRatio,
  contextTokens,
  healthOf,
  replyInputs,
  rowsToPrice,
  totalCost,
  turnRow,
  UNKNOWN_REASONING,
} from '@/utils/overlay/meter/view';

const c = (tokens: number, provenance: TokenCount['provenance'] = 'exact', family = 'o200k') => ({
  tokens,
  provenance,
  family,
});
const role = (r: Turn['role']) => ({ role: r });

describe('replyInputs', () => {
  it('gives each reply the sum of every turn before it (replies included), nothing to prompts', () => {
    const inputs = replyInputs(
      [role('user'), role('assistant'), role('user'), role('assistant')],
      [c(5), c(7), c(3), c(2)],
    );
    expect(inputs).toEqual([null, c(5), null, c(15)]);
  });

  it('is only as exact as its least exact part, and of a mixed family when families differ', () => {
    const inputs = replyInputs(
      [role('user'), role('assistant'), role('user'), role('assistant')],
      [c(5, 'estimate', 'a'), c(7, 'exact', 'a'), c(1, 'vocab', 'b'), c(1)],
    );
    expect(inputs[1]).toEqual(c(5, 'estimate', 'a'));
    expect(inputs[3]).toEqual({ tokens: 13, provenance: 'estimate', family: 'mixed' });
  });

  it('a greeting (a reply with nothing before it) has an empty input', () => {
    expect(replyInputs([role('assistant')], [c(4)])).toEqual([
      { tokens: 0, provenance: 'exact', family: 'none' },
    ]);
  });

  it('is unknown from the first turn not counted yet, and for a reply not counted itself', () => {
    const turns = [role('user'), role('assistant'), role('user'), role('assistant')];
    expect(replyInputs(turns, [c(1), null, c(1), c(1)])).toEqual([null, null, null, null]);
    expect(replyInputs(turns, [null, c(1), c(1), c(1)])).toEqual([null, null, null, null]);
  });
});

function recorded(status: Recorded['status'], site: boolean): Recorded {
  const p = site ? 'site' : 'exact';
  return {
    hash: 'h',
    status,
    attempts: 1,
    event: {
      key: 'k',
      site: 's',
      conversationId: 'c',
      turnIndex: 1,
      time: 0,
      modelLabel: null,
      model: null,
      input: c(100, p),
      output: c(50, p),
      reasoning: c(9),
      regenerated: true,
    },
  };
}

describe('turnRow', () => {
  const ours = { input: c(10), output: c(5), reasoning: UNKNOWN_REASONING };

  it('shows our counts for a reply not recorded', () => {
    expect(turnRow(1, ours, undefined)).toMatchObject({
      turnIndex: 1,
      input: c(10),
      output: c(5),
      recorded: 'no',
      exact: false,
      costMicros: null,
    });
  });

  it('shows the recorded numbers (exact when the site gave them) and the recording’s state', () => {
    const row = turnRow(1, ours, recorded('pending', true));
    expect(row).toMatchObject({ input: c(100, 'site'), output: c(50, 'site'), reasoning: c(9) });
    expect(row).toMatchObject({ recorded: 'pending', exact: true, regenerated: true });
    expect(turnRow(1, ours, recorded('saved', false)).exact).toBe(false);
  });

  it('shows the hidden context: the site input beyond our count of the visible turns', () => {
    expect(turnRow(1, ours, recorded('saved', true)).hiddenContext).toBe(90);
    expect(turnRow(1, ours, recorded('saved', false)).hiddenContext).toBeNull();
    expect(turnRow(1, ours, undefined).hiddenContext).toBeNull();
  });
});

const row = (over: Partial<TurnRow>): TurnRow => ({
  turnIndex: 1,
  input: c(10),
  output: c(5),
  reasoning: UNKNOWN_REASONING,
  costMicros: null,
  recorded: 'no',
  exact: false,
  ...over,
});

describe('pricing the rows', () => {
  it('says why a row cannot be priced, and prices the others without unknown reasoning', () => {
    const rows = [row({ input: null }), row({ reasoning: c(3) }), row({})];
    const { priced, usages } = rowsToPrice(rows, false, true);
    expect(rows[0].costNote).toBe('counting');
    expect(priced).toEqual([rows[1], rows[2]]);
    expect(usages).toEqual([
      { input: 10, output: 5, reasoning: 3 },
      { input: 10, output: 5, reasoning: undefined },
    ]);
    expect(rowsToPrice([row({ output: null })], true, true).priced).toEqual([]);
  });

  it('marks uncounted rows "engine unavailable" when the engine is down, others "unpriced" off the card', () => {
    const rows = [row({ output: null }), row({})];
    expect(rowsToPrice(rows, true, false).priced).toEqual([]);
    expect(rows.map((r) => r.costNote)).toEqual(['engine unavailable', 'unpriced']);
  });

  it('applies replies in order, and totals them: one unpriced row makes the total unknown', () => {
    const rows = [row({}), row({}), row({})];
    applyPrices(rows, [
      { priced: true, costMicros: 4 },
      { priced: false, reason: 'x' },
      { priced: true, costMicros: 6 },
    ]);
    expect(rows.map((r) => r.costMicros)).toEqual([4, null, 6]);
    expect(totalCost(rows)).toEqual({ costMicros: null, costNote: 'unpriced' });
    expect(totalCost([rows[0], rows[2]])).toEqual({ costMicros: 10, costNote: undefined });
    expect(totalCost([])).toEqual({ costMicros: 0, costNote: undefined });
  });
});

describe('page figures', () => {
  it('context tokens: every turn, or unknown while one is not counted', () => {
    expect(contextTokens([c(1), c(2)])).toBe(3);
    expect(contextTokens([c(1), null])).toBeNull();
    expect(contextTokens([])).toBe(0);
  });

  it('health: an adapter error, then no composer (with or without turns), else ok', () => {
    const none = { conversationId: null };
    expect(healthOf({ ...none, error: 'turns: boom', draft: '', turns: [] })).toEqual({
      health: 'error',
      healthNote: 'turns: boom',
    });
    expect(healthOf({ ...none, draft: null, turns: [] }).health).toBe('not-detected');
    expect(
      healthOf({ ...none, draft: null, turns: [{ role: 'user', text: '', thinking: '' }] }),
    ).toEqual({
      health: 'partial',
      healthNote: 'composer not found',
    });
    expect(healthOf({ ...none, draft: '', turns: [] })).toEqual({
      health: 'ok',
      healthNote: undefined,
    });
  });

  it('health: a saved conversation with no turn found is partly detected, a new chat is not', () => {
    expect(healthOf({ conversationId: 'c1', draft: '', turns: [] })).toEqual({
      health: 'partial',
      healthNote: 'turns not detected',
    });
    expect(
      healthOf({
        conversationId: 'c1',
        draft: '',
        turns: [{ role: 'user', text: 'x', thinking: '' }],
      }).health,
    ).toBe('ok');
    // Nothing at all (no composer either) stays "not detected".
    expect(healthOf({ conversationId: 'c1', draft: null, turns: [] }).health).toBe('not-detected');
  });

  it('context ratio: conversation + draft over the window, unknown without either', () => {
    const model = (contextWindow: number | null): ModelView => ({
      label: null,
      candidate: 'm',
      source: 'label',
      info: { id: 'm', name: 'm', contextWindow },
      status: 'ok',
    });
    expect(contextRatio(model(1000), 300, 200)).toBe(0.5);
    expect(contextRatio(model(null), 300, 200)).toBeNull();
    expect(contextRatio(model(1000), null, 200)).toBeNull();
  });
});
