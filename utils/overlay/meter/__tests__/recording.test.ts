// Recording alone: the event sent for a reply, once per key, and retries after a failed send.
import { describe, expect, it } from 'vitest';
import type { Turn } from '@/utils/sites/types';
import type { TokenCount, TurnEvent } from '@/utils/core/types';
import type { Snapshot } from '@/utils/overlay/types';
import { provisionalConversationId } from '@/utils/overlay/meter/accounting';
import {
  createRecorder,
  MAX_RECORD_ATTEMPTS,
  retryDelay,
  turnEvent,
  type TurnEventInput,
} from '@/utils/overlay/meter/recording';

const c = (tokens: number): TokenCount => ({ tokens, provenance: 'exact', family: 'f' });
const turns: Turn[] = [
  { role: 'user', text: 'the prompt', thinking: '' },
  { role: 'assistant', text: 'the reply', thinking: '' },
];
const input: TurnEventInput = {
  site: 'chatgpt',
  conversationId: 'c1',
  turns,
  index: 1,
  hash: 'abc',
  time: 1_700_000_000_000,
  modelLabel: 'ChatGPT 5',
  model: 'openai/gpt-5',
  counts: { input: c(3), output: c(2), reasoning: c(0) },
  regenerated: false,
  openrouter: false,
  storeText: false,
};

describe('turnEvent', () => {
  it('keys the event by site, conversation, index and hash, and carries no text by default', () => {
    const event = turnEvent(input);
    expect(event.key).toBe('chatgpt:c1:1:abc');
    expect(event).toMatchObject({ site: 'chatgpt', turnIndex: 1, model: 'openai/gpt-5' });
    expect(event.text).toBeUndefined();
    expect(event.regenerated).toBeUndefined();
    expect(event.offer).toBeUndefined();
  });

  it('adds the prompt and reply only when the user opted in; flags regenerate and OpenRouter', () => {
    const event = turnEvent({ ...input, storeText: true, regenerated: true, openrouter: true });
    expect(event.text).toEqual({ prompt: 'the prompt', reply: 'the reply' });
    expect(event.regenerated).toBe(true);
    expect(event.offer).toBe('openrouter');
    expect(turnEvent({ ...input, index: 0, storeText: true }).text?.prompt).toBe('');
  });
});

describe('retryDelay', () => {
  it('doubles from 1 s and stops growing at 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map(retryDelay)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000,
    ]);
  });
});

function recorder(failures: number) {
  const sent: TurnEvent[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  let retries = 0;
  let failing = failures;
  const r = createRecorder({
    services: {
      async recordTurn(event) {
        sent.push(event);
        if (failing-- > 0) throw new Error('worker restarting');
      },
    },
    site: 'chatgpt',
    openrouter: false,
    storeText: () => false,
    now: () => 42,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    isDisposed: () => false,
    onRetryDue: () => retries++,
  });
  return { r, sent, timers, retries: () => retries };
}

const snap: Snapshot = {
  url: 'https://chatgpt.com/',
  conversationId: null,
  draft: '',
  turns,
  modelLabel: 'ChatGPT 5',
  streaming: false,
};

describe('createRecorder', () => {
  it('builds the event from the snapshot (a chat with no id yet gets a provisional one)', () => {
    const { r } = recorder(0);
    const event = r.event(snap, 1, 'h1', null, input.counts);
    expect(event.conversationId).toBe(provisionalConversationId(turns));
    expect(event.time).toBe(42);
  });

  it('sends a key once, even when asked again (a re-render, another conversation)', async () => {
    const { r, sent } = recorder(0);
    const event = r.event(snap, 1, 'h1', null, input.counts);
    expect((await r.record(1, 'h1', event))?.status).toBe('saved');
    expect(await r.record(1, 'h1', event)).toBeUndefined();
    r.resetConversation();
    expect(r.get(1)).toBeUndefined();
    expect(await r.record(1, 'h1', event)).toBeUndefined();
    expect(sent).toHaveLength(1);
    expect(r.keys()).toEqual([event.key]);
  });

  it('marks a regenerated reply: same index, new hash', async () => {
    const { r } = recorder(0);
    await r.record(1, 'h1', r.event(snap, 1, 'h1', null, input.counts));
    expect(r.event(snap, 1, 'h2', null, input.counts).regenerated).toBe(true);
    expect(r.event(snap, 1, 'h1', null, input.counts).regenerated).toBeUndefined();
  });

  it('after a failed send: failed, a retry timer armed, a retry sends again until saved', async () => {
    const { r, sent, timers, retries } = recorder(1);
    const rec = (await r.record(1, 'h1', r.event(snap, 1, 'h1', null, input.counts)))!;
    expect(rec.status).toBe('failed');
    expect(timers.map((t) => t.ms)).toEqual([1000]);
    const before = r.version();
    timers[0].fn();
    expect(retries()).toBe(1);
    expect(r.mayRetry(rec)).toBe(true);
    await r.retry(rec);
    expect(rec.status).toBe('saved');
    expect(r.version()).toBeGreaterThan(before);
    expect(r.mayRetry(rec)).toBe(false); // saved: nothing to send
    expect(sent).toHaveLength(2);
  });

  it('gives up after MAX_RECORD_ATTEMPTS sends', async () => {
    const { r, sent, timers } = recorder(Infinity);
    const rec = (await r.record(1, 'h1', r.event(snap, 1, 'h1', null, input.counts)))!;
    for (let i = 0; i < 20 && r.mayRetry(rec); i++) await r.retry(rec);
    expect(sent).toHaveLength(MAX_RECORD_ATTEMPTS);
    expect(timers).toHaveLength(MAX_RECORD_ATTEMPTS - 1);
    expect(rec.status).toBe('failed');
  });
});
