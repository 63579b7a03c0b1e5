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
    conversation: 'https://aistudio.xiaomimimo.com/chat/c-7f3e9a',
    id: 'c-7f3e9a',
    newChat: 'https://aistudio.xiaomimimo.com/',
  },
  e2e: { url: 'https://aistudio.xiaomimimo.com/chat/e2e-mimo', typeInto: 'textarea[placeholder]' },
};
