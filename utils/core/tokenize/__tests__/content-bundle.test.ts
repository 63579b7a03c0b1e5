import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// No vocabulary may reach the content script (one copy per tab would cost 20–60 MB each):
// walk the content entrypoint's import graph and reject any vocabulary source.
const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const FORBIDDEN = /^(js-tiktoken|@lenml\/|@huggingface\/tokenizers|gpt-tokenizer)|tokenizer\.json$/;

function resolveLocal(from: string, spec: string): string | null {
  const base = spec.startsWith('@/') ? join(ROOT, spec.slice(2)) : resolve(dirname(from), spec);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function importGraph(entry: string) {
  const seen = new Set<string>();
  const external = new Set<string>();
  const queue = [entry];
  while (queue.length) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(
      /(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    )) {
      const spec = m[1] ?? m[2];
      if (spec.startsWith('.') || spec.startsWith('@/')) {
        const target = resolveLocal(file, spec);
        if (target) queue.push(target);
      } else {
        external.add(spec);
      }
    }
  }
  return { files: [...seen], external: [...external] };
}

describe('content script bundle', () => {
  it('imports no vocabulary, directly or indirectly', () => {
    const { files, external } = importGraph(join(ROOT, 'entrypoints', 'content', 'index.ts'));
    expect(files.length).toBeGreaterThan(1);
    expect(external.filter((s) => FORBIDDEN.test(s))).toEqual([]);
    expect(files.filter((f) => FORBIDDEN.test(f))).toEqual([]);
  });

  it('would catch one (the background host does import the engine)', () => {
    const { files } = importGraph(join(ROOT, 'scripts', 'cli', 'count.ts'));
    expect(files.some((f) => f.includes('utils/core/tokenize'))).toBe(true);
    const { external } = importGraph(join(ROOT, 'scripts', 'gen-token-refs.ts'));
    expect(external.filter((s) => FORBIDDEN.test(s)).length).toBeGreaterThan(0);
  });
});
