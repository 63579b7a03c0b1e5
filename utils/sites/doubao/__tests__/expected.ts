import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'doubao',
  conversation: {
    turns: [
      { role: 'user', includes: '用一句话介绍一下长城' },
      { role: 'assistant', includes: '全长两万多公里', thinking: '用户想要简短介绍' },
      { role: 'user', includes: 'How long is it in miles?' },
      { role: 'assistant', includes: 'About 13,000 miles' },
    ],
    excluded: ['复制', '重新生成', 'Who built it?', '用户想要简短介绍'],
    label: null,
    model: null,
  },
  streaming: { label: null, model: null, draft: '' },
  urls: {
    conversation: 'https://www.doubao.com/chat/1234567890123',
    id: '1234567890123',
    newChat: 'https://www.doubao.com/chat/',
  },
  e2e: {
    url: 'https://www.doubao.com/chat/1234567890',
    typeInto: 'textarea[data-testid="chat_input_input"]',
  },
};
