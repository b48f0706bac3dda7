// Samples resident memory while a benchmark phase runs: this process (process.memoryUsage) or a set of
// other processes (Chromium's, read from /proc), reporting the peak above the idle level measured first.
import { readFileSync, readdirSync } from 'node:fs';

export interface MemoryPeak { idleMiB: number; peakMiB: number; aboveIdleMiB: number }

const MiB = 1024 * 1024;

/** Resident set of every process whose ancestry includes `rootPid`, in bytes; with `onlyType`, only
 * Chromium processes started with `--type=<onlyType>` (e.g. 'renderer': the tab and its workers). */
export function treeRss(rootPid: number, onlyType?: string): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      parents.set(pid, Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0));
      rss.set(pid, Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024);
    } catch { /* the process ended while we looked */ }
  }
  let total = 0;
  for (const [pid, bytes] of rss) {
    if (onlyType && !isChromiumType(pid, onlyType)) continue;
    for (let p: number | undefined = pid; p; p = parents.get(p)) {
      if (p === rootPid) { total += bytes; break; }
    }
  }
  return total;
}

function isChromiumType(pid: number, type: string): boolean {
  try {
    // Chromium rewrites its children's command lines into one space-separated string.
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--type=${type} `);
  } catch {
    return false;
  }
}

/** Runs `phase` while sampling `read()` every `everyMs`; returns its result and the memory peak. */
export async function withMemoryPeak<T>(read: () => number, phase: () => Promise<T>, everyMs = 25): Promise<{ result: T; memory: MemoryPeak }> {
  const { result, memory } = await withMemoryPeaks(() => [read()], phase, everyMs);
  return { result, memory: memory[0] };
}

/** withMemoryPeak for several figures that one `read()` gives together (one pass over /proc for all of them). */
export async function withMemoryPeaks<T>(read: () => number[], phase: () => Promise<T>, everyMs = 25): Promise<{ result: T; memory: MemoryPeak[] }> {
  (globalThis as { gc?: () => void }).gc?.();
  const idle = read();
  const peak = [...idle];
  const sample = () => read().forEach((v, i) => { peak[i] = Math.max(peak[i], v); });
  const timer = setInterval(sample, everyMs);
  try {
    const result = await phase();
    sample();
    return { result, memory: idle.map((v, i) => ({ idleMiB: v / MiB, peakMiB: peak[i] / MiB, aboveIdleMiB: (peak[i] - v) / MiB })) };
  } finally {
    clearInterval(timer);
  }
}

export const ownRss = () => process.memoryUsage().rss;
