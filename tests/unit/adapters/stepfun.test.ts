// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findAdapter } from '@/utils/adapters';
import { resolveSiteModel } from '@/utils/core/site-models';
import { describeSite } from './check-site';

describeSite({
  site: 'stepfun',
  turns: [
    { role: 'user', includes: 'capital of Australia' },
    { role: 'assistant', includes: 'Canberra, chosen as a compromise', thinking: 'Not Sydney' },
    { role: 'user', includes: '人口多少' },
    { role: 'assistant', includes: '四十六万' },
  ],
  excluded: ['Copy', 'Not Sydney'],
  label: 'Step 3.5 Flash',
  model: 'stepfun/step-3.5-flash',
  streamingLabel: 'Step 3.7 Flash',
  streamingModel: 'stepfun/step-3.7-flash',
  streamingDraft: '',
  conversationUrl: 'https://www.stepfun.com/chats/188812345',
  conversationId: '188812345',
  newChatUrl: 'https://www.stepfun.com/',
});

describe('stepfun specifics', () => {
  it('answers on both hosts, and only there', () => {
    expect(findAdapter('https://stepfun.com/chats/1')?.id).toBe('stepfun');
    expect(findAdapter('https://www.stepfun.com/')?.id).toBe('stepfun');
    expect(findAdapter('https://yuewen.cn/chats/1')).toBeNull();
  });

  it('resolves the API spelling of its models too', () => {
    expect(resolveSiteModel('stepfun', 'step-3.5-flash')?.model).toBe('stepfun/step-3.5-flash');
  });
});
