/**
 * Who blocks a page's main thread: a DevTools trace of the page's renderer (every task with its
 * wall and thread CPU time) plus a V8 CPU profile (which script's code ran in each task).
 * Used by tests/e2e/faults-hostile.test.ts and scripts/bench/overlay.bench.ts.
 *
 * Why both times: on a loaded machine (CI: 2 shared cores) a task's wall time includes the time
 * its thread waited for a core, so a 10 ms task can show as a 60 ms "long task". Thread CPU time
 * is what the task itself cost. A task is ours when the extension's code is at least half of it:
 * by the trace's calls into a `chrome-extension://<id>/` script (timers, events, observers), or
 * by the CPU samples (a promise continuation after a message reply, which the trace does not
 * name). A page's own frame in which our observer ran for a moment is the page's.
 */
import type { CDPSession, Page } from 'playwright-core';

export interface TaskInfo {
  /** Start, ms from the start of the recording. */
  at: number;
  wallMs: number;
  cpuMs: number;
  /** Sampled time in the extension's code within the task (ms). */
  extMs: number;
}

export interface MainThreadReport {
  /** Every task of the page's main thread longer than 50 ms (wall). */
  longTasks: TaskInfo[];
  /** Tasks in which the extension's code ran as the main part (see above), any length. */
  extTasks: TaskInfo[];
  /** Total sampled time in the extension's code (ms). */
  extJsMs: number;
  /** Tasks seen on the page's main thread (0 = the trace could not be read). */
  tasks: number;
}

const SAMPLE_US = 200;

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: {
    name?: string;
    data?: { url?: string; frames?: { url?: string; processId?: number }[] };
  };
}

interface CpuProfile {
  nodes: { id: number; callFrame: { url: string }; children?: number[] }[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Start recording `page`'s main thread; `stop()` returns the report. */
export async function recordMainThread(
  page: Page,
  extensionId: string,
): Promise<{ stop(): Promise<MainThreadReport> }> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: SAMPLE_US });
  await cdp.send('Tracing.start', {
    categories: 'toplevel,devtools.timeline,v8.execute,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.start');
  const host = new URL(page.url()).origin;
  return {
    async stop() {
      const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      await cdp.detach().catch(() => undefined);
      return analyse(events, profile, host, `chrome-extension://${extensionId}/`);
    },
  };
}

function analyse(
  events: TraceEvent[],
  profile: CpuProfile,
  host: string,
  extPrefix: string,
): MainThreadReport {
  // The page's renderer and its main thread.
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const frames = started?.args?.data?.frames ?? [];
  const pid = (frames.find((f) => f.url?.startsWith(host)) ?? frames[0])?.processId;
  const tid = events.find(
    (e) => e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain',
  )?.tid;
  const onMain = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X');
  const tasks = onMain
    .filter((e) => e.name === 'ThreadControllerImpl::RunTask')
    .sort((a, b) => a.ts - b.ts);
  const calls = onMain
    .filter((e) => e.name === 'FunctionCall' && e.args?.data?.url?.startsWith(extPrefix))
    .sort((a, b) => a.ts - b.ts);

  // Which samples ran the extension's code (any frame of the stack in its scripts).
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const isExt = new Map<number, boolean>();
  const extNode = (id: number): boolean => {
    const known = isExt.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const p = parent.get(id);
    const value = node.callFrame.url.startsWith(extPrefix) || (p !== undefined && extNode(p));
    isExt.set(id, value);
    return value;
  };
  const idle = new Set(
    profile.nodes
      .filter((n) => ['(idle)', '(program)', '(garbage collector)'].includes(n.callFrame.url))
      .map((n) => n.id),
  );
  let ts = profile.startTime;
  const samples = profile.samples.map((id, i) => {
    ts += profile.timeDeltas[i];
    return { ts, ext: extNode(id), js: !idle.has(id) };
  });

  const t0 = tasks[0]?.ts ?? 0;
  const longTasks: TaskInfo[] = [];
  const extTasks: TaskInfo[] = [];
  let s = 0;
  let c = 0;
  for (const task of tasks) {
    const end = task.ts + (task.dur ?? 0);
    while (s < samples.length && samples[s].ts < task.ts) s++;
    let ext = 0;
    let js = 0;
    for (let k = s; k < samples.length && samples[k].ts <= end; k++) {
      if (samples[k].ext) ext++;
      if (samples[k].js) js++;
    }
    // Time in calls into the extension's scripts (outermost calls only).
    while (c < calls.length && calls[c].ts < task.ts) c++;
    let calledUs = 0;
    let callEnd = -1;
    for (let k = c; k < calls.length && calls[k].ts <= end; k++) {
      if (calls[k].ts < callEnd) continue;
      callEnd = calls[k].ts + (calls[k].dur ?? 0);
      calledUs += calls[k].dur ?? 0;
    }
    const info: TaskInfo = {
      at: (task.ts - t0) / 1000,
      wallMs: (task.dur ?? 0) / 1000,
      cpuMs: (task.tdur ?? 0) / 1000,
      extMs: Math.max(ext * SAMPLE_US, calledUs) / 1000,
    };
    if (info.wallMs > 50) longTasks.push(info);
    // Ours: the extension's code is at least half of the task (by calls or by samples).
    if (calledUs * 2 >= (task.dur ?? 0) || (ext > 0 && ext * 2 >= js)) extTasks.push(info);
  }
  const extJsMs = (samples.filter((x) => x.ext).length * SAMPLE_US) / 1000;
  return { longTasks, extTasks, extJsMs, tasks: tasks.length };
}

/** The figures a test or bench prints for a report. */
export function summarise(report: MainThreadReport) {
  const max = (xs: number[]) => Math.max(0, ...xs);
  return {
    longTasks: report.longTasks.length,
    longestMs: max(report.longTasks.map((t) => t.wallMs)),
    extTasks: report.extTasks.length,
    extLongest: max(report.extTasks.map((t) => t.wallMs)),
    extLongestCpu: max(report.extTasks.map((t) => t.cpuMs)),
    extOver50: report.extTasks.filter((t) => t.wallMs > 50).length,
    extJsMs: report.extJsMs,
    tasks: report.tasks,
  };
}
