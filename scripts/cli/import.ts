// `npm run -s cli -- import <files or folders…> [--json] [--events]`: reads agents' logs,
// aggregators' reports and provider exports with the same streamed parsers the extension uses
// (utils/core/imports/), stores nothing, and prints what an import would add:
//   --json    one JSON object: events, duplicates, refused, skipped, tokens{input, cacheRead,
//             cacheWrite, output, reasoning}, billedUsd, sourceEstimateUsd, bySource{<source>:
//             {events, tokens, billedUsd, sourceEstimateUsd}}, timestampsWithoutZone, files[],
//             refusals[] (the first 100, each {file, line, reason});
//   --events  each kept event as one JSON line instead;
//   neither   a short text summary.
// Folders are walked for *.jsonl (and OpenClaw's .jsonl.deleted.* / .jsonl.reset.* archives),
// *.json and *.csv; files are read in sorted path order so the result never depends on the order
// they were given in.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  FileImport,
  ImportTally,
  isImportableName,
  type ImportSummary,
} from '../../utils/core/imports/index';

const USAGE = 'usage: import <files or folders…> [--json] [--events]';

/** Every importable file under the given paths (a file given by name is always read). */
export async function expandPaths(
  paths: string[],
): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && isImportableName(entry.name)) files.push(path);
    }
  };
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) missing.push(path);
    else if (info.isDirectory()) await walk(path);
    else files.push(path);
  }
  files.sort();
  return { files, missing };
}

/** Import files into a tally, streamed in 1 MB chunks. */
export async function importFiles(
  files: string[],
  tally = new ImportTally(),
): Promise<ImportTally> {
  for (const path of files) {
    const file = new FileImport(path, {
      event: (e) => void tally.add(e),
      refusal: (r) => tally.refusal(r),
    });
    try {
      for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
        file.push(chunk as Uint8Array);
        // A refused file (binary, say) is not read to its end: it may be gigabytes.
        if (file.stopped) break;
      }
    } catch (error) {
      tally.refusal({ file: path, line: 0, reason: `unreadable: ${(error as Error).message}` });
    }
    tally.file(file.end());
  }
  return tally;
}

function text(s: ImportSummary): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const lines = [
    `${n(s.events)} events, ${n(s.duplicates)} duplicates skipped, ${n(s.refused)} refused, ${n(s.skipped)} without usage`,
    `tokens: input ${n(s.tokens.input)}, cache read ${n(s.tokens.cacheRead)}, cache write ${n(s.tokens.cacheWrite)}, output ${n(s.tokens.output)}, reasoning ${n(s.tokens.reasoning)}`,
    `billed (stated by the sources): $${s.billedUsd.toFixed(2)}; estimated by ccusage/tokscale: $${s.sourceEstimateUsd.toFixed(2)}`,
  ];
  for (const [source, t] of Object.entries(s.bySource)) {
    if (t.events) lines.push(`  ${source.padEnd(14)} ${n(t.events)} events`);
  }
  for (const f of s.files) if (f.error) lines.push(`  ${f.file}: ${f.error}`);
  for (const r of s.refusals.slice(0, 20)) lines.push(`  ${r.file}:${r.line}: ${r.reason}`);
  return lines.join('\n') + '\n';
}

export async function run(args: string[]): Promise<number> {
  const json = args.includes('--json');
  const events = args.includes('--events');
  const unknown = args.find((a) => a.startsWith('--') && a !== '--json' && a !== '--events');
  const paths = args.filter((a) => !a.startsWith('--'));
  if (unknown || paths.length === 0) {
    process.stderr.write(
      JSON.stringify({
        error: unknown ? `unknown flag ${unknown}` : 'no file or folder given',
        usage: USAGE,
      }) + '\n',
    );
    return 2;
  }
  const { files, missing } = await expandPaths(paths);
  if (missing.length) {
    process.stderr.write(JSON.stringify({ error: `not found: ${missing.join(', ')}` }) + '\n');
    return 2;
  }
  const tally = await importFiles(files);
  if (events) {
    for (const e of tally.events()) process.stdout.write(JSON.stringify(e) + '\n');
  } else if (json) {
    process.stdout.write(JSON.stringify(tally.summary()) + '\n');
  } else {
    process.stdout.write(text(tally.summary()));
  }
  return 0;
}
