// Samples resident memory while a benchmark phase runs: this process (process.memoryUsage) or a set of
// other processes (Chromium's, read from /proc), reporting the peak above the idle level measured first.
import { readFileSync } from 'node:fs';
import { sumOverDescendants } from './process-stats.js';

export interface MemoryPeak { idleMiB: number; peakMiB: number; aboveIdleMiB: number }

const MiB = 1024 * 1024;

/** Resident set of every process whose ancestry includes `rootPid`, in bytes; with `onlyType`, only
 * Chromium processes started with `--type=<onlyType>` (e.g. 'renderer': the tab and its workers). */
export function treeRss(rootPid: number, onlyType?: string): number {
  return sumOverDescendants(rootPid, (pid) => {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const parent = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const value = onlyType && !isChromiumType(pid, onlyType) ? 0 : Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
    return { parent, value };
  });
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
