// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '@/utils/adapters';
import { describeSite } from './check-site';
import { parseFixture } from './fixtures';

describeSite({
  site: 'mimo',
  turns: [
    { role: 'user', includes: '解释一下什么是量化' },
    { role: 'assistant', includes: '8 位或 4 位整数', thinking: '不是金融量化' },
    { role: 'user', includes: 'Does it hurt quality?' },
    { role: 'assistant', includes: 'more at 4 bits' },
  ],
  excluded: ['复制', '不是金融量化'],
  label: 'MiMo-V2-Pro',
  model: 'xiaomi/mimo-v2-pro',
  streamingLabel: 'MiMo-V2-Flash',
  streamingModel: 'xiaomi/mimo-v2-flash',
  streamingDraft: '',
  conversationUrl: 'https://aistudio.xiaomimimo.com/chat/c-7f3e9a',
  conversationId: 'c-7f3e9a',
  newChatUrl: 'https://aistudio.xiaomimimo.com/',
});

describe('mimo specifics', () => {
  it('reads a streaming code block as text', () => {
    const turns = getAdapter('mimo')!.readTurns(parseFixture('mimo', 'streaming.html'));
    expect(turns[1].text).toBe('def quicksort(xs):');
  });
});
