// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findFields, isCountableField, readField } from '@/utils/any-field/fields';

function page(html: string): Document {
  document.body.innerHTML = html;
  return document;
}

describe('text fields of any page', () => {
  it('finds textareas and contenteditable editing hosts, in order, and nothing else', () => {
    const doc = page(`
      <textarea id="a">one</textarea>
      <div id="b" contenteditable="true"><p>two <span contenteditable="true">inner</span></p></div>
      <div id="c" contenteditable="">three</div>
      <div id="d" contenteditable="plaintext-only">four</div>
      <div id="e" contenteditable="false">no</div>
      <textarea id="f" disabled>no</textarea>
      <textarea id="g" readonly>no</textarea>
      <input id="h" value="inputs are one-line forms, not drafts" />`);
    expect(findFields(doc).map((el) => el.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('looks into open shadow roots, nested', () => {
    const doc = page('<my-editor id="outer"></my-editor>');
    const outer = doc.getElementById('outer')!.attachShadow({ mode: 'open' });
    outer.innerHTML = '<textarea id="s1"></textarea><inner-box></inner-box>';
    const inner = outer.querySelector('inner-box')!.attachShadow({ mode: 'open' });
    inner.innerHTML = '<div id="s2" contenteditable="true"></div>';
    expect(findFields(doc).map((el) => el.id)).toEqual(['s1', 's2']);
  });

  it('stops at the limit on a page of thousands of fields', () => {
    const doc = page('<textarea></textarea>'.repeat(1000));
    expect(findFields(doc, 200)).toHaveLength(200);
  });

  it("reads a textarea's live value and an editor's visible text with line breaks", () => {
    const doc = page(
      '<textarea id="t">markup</textarea><div id="e" contenteditable="true"><p>line one</p><p>line two</p></div>',
    );
    const area = doc.getElementById('t') as HTMLTextAreaElement;
    area.value = 'typed by the user';
    expect(readField(area)).toBe('typed by the user');
    expect(readField(doc.getElementById('e')!)).toBe('line one\nline two');
    expect(isCountableField(doc.getElementById('e')!)).toBe(true);
  });
});
