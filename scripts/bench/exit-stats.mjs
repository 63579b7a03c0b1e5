// Preloaded into a CLI process by the bench (`node --import <this> scripts/cli-run.mjs`):
// on exit, writes the process's own figures to stderr as one JSON line: milliseconds since the
// process started (node and tsx included) and its peak resident memory. The peak is Linux's
// VmHWM, which starts afresh at exec; `resourceUsage().maxRSS` (the fallback) keeps the peak of
// the process that forked it (the bench itself), so every child would read the same.
import { readFileSync } from 'node:fs';

function peakMb() {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) / 1024;
  } catch {
    // not Linux
  }
  return process.resourceUsage().maxRSS / 1024;
}

process.on('exit', () => {
  const stats = { ms: performance.now(), maxRssMb: peakMb() };
  process.stderr.write(`\n${JSON.stringify({ exitStats: stats })}\n`);
});
