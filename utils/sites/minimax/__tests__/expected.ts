import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'minimax',
  conversation: {
    turns: [
      { role: 'user', includes: 'Plan a 3-day trip to Kyoto.' },
      { role: 'assistant', includes: 'day trip to Nara', thinking: 'temples, Arashiyama' },
      { role: 'user', includes: '第二天下雨怎么办' },
      { role: 'assistant', includes: '京都国立博物馆' },
    ],
    excluded: ['search("Kyoto itinerary")', 'Copy', 'temples, Arashiyama'],
    label: 'MiniMax-M2.7',
    model: 'minimax/minimax-m2.7',
  },
  streaming: { label: 'MiniMax-M2.5', model: 'minimax/minimax-m2.5', draft: 'shorter please' },
  urls: {
    conversation: 'https://agent.minimax.io/chat/318829163331661',
    id: '318829163331661',
    newChat: 'https://agent.minimax.io/',
  },
  e2e: {
    url: 'https://agent.minimax.io/chat/318829163331661',
    typeInto: '.tiptap[contenteditable="true"]',
  },
};
