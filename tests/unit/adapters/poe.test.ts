// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '@/utils/adapters';
import { resolveSiteModel } from '@/utils/core/site-models';
import { describeSite } from './check-site';
import { parseFixture } from './fixtures';

describeSite({
  site: 'poe',
  turns: [
    { role: 'user', includes: 'Name three uses of a Raspberry Pi.' },
    { role: 'assistant', includes: 'A home media server.\nA retro games console.' },
    { role: 'user', includes: 'Which needs the least power?' },
    { role: 'assistant', includes: 'The weather station' },
  ],
  // The bot's name above its reply, the action bar and the time are not the model's words.
  excluded: ['Claude-Sonnet-4.5', 'Share', 'Compare', '9:41 PM'],
  label: 'Claude-Sonnet-4.5',
  model: 'anthropic/claude-sonnet-4-5',
  streamingLabel: 'GPT-5',
  streamingModel: 'openai/gpt-5',
  streamingDraft: '',
  conversationUrl: 'https://poe.com/chat/2x4abc9def0ghi',
  conversationId: '2x4abc9def0ghi',
  newChatUrl: 'https://poe.com/Claude-Sonnet-4.5',
});

describe('poe specifics', () => {
  it('tells the roles apart by the right-side bubble, outermost message only', () => {
    const nodes = getAdapter('poe')!.listTurns(parseFixture('poe', 'conversation.html'));
    expect(nodes.map((n) => n.el.getAttribute('data-message-id'))).toEqual([
      '101',
      '102',
      '103',
      '104',
    ]);
  });

  it('a custom bot name is unknown (pick one), not guessed', () => {
    expect(resolveSiteModel('poe', 'My-Helpful-Bot')).toBeNull();
    expect(resolveSiteModel('poe', 'Gemini-2.5-Pro')?.model).toBe('google/gemini-2.5-pro');
  });
});
