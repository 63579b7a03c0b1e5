import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'stepfun',
  conversation: {
    turns: [
      { role: 'user', text: 'What is the capital of Australia?' },
      {
        role: 'assistant',
        text: 'Canberra, chosen as a compromise between Sydney and Melbourne.',
        thinking: 'Not Sydney: the capital is Canberra.',
      },
      { role: 'user', text: '人口多少？' },
      { role: 'assistant', text: '堪培拉人口约四十六万。' },
    ],
    excluded: ['复制', 'Not Sydney', 'Step 3.5 Flash'],
    label: 'Step 3.5 Flash',
    model: 'stepfun/step-3.5-flash',
  },
  streaming: {
    label: 'Step 3.7 Flash',
    model: 'stepfun/step-3.7-flash',
    draft: '',
    roles: ['user', 'assistant'],
  },
  urls: {
    conversation: 'https://chat.stepfun.com/chats/188812345',
    id: '188812345',
    newChat: 'https://chat.stepfun.com/chats/new',
  },
  e2e: {
    url: 'https://chat.stepfun.com/chats/188812345',
    typeInto: 'textarea[placeholder*="任何问题"]',
  },
};
