/**
 * Mutations of real files for the hostile-input properties (the hostile-input tests of the rate card, the token engine and the history import): fast-check
 * arbitraries that damage a JSON document the way files get damaged or forged: values of the
 * wrong type, deleted or added keys (`__proto__` among them), huge and negative numbers, odd
 * Unicode, and, on the text, truncation, inserted bytes and swapped characters.
 */
import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values a hostile or broken file puts where a number or a string was expected. */
export const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    0,
    -1,
    -0,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    0.1,
    '',
    '0',
    'NaN',
    'Infinity',
    '1e999',
    '__proto__',
    '\u0000',
    '\ud800',
    '\u202e',
    'x'.repeat(100_000),
    [],
    {},
    { __proto__: null } as unknown as Json,
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
);

export interface JsonMutation {
  /** Walk: at each level the child taken is `steps[i] % children`. */
  steps: number[];
  kind: 'replace' | 'delete' | 'add-key' | 'proto-key' | 'duplicate-array-item' | 'empty';
  value: Json;
  key: string;
}

export const jsonMutation: fc.Arbitrary<JsonMutation> = fc.record({
  steps: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
  kind: fc.constantFrom<JsonMutation['kind']>(
    'replace',
    'replace',
    'delete',
    'add-key',
    'proto-key',
    'duplicate-array-item',
    'empty',
  ),
  value: hostileValue,
  key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('constructor', 'prototype')),
});

export interface TextMutation {
  kind: 'truncate' | 'insert' | 'replace-char' | 'none';
  at: number;
  text: string;
}

export const textMutation: fc.Arbitrary<TextMutation> = fc.record({
  kind: fc.constantFrom<TextMutation['kind']>('none', 'none', 'truncate', 'insert', 'replace-char'),
  at: fc.nat(),
  text: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
});

function children(node: Json): (string | number)[] {
  if (Array.isArray(node)) return node.map((_, i) => i);
  if (node && typeof node === 'object') return Object.keys(node);
  return [];
}

/** Apply one mutation to `doc` in place (a deep copy is the caller's). */
export function applyJsonMutation(doc: Json, m: JsonMutation): void {
  let parent: Json = doc;
  let key: string | number | null = null;
  for (const step of m.steps) {
    const node: Json = key === null ? parent : (parent as any)[key];
    const keys = children(node);
    if (keys.length === 0) break;
    if (key !== null) parent = node;
    key = keys[step % keys.length];
  }
  const target: any = key === null ? null : parent;
  const at = key;
  switch (m.kind) {
    case 'replace':
      if (target && at !== null) target[at] = m.value;
      break;
    case 'delete':
      if (target && at !== null) {
        if (Array.isArray(target)) target.splice(Number(at), 1);
        else delete target[at];
      }
      break;
    case 'add-key':
    case 'proto-key': {
      const obj = target && at !== null ? target[at] : doc;
      if (obj && typeof obj === 'object' && !Array.isArray(obj)) {
        // defineProperty, so "__proto__" is an own key that JSON.stringify writes out.
        Object.defineProperty(obj, m.kind === 'proto-key' ? '__proto__' : m.key, {
          value: m.value,
          enumerable: true,
          configurable: true,
          writable: true,
        });
      }
      break;
    }
    case 'duplicate-array-item': {
      const arr = target && at !== null ? target[at] : doc;
      if (Array.isArray(arr) && arr.length > 0) arr.push(structuredClone(arr[0]));
      break;
    }
    case 'empty':
      if (target && at !== null)
        target[at] = Array.isArray(target[at]) ? [] : typeof target[at] === 'object' ? {} : '';
      break;
  }
}

export function applyTextMutation(text: string, m: TextMutation): string {
  const at = text.length === 0 ? 0 : m.at % text.length;
  switch (m.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'insert':
      return text.slice(0, at) + m.text + text.slice(at);
    case 'replace-char':
      return text.slice(0, at) + m.text[0] + text.slice(at + 1);
    default:
      return text;
  }
}

/** A damaged copy of `source` (JSON text): structural mutations, then one text mutation. */
export const damagedCopy = (source: string) =>
  fc
    .record({
      json: fc.array(jsonMutation, { minLength: 0, maxLength: 4 }),
      text: textMutation,
    })
    .map(({ json, text }) => {
      const doc = JSON.parse(source) as Json;
      for (const m of json) applyJsonMutation(doc, m);
      return { text: applyTextMutation(JSON.stringify(doc), text), mutations: json.length };
    });

/** Deep-freeze, so a parser that writes into what it was given fails loudly. */
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
