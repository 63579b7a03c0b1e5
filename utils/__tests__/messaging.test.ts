import { describe, expect, it } from 'vitest';
import { registerHandlers, sendMessage } from '@/utils/messaging';

describe('typed messaging', () => {
  it('delivers a request to its handler and returns the typed reply', async () => {
    const off = registerHandlers({ ping: ({ from }) => ({ version: '9', at: 1, from }) });
    await expect(sendMessage('ping', { from: 'test' })).resolves.toEqual({
      version: '9',
      at: 1,
      from: 'test',
    });
    off();
  });

  it("rejects with the handler's error message", async () => {
    const off = registerHandlers({
      ping: () => {
        throw new Error('rate card not loaded');
      },
    });
    await expect(sendMessage('ping', { from: 'test' })).rejects.toThrow('rate card not loaded');
    off();
  });

  it('ignores messages that are not ours', async () => {
    let called = false;
    const off = registerHandlers({
      ping: () => {
        called = true;
        return { version: '', at: 0, from: '' };
      },
    });
    await browser.runtime.sendMessage({ type: 'ping', data: {} }).catch(() => undefined);
    expect(called).toBe(false);
    off();
  });
});
