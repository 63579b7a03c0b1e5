import { describe, expect, it } from 'vitest';
import type { Handlers, MessageType } from '@/utils/messaging';
import { pingHandlers } from '@/utils/background/ping';
import { rateCardHandlers } from '@/utils/background/ratecard';
import { historyHandlers } from '@/utils/background/history';
import { compareHandlers } from '@/utils/background/compare';

// The real guarantee is the type check (`npm run check`): the background's merged map is a
// `Handlers`, so a message without a handler does not compile. These lines keep that check honest.
describe('every protocol message has a handler', () => {
  it('a merged map missing a message does not type-check', () => {
    const partial = {
      ...pingHandlers,
      ...rateCardHandlers,
      ...historyHandlers,
      ...compareHandlers,
    };
    // @ts-expect-error the tokenizer's three messages are missing
    const incomplete: Handlers = partial;
    expect(Object.keys(incomplete)).not.toContain('countTokens');
  });

  it('each module answers exactly the messages its type names', () => {
    const answered: MessageType[] = [
      ...(Object.keys(pingHandlers) as MessageType[]),
      ...(Object.keys(rateCardHandlers) as MessageType[]),
      ...(Object.keys(historyHandlers) as MessageType[]),
      ...(Object.keys(compareHandlers) as MessageType[]),
    ];
    expect(new Set(answered).size).toBe(answered.length);
  });
});
