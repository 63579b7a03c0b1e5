// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '@/utils/adapters';
import { parseMaxOutput, readModelId } from '@/utils/adapters/playground-define';
import { describePlayground } from './check-playground';

describePlayground({
  site: 'openai-playground',
  offer: 'default',
  turns: [
    { role: 'system', text: 'You are a terse assistant. Answer in one sentence.' },
    { role: 'user', text: 'What is a token?' },
    {
      role: 'assistant',
      text: 'A token is a chunk of text, often part of a word, that a model reads as one unit.',
    },
    { role: 'user', text: '一个汉字是几个 token？' },
    { role: 'assistant', text: '通常一个汉字约为一到两个 token。' },
  ],
  excluded: ['User', 'Assistant', 'Copy'],
  modelId: 'gpt-5-mini',
  model: 'openai/gpt-5-mini',
  maxOutput: 2048,
  streaming: {
    modelId: 'gpt-4.1',
    model: 'openai/gpt-4.1',
    maxOutput: 4096,
    draft: 'and Lyon?',
    roles: ['system', 'user', 'assistant'],
  },
  empty: { modelId: 'gpt-5' },
});

describe('playground readers', () => {
  it.each([
    ['4096', 4096],
    ['4,096', 4096],
    ['8 192 tokens', 8192],
    ['', null],
    ['0', null],
    ['-5', null],
    ['auto', null],
    ['99999999999', null],
    [null, null],
  ])('max output %j → %j', (raw, want) => {
    expect(parseMaxOutput(raw)).toBe(want);
  });

  it('reads a model id from a select, an input, a data attribute or text', () => {
    const doc = new DOMParser().parseFromString(
      `<select id="a"><option value="o3">o3 (reasoning)</option><option value="gpt-4.1" selected>GPT-4.1</option></select>
       <input id="b" value=" gpt-5 " />
       <span id="c" data-model-id="gpt-5-nano">GPT-5 nano</span>
       <span id="d">  gpt-4o  </span>
       <span id="e">   </span>`,
      'text/html',
    );
    const read = (id: string) => readModelId(doc.getElementById(id)!);
    expect([read('a'), read('b'), read('c'), read('d'), read('e')]).toEqual([
      'gpt-4.1',
      'gpt-5',
      'gpt-5-nano',
      'gpt-4o',
      null,
    ]);
  });

  it('the system prompt is read after the user edits it (textarea value, not markup)', () => {
    const adapter = getAdapter('openai-playground')!;
    const doc = new DOMParser().parseFromString(
      '<div data-testid="system-message"><textarea>old</textarea></div>',
      'text/html',
    );
    (doc.querySelector('textarea') as HTMLTextAreaElement).value = 'new system prompt';
    expect(adapter.readTurns(doc)).toEqual([
      { role: 'system', text: 'new system prompt', thinking: '' },
    ]);
  });
});
