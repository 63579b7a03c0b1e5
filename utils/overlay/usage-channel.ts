/**
 * The private channel between the MAIN-world usage hook and the content script.
 *
 * Both run at document_start, before any page script. Whichever runs second completes a
 * synchronous handshake (DOM events dispatch synchronously across worlds):
 *   hook → `tm-hook-up`; content → `tm-content-up`; hook → `tm-hook-key` with a per-load secret.
 * Each side listens once and then removes its handshake listener, so a page script that later
 * fires these events gets nothing and can plant nothing. Usage then travels as events named
 * `tm-u-<secret>`: a page cannot listen for a name it does not know, and nothing is written to
 * DOM attributes or globals. The hook keeps its own references to `dispatchEvent` and
 * `CustomEvent` taken before page scripts ran, so later patches by the page do not see them.
 */
import type { QuotaWindow } from '@/utils/sites/stream-types';
import type { UsageReport } from './types';

export const HOOK_UP = 'tm-hook-up';
export const CONTENT_UP = 'tm-content-up';
export const HOOK_KEY = 'tm-hook-key';
export const usageEventName = (secret: string) => `tm-u-${secret}`;

// The stream readers' formats (utils/sites/streams.ts; a meta-test checks both lists agree). Named
// here rather than imported so the content script does not bundle the readers.
const FORMATS = new Set([
  'aistudio',
  'chatgpt',
  'claude',
  'deepseek',
  'gemini',
  'kimi',
  'mimo',
  'perplexity',
  'qwen',
  'zai',
]);
const MAX_WINDOWS = 20;
const isCount = (v: unknown) =>
  v === undefined || (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);

/** Validate a report from the channel (the hook is ours, but the page shares the DOM). */
export function parseUsageReport(raw: unknown): UsageReport | null {
  if (typeof raw !== 'string' || raw.length > 10_000) return null;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const r = value as Record<string, unknown>;
  if (typeof r.format !== 'string' || !FORMATS.has(r.format)) return null;
  if (![r.input, r.output, r.reasoning, r.total].every(isCount)) return null;
  if (typeof r.at !== 'number' || !Number.isFinite(r.at)) return null;
  if (r.model !== undefined && (typeof r.model !== 'string' || r.model.length > 200)) return null;
  if (!isCount(r.opening)) return null;
  const limits = parseLimits(r.limits);
  if (limits === null) return null;
  return {
    format: r.format as UsageReport['format'],
    input: r.input as number | undefined,
    output: r.output as number | undefined,
    reasoning: r.reasoning as number | undefined,
    total: r.total as number | undefined,
    model: r.model as string | undefined,
    done: r.done === true,
    at: r.at,
    path: typeof r.path === 'string' ? r.path.slice(0, 200) : undefined,
    ...(r.outputIncludesReasoning === true ? { outputIncludesReasoning: true } : {}),
    ...(r.opening !== undefined ? { opening: r.opening as number } : {}),
    ...(typeof r.notice === 'string' ? { notice: r.notice.slice(0, 300) } : {}),
    ...(limits ? { limits } : {}),
  };
}

/** Quota windows as the hook sent them: undefined when absent, null when malformed. */
function parseLimits(raw: unknown): QuotaWindow[] | undefined | null {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length > MAX_WINDOWS) return null;
  const out: QuotaWindow[] = [];
  for (const w of raw) {
    if (typeof w !== 'object' || w === null) return null;
    const { window, used, remaining, resetsAt } = w as Record<string, unknown>;
    if (typeof window !== 'string' || window.length > 60) return null;
    if (used !== null && (typeof used !== 'number' || !(used >= 0 && used <= 1))) return null;
    if (remaining !== undefined && !isCount(remaining)) return null;
    if (resetsAt !== null && (typeof resetsAt !== 'string' || resetsAt.length > 40)) return null;
    out.push({
      window,
      used: used as number | null,
      ...(remaining !== undefined ? { remaining: remaining as number } : {}),
      resetsAt: resetsAt as string | null,
    });
  }
  return out;
}

/**
 * Content-script side. Call at document_start. Returns a stop function. `onReport` gets each
 * validated report; a hook that never answers simply means no exact usage (DOM counts remain).
 */
export function listenForUsage(win: Window, onReport: (report: UsageReport) => void): () => void {
  let secretName: string | null = null;
  const onUsage = (event: Event) => {
    const report = parseUsageReport((event as CustomEvent).detail);
    if (report) onReport(report);
  };
  const onKey = (event: Event) => {
    const secret = (event as CustomEvent).detail;
    win.removeEventListener(HOOK_KEY, onKey);
    win.removeEventListener(HOOK_UP, onHookUp);
    if (typeof secret !== 'string' || secret.length < 16 || secretName) return;
    secretName = usageEventName(secret);
    win.addEventListener(secretName, onUsage);
  };
  const onHookUp = () => {
    win.dispatchEvent(new CustomEvent(CONTENT_UP));
  };
  win.addEventListener(HOOK_KEY, onKey);
  win.addEventListener(HOOK_UP, onHookUp);
  // If the hook already ran, it is waiting for this.
  win.dispatchEvent(new CustomEvent(CONTENT_UP));
  return () => {
    win.removeEventListener(HOOK_KEY, onKey);
    win.removeEventListener(HOOK_UP, onHookUp);
    if (secretName) win.removeEventListener(secretName, onUsage);
  };
}
