import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'poe',
  conversation: {
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
  },
  streaming: { label: 'GPT-5', model: 'openai/gpt-5', draft: '' },
  urls: {
    conversation: 'https://poe.com/chat/2x4abc9def0ghi',
    id: '2x4abc9def0ghi',
    newChat: 'https://poe.com/Claude-Sonnet-4.5',
  },
  e2e: {
    url: 'https://poe.com/chat/2x4abc9def0ghi',
    typeInto: 'textarea[class*="GrowingTextArea_textArea"]',
  },
};
