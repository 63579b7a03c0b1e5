import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileImport, totalImportTokens, type FileCheckpoint, type ImportEvent } from '..';
import { claudeSession, codexRollout, geminiRecording } from './generate';

const ROOT = join(__dirname, 'fixtures');
const FIXTURES = [
  'claude/projects/-home-ana-shop/9ecb1d2e-5a7b-4c1e-9f00-aa11bb22cc33.jsonl',
  'claude/projects/-home-ana-shop/1f0e4c3b-0000-4d4d-8e8e-123456789abc.jsonl',
  'codex/sessions/2025/10/01/rollout-2025-10-01T10-00-00-0199a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b.jsonl',
  'codex/sessions/2025/10/02/rollout-2025-10-02T08-00-00-0199b000-0000-7000-8000-000000000002.jsonl',
  'kimi/sessions/g1/s-7f2a/wire.jsonl',
  'qwen/projects/-home-ana-bot/chats/d96bf338.jsonl',
  'openclaw/agents/main/sessions/6b1f0c2a-1111-4222-8333-944455556666.jsonl',
];

interface Run {
  /** Of every event handed out, the copy with the most tokens per key (as the history keeps). */
  kept: Map<string, ImportEvent>;
  /** Events handed out as new (not as updates of an earlier copy). */
  handedOut: number;
  result: ReturnType<FileImport['end']>;
  refusals: string[];
}

function sink(run: Omit<Run, 'result'>) {
  return {
    event: (e: ImportEvent) => {
      const prior = run.kept.get(e.key);
      if (!prior) run.handedOut++;
      if (!prior || totalImportTokens(e.tokens) > totalImportTokens(prior.tokens))
        run.kept.set(e.key, e);
    },
    refusal: (r: { line: number; reason: string }) =>
      void run.refusals.push(`${r.line} ${r.reason}`),
  };
}

/** The whole file at once. */
function clean(name: string, bytes: Uint8Array): Run {
  const run = { kept: new Map(), handedOut: 0, refusals: [] };
  const f = new FileImport(name, sink(run));
  f.push(bytes);
  const result = f.end();
  return { ...run, result };
}

/**
 * The file read up to each cut, stopped there (its checkpoint saved as JSON, the parser thrown
 * away) and resumed from the checkpoint's offset in a new parser, cut after cut. Bytes arrive in
 * chunks of `chunk`; a cut inside a line goes on from the line before it.
 */
function inPieces(
  name: string,
  bytes: Uint8Array,
  cuts: number[],
  chunk: number,
): Run & { resumes: number } {
  const run = { kept: new Map(), handedOut: 0, refusals: [] as string[] };
  const out = sink(run);
  let f = new FileImport(name, out);
  let at = 0;
  let resumes = 0;
  for (const cut of [...cuts, bytes.length]) {
    while (at < cut) {
      const end = Math.min(cut, at + chunk);
      f.push(bytes.subarray(at, end));
      at = end;
    }
    if (cut === bytes.length) break;
    const cp = f.checkpoint();
    if (!cp) continue;
    const saved = JSON.parse(JSON.stringify(cp)) as FileCheckpoint;
    expect(saved.offset).toBeLessThanOrEqual(at);
    expect(bytes[saved.offset - 1]).toBe(10);
    f = FileImport.resume(name, out, saved);
    at = saved.offset;
    resumes++;
  }
  const result = f.end();
  return { ...run, result, resumes };
}

const lineEnds = (bytes: Uint8Array) =>
  [...bytes.keys()]
    .filter((i) => bytes[i] === 10)
    .map((i) => i + 1)
    .slice(0, -1);

function expectSame(a: Run, b: Run) {
  expect(b.result).toEqual(a.result);
  expect(b.handedOut).toBe(a.result.events);
  expect([...b.kept.keys()].sort()).toEqual([...a.kept.keys()].sort());
  for (const [key, e] of a.kept) expect(b.kept.get(key)).toEqual(e);
  expect(b.refusals).toEqual(a.refusals);
}

describe('checkpoints: an import stopped and resumed gives the same events as one read', () => {
  it.each(FIXTURES)('%s, stopped after every line', (path) => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, path)));
    const whole = clean(path, bytes);
    expect(whole.result.events).toBeGreaterThan(0);
    const pieces = inPieces(path, bytes, lineEnds(bytes), 7);
    // The format is known from the second line on: a file of two lines is never stopped in.
    if (lineEnds(bytes).length > 1) expect(pieces.resumes).toBeGreaterThan(0);
    expectSame(whole, pieces);
  });

  it.each([
    ['claude', 'projects/-home-ana-shop/s-1.jsonl', claudeSession(40)],
    ['codex', 'sessions/2025/10/01/rollout-x.jsonl', codexRollout(30)],
    ['gemini', 'tmp/5d1c9e/chats/session-x.jsonl', geminiRecording(30)],
  ] as const)('%s: stopped at every line, mid-line and at random chunk sizes', (_, name, bytes) => {
    const whole = clean(name, bytes);
    expect(whole.result.duplicates).toBeGreaterThan(0);
    const ends = lineEnds(bytes);
    expectSame(whole, inPieces(name, bytes, ends, 4096));
    // Cuts inside lines go on from the line before; chunks that split multi-byte characters.
    const inside = ends.map((e) => e - 5).filter((e) => e > 0);
    expectSame(whole, inPieces(name, bytes, inside, 3));
    let s = 11;
    const random = ends.filter(() => (s = (s * 16807) % 2147483647) % 5 === 0);
    expectSame(whole, inPieces(name, bytes, random, 1000));
  });

  it('a checkpoint is refused for what cannot resume: JSON reports, CSV, UTF-16, an unknown state', () => {
    const report = new FileImport('r.json', { event() {}, refusal() {} });
    report.push(readFileSync(join(ROOT, 'reports/ccusage-daily.json')));
    expect(report.checkpoint()).toBeNull();
    const csv = new FileImport('a.csv', { event() {}, refusal() {} });
    csv.push(readFileSync(join(ROOT, 'reports/openrouter-activity.csv')));
    expect(csv.checkpoint()).toBeNull();
    const text = new TextDecoder().decode(claudeSession(3));
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
    const wide = new FileImport('w.jsonl', { event() {}, refusal() {} });
    wide.push(utf16);
    expect(wide.checkpoint()).toBeNull();

    const claude = new FileImport('p/s.jsonl', { event() {}, refusal() {} });
    claude.push(claudeSession(3));
    const cp = claude.checkpoint()!;
    expect(cp.format).toBe('claude-code');
    expect(() =>
      FileImport.resume('p/s.jsonl', { event() {}, refusal() {} }, { ...cp, state: { window: 3 } }),
    ).toThrow();
    expect(() =>
      FileImport.resume(
        'p/s.jsonl',
        { event() {}, refusal() {} },
        { ...cp, format: 'nope' as never },
      ),
    ).toThrow();
  });
});
