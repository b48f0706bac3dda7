// Reads a Chromium trace for the tasks a page's main thread ran: wall time and the thread's own CPU
// time per task. [Note: Wall time versus CPU time] On a shared two-core machine a 20 ms task can
// take 60 ms of wall time because the OS ran something else meanwhile; the `longtask` entry cannot
// tell the two apart, the trace's thread time (`tdur`) can.

export interface MainThreadTask {
  /** Start on the page's `performance.now()` clock, in ms. */
  start: number;
  wall: number;
  cpu: number;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { startTime?: number } };
}

/** Categories to pass to `browser.startTracing` for `mainThreadTasks`. */
export const mainThreadTraceCategories = ['toplevel', 'blink.user_timing'];

/**
 * The top-level tasks of the main thread that called `performance.mark(markName)`, with their start
 * converted to that page's clock by way of the mark. Throws when the mark is not in the trace.
 */
export function mainThreadTasks(trace: Buffer, markName: string): MainThreadTask[] {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : parsed.traceEvents ?? [];
  const mark = events.find((e) => e.name === markName && e.args?.data?.startTime !== undefined);
  if (!mark) throw new Error(`mark ${markName} is not in the trace`);
  const markTime = mark.args!.data!.startTime!;
  return events
    .filter((e) => e.pid === mark.pid && e.tid === mark.tid && e.ph === 'X' && e.name === 'ThreadControllerImpl::RunTask')
    .map((e) => ({ start: markTime + (e.ts - mark.ts) / 1000, wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? e.dur ?? 0) / 1000 }));
}

/** The CPU time of the traced tasks overlapping [start, start + duration), or undefined when none does. */
export function cpuDuring(tasks: MainThreadTask[], start: number, duration: number): number | undefined {
  const overlapping = tasks.filter((t) => t.start < start + duration && t.start + t.wall > start);
  return overlapping.length ? overlapping.reduce((sum, t) => sum + t.cpu, 0) : undefined;
}
