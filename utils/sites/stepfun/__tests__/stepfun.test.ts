// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findAdapter, getAdapter, resolveSiteModel } from '../..';
import { describeSite } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('stepfun specifics', () => {
  it('answers on chat.stepfun.com and the older hosts, and only there', () => {
    expect(findAdapter('https://chat.stepfun.com/chats/1')?.id).toBe('stepfun');
    expect(findAdapter('https://stepfun.com/chats/1')?.id).toBe('stepfun');
    expect(findAdapter('https://www.stepfun.com/')?.id).toBe('stepfun');
    expect(findAdapter('https://yuewen.cn/chats/1')).toBeNull();
  });

  it('takes the id from /chats/<id> on every host; /chats/new is a new chat', () => {
    const adapter = getAdapter('stepfun')!;
    expect(adapter.conversationId(new URL('https://www.stepfun.com/chats/77'))).toBe('77');
    expect(adapter.conversationId(new URL('https://chat.stepfun.com/chats/new'))).toBeNull();
  });

  it('resolves the API spelling of its models too', () => {
    expect(resolveSiteModel('stepfun', 'step-3.5-flash')?.model).toBe('stepfun/step-3.5-flash');
  });
});
