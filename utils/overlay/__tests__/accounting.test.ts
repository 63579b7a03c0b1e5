import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  exchangeHash,
  hashText,
  listExchanges,
  provisionalConversationId,
  turnKey,
} from '@/utils/overlay/meter/accounting';
import type { Turn } from '@/utils/sites/types';

const t = (role: Turn['role'], text: string, thinking = ''): Turn => ({ role, text, thinking });

describe('accounting', () => {
  it("a reply's input is every earlier turn (chat UIs resend the history)", () => {
    const turns = [t('user', 'a'), t('assistant', 'b'), t('user', 'c'), t('assistant', 'd')];
    expect(listExchanges(turns)).toEqual([
      { turnIndex: 1, inputIndices: [0] },
      { turnIndex: 3, inputIndices: [0, 1, 2] },
    ]);
    expect(listExchanges([t('assistant', 'hello')])).toEqual([{ turnIndex: 0, inputIndices: [] }]);
    expect(listExchanges([t('user', 'x')])).toEqual([]);
  });

  it('key = site + conversation + turn index + content hash', () => {
    const turns = [t('user', 'q'), t('assistant', 'r')];
    const hash = exchangeHash(turns, 1);
    expect(turnKey('chatgpt', 'c1', 1, hash)).toBe(`chatgpt:c1:1:${hash}`);
    // A re-render (same content) gives the same key; a regenerated reply a different one.
    expect(exchangeHash([t('user', 'q'), t('assistant', 'r')], 1)).toBe(hash);
    expect(exchangeHash([t('user', 'q'), t('assistant', 'r2')], 1)).not.toBe(hash);
    expect(exchangeHash([t('user', 'q'), t('assistant', 'r', 'thought')], 1)).not.toBe(hash);
    expect(exchangeHash([t('user', 'q edited'), t('assistant', 'r')], 1)).not.toBe(hash);
  });

  it('hash is stable, 16 hex digits, and separates distinct strings', () => {
    expect(hashText('')).toMatch(/^[0-9a-f]{16}$/);
    expect(hashText('abc')).toBe(hashText('abc'));
    fc.assert(
      fc.property(fc.string(), fc.string(), (a, b) => {
        if (a !== b) expect(hashText(a)).not.toBe(hashText(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('a new chat without an id gets a provisional id that survives a reload', () => {
    const turns = [t('user', 'first'), t('assistant', 'x')];
    expect(provisionalConversationId(turns)).toBe(provisionalConversationId([t('user', 'first')]));
    expect(provisionalConversationId(turns)).not.toBe(
      provisionalConversationId([t('user', 'other')]),
    );
  });
});
