// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '@/utils/adapters';
import { describeSite } from './check-site';
import { parseFixture } from './fixtures';

describeSite({
  site: 'doubao',
  turns: [
    { role: 'user', includes: '用一句话介绍一下长城' },
    { role: 'assistant', includes: '全长两万多公里', thinking: '用户想要简短介绍' },
    { role: 'user', includes: 'How long is it in miles?' },
    { role: 'assistant', includes: 'About 13,000 miles' },
  ],
  excluded: ['复制', '重新生成', 'Who built it?', '用户想要简短介绍'],
  label: null,
  model: null,
  streamingLabel: null,
  streamingModel: null,
  streamingDraft: '',
  conversationUrl: 'https://www.doubao.com/chat/1234567890123',
  conversationId: '1234567890123',
  newChatUrl: 'https://www.doubao.com/chat/',
});

describe('doubao specifics', () => {
  it('says the model is not on the page, so the user picks it', () => {
    const adapter = getAdapter('doubao')!;
    expect(adapter.readModelLabel(parseFixture('doubao', 'conversation.html'))).toBeNull();
    expect(adapter.knownGaps.join(' ')).toMatch(/pick the model/);
  });
});
