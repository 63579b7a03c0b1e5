// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findAdapter, resolveSiteModel } from '../..';
import { describeSite } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

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
