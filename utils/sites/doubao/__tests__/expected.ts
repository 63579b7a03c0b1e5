import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'doubao',
  conversation: {
    turns: [
      { role: 'user', text: '用一句话介绍一下长城。' },
      {
        role: 'assistant',
        text: '长城是中国古代修建的军事防御工程，全长两万多公里。',
        thinking: '用户想要简短介绍，给出长度和用途。',
      },
      { role: 'user', text: 'How long is it in miles?' },
      { role: 'assistant', text: 'About 13,000 miles in total, counting every branch.' },
    ],
    excluded: ['复制', '重新生成', 'Who built it?', '用户想要简短介绍', '已深度思考', '停止'],
    label: null,
    model: null,
  },
  streaming: { label: null, model: null, draft: '', roles: ['user', 'assistant'] },
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
