// @vitest-environment happy-dom
// The offline demo page served by `npm start`: one fixture (index.html), no reconstructed site.
import { describe, expect, it } from 'vitest';
import { getBundledCard, resolveModelId } from '@/utils/core/ratecard';
import { getAdapter, resolveSiteModel } from '../..';
import { parseFixture } from '../../__tests__/harness';

describe('demo adapter', () => {
  it('reads the demo page served by npm start', () => {
    const adapter = getAdapter('demo')!;
    const doc = parseFixture('demo', 'index.html');
    const turns = adapter.readTurns(doc);
    expect(turns.length).toBeGreaterThanOrEqual(4);
    expect(turns[0].role).toBe('user');
    expect(turns[1].thinking).toContain('tokenizer efficiency');
    expect(turns[1].text).not.toContain('tokenizer efficiency');
    expect(adapter.readModelLabel(doc)).toBeTruthy();
    expect(resolveSiteModel('demo', adapter.readModelLabel(doc))).not.toBeNull();
  });

  it.each(getAdapter('demo')!.models.map(([label, id]) => [label, id]))(
    'its label "%s" → %s is a canonical id of the bundled card',
    (_, id) => {
      expect(resolveModelId(getBundledCard(), id)).toBe(id);
    },
  );
});
