import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'mimo',
  conversation: {
    turns: [
      { role: 'user', includes: '解释一下什么是量化' },
      { role: 'assistant', includes: '8 位或 4 位整数', thinking: '不是金融量化' },
      { role: 'user', includes: 'Does it hurt quality?' },
      { role: 'assistant', includes: 'more at 4 bits' },
    ],
    excluded: ['复制', '不是金融量化'],
    label: 'MiMo-V2-Pro',
    model: 'xiaomi/mimo-v2-pro',
  },
  streaming: { label: 'MiMo-V2-Flash', model: 'xiaomi/mimo-v2-flash', draft: '' },
  urls: {
    conversation: 'https://aistudio.xiaomimimo.com/#/c/3f2a9c0d4b5e6f708192a3b4c5d6e7f8',
    id: '3f2a9c0d4b5e6f708192a3b4c5d6e7f8',
    newChat: 'https://aistudio.xiaomimimo.com/#/c',
  },
  e2e: {
    url: 'https://aistudio.xiaomimimo.com/#/c/0123456789abcdef0123456789abcdef',
    typeInto: 'textarea[placeholder]',
  },
};
