// @vitest-environment happy-dom
// The runner's parts alone: the debounce's wait, which turns a change lies in, where an input
// happened, and containment of a throwing adapter call.
import { afterEach, describe, expect, it } from 'vitest';
import { contain } from '@/utils/overlay/runner/contain';
import { debounceWait } from '@/utils/overlay/runner/debounce';
import { inputPlace, turnsAround } from '@/utils/overlay/runner/page-events';

afterEach(() => {
  document.body.innerHTML = '';
});

describe('debounceWait', () => {
  it('waits the debounce after a first change', () => {
    expect(debounceWait(1000, 1000, 150, 600)).toBe(150);
  });

  it('never lets changes that keep coming push the snapshot past the max wait', () => {
    expect(debounceWait(1000, 1500, 150, 600)).toBe(100);
    expect(debounceWait(1000, 1700, 150, 600)).toBe(0);
  });
});

describe('turnsAround', () => {
  it('finds the turn a change landed in, and the turns around it (a thread in a reply)', () => {
    document.body.innerHTML =
      '<div class="turn" id="outer"><p>x</p><div class="turn" id="inner"><b id="leaf">y</b></div></div><p id="outside">z</p>';
    const leafText = document.getElementById('leaf')!.firstChild!;
    expect(turnsAround(leafText, '.turn').map((e) => e.id)).toEqual(['inner', 'outer']);
    expect(turnsAround(document.getElementById('outside'), '.turn')).toEqual([]);
    expect(turnsAround(null, '.turn')).toEqual([]);
  });

  it('throws on an invalid selector (the runner then drops its whole cache)', () => {
    document.body.innerHTML = '<p id="p">x</p>';
    expect(() => turnsAround(document.getElementById('p'), '[[invalid')).toThrow();
  });
});

describe('inputPlace', () => {
  function page() {
    document.body.innerHTML =
      '<div class="turn"><textarea id="msg"></textarea></div><div id="composer"><textarea id="draft"></textarea></div><select id="model"></select>';
    return (id: string) => document.getElementById(id)!;
  }
  const adapter = (findComposer: () => Element | null, turnSelector = '.turn') => ({
    turnSelector,
    findComposer,
  });

  it('tells a turn’s editable message, the composer and any other control apart', () => {
    const el = page();
    const a = adapter(() => el('composer'));
    expect(inputPlace(a, document, el('msg'))).toBe('turn');
    expect(inputPlace(a, document, el('draft'))).toBe('composer');
    expect(inputPlace(a, document, el('model'))).toBe('other');
    expect(inputPlace(a, document, null)).toBe('other');
  });

  it('takes a throwing adapter for the composer (the cheap, contained path)', () => {
    const el = page();
    const throwing = adapter(() => {
      throw new Error('boom');
    }, '[[invalid');
    expect(inputPlace(throwing, document, el('model'))).toBe('composer');
    expect(
      inputPlace(
        adapter(() => null),
        document,
        el('draft'),
      ),
    ).toBe('other');
  });
});

describe('contain', () => {
  it('returns the fallback and notes what failed', () => {
    const errors: string[] = [];
    expect(
      contain(
        'draft',
        () => {
          throw new Error('no composer');
        },
        null,
        errors,
      ),
    ).toBeNull();
    expect(contain('label', () => 'GPT-5', null, errors)).toBe('GPT-5');
    expect(errors).toEqual(['draft: no composer']);
  });
});
