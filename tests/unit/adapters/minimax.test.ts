// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '@/utils/adapters';
import { describeSite } from './check-site';
import { parseFixture } from './fixtures';

describeSite({
  site: 'minimax',
  turns: [
    { role: 'user', includes: 'Plan a 3-day trip to Kyoto.' },
    { role: 'assistant', includes: 'day trip to Nara', thinking: 'temples, Arashiyama' },
    { role: 'user', includes: '第二天下雨怎么办' },
    { role: 'assistant', includes: '京都国立博物馆' },
  ],
  excluded: ['search("Kyoto itinerary")', 'Copy', 'temples, Arashiyama'],
  label: 'MiniMax-M2.7',
  model: 'minimax/minimax-m2.7',
  streamingLabel: 'MiniMax-M2.5',
  streamingModel: 'minimax/minimax-m2.5',
  streamingDraft: 'shorter please',
  conversationUrl: 'https://agent.minimax.io/chat/318829163331661',
  conversationId: '318829163331661',
  newChatUrl: 'https://agent.minimax.io/',
});

describe('minimax specifics', () => {
  it('takes the id from ?id= when the path has none', () => {
    const adapter = getAdapter('minimax')!;
    expect(adapter.conversationId(new URL('https://agent.minimax.io/?id=42'))).toBe('42');
  });

  it("counts no tool call the agent ran (it is not the model's visible text)", () => {
    const turns = getAdapter('minimax')!.readTurns(parseFixture('minimax', 'conversation.html'));
    expect(turns[1].text.startsWith('Day 1')).toBe(true);
  });
});
