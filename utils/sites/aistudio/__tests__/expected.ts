import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'aistudio',
  conversation: {
    turns: [
      { role: 'system', text: 'Answer like a museum guide.' },
      { role: 'user', text: 'Who painted the Mona Lisa?' },
      {
        role: 'assistant',
        text: 'Leonardo da Vinci painted it in the early sixteenth century.',
        thinking: 'Leonardo, early 1500s, Louvre.',
      },
      { role: 'user', text: 'Où est-elle exposée ?' },
      { role: 'assistant', text: 'Au musée du Louvre, à Paris.' },
    ],
    excluded: ['Edit', 'More', 'Model', '4.1s', '1,234', 'Thinking level'],
    label: 'gemini-2.5-pro',
    model: 'google/gemini-2.5-pro',
    maxOutput: 65536,
    siteTokens: 1234,
  },
  streaming: {
    label: 'gemini-2.5-flash',
    model: 'google/gemini-2.5-flash',
    maxOutput: 8192,
    draft: 'and K2?',
    roles: ['system', 'user', 'assistant'],
  },
  empty: { label: 'gemini-2.5-flash' },
  urls: {
    conversation: 'https://aistudio.google.com/prompts/1AbC_dEf',
    id: '1AbC_dEf',
    newChat: 'https://aistudio.google.com/prompts/new_chat',
  },
  pricing: { modelLabel: 'api-id', offer: 'default' },
  e2e: {
    url: 'https://aistudio.google.com/prompts/new_chat',
    typeInto: 'textarea[formcontrolname="promptText"]',
  },
};
