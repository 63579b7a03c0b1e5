import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'minimax',
  conversation: {
    // The agent's answer spans three received rows: its thinking, a tool step (not a turn) and
    // its text.
    turns: [
      { role: 'user', text: 'Plan a 3-day trip to Kyoto.' },
      { role: 'assistant', text: '', thinking: 'Three days: temples, Arashiyama, Nara day trip.' },
      {
        role: 'assistant',
        text: 'Day 1: Fushimi Inari and Gion. Day 2: Arashiyama. Day 3: a day trip to Nara.',
      },
      { role: 'user', text: '第二天下雨怎么办？' },
      { role: 'assistant', text: '可以改去京都国立博物馆和锦市场。' },
    ],
    excluded: ['search("Kyoto itinerary")', 'Completed', 'Copy', 'Thought for', 'temples'],
    label: 'MiniMax-M2.7',
    model: 'minimax/minimax-m2.7',
  },
  streaming: {
    label: 'MiniMax-M2.5',
    model: 'minimax/minimax-m2.5',
    draft: 'shorter please',
    roles: ['user', 'assistant'],
  },
  urls: {
    conversation: 'https://agent.minimax.io/chat?id=318829163331661',
    id: '318829163331661',
    newChat: 'https://agent.minimax.io/',
  },
  e2e: {
    url: 'https://agent.minimax.io/chat?id=318829163331661',
    typeInto: '.tiptap[contenteditable="true"]',
  },
};
