// @vitest-environment happy-dom
// The playground readers every API playground adapter shares (../playground-define.ts).
import { describe, expect, it } from 'vitest';
import { parseMaxOutput, readModelId } from '../playground-define';

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
});
