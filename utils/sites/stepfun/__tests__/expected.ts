import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'stepfun',
  conversation: {
    turns: [
      { role: 'user', includes: 'capital of Australia' },
      { role: 'assistant', includes: 'Canberra, chosen as a compromise', thinking: 'Not Sydney' },
      { role: 'user', includes: '人口多少' },
      { role: 'assistant', includes: '四十六万' },
    ],
    excluded: ['Copy', 'Not Sydney'],
    label: 'Step 3.5 Flash',
    model: 'stepfun/step-3.5-flash',
  },
  streaming: { label: 'Step 3.7 Flash', model: 'stepfun/step-3.7-flash', draft: '' },
  urls: {
    conversation: 'https://www.stepfun.com/chats/188812345',
    id: '188812345',
    newChat: 'https://www.stepfun.com/',
  },
  e2e: { url: 'https://www.stepfun.com/chats/188812345', typeInto: 'textarea[placeholder]' },
};
