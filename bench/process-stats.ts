// What /proc says of another process (a relay, a helper) while a benchmark drives it: memory fields from
// its status file and the CPU time it has used. 0 when the process is gone (or /proc is missing).
import { readdirSync, readFileSync } from 'node:fs';

/** A memory field of /proc/PID/status in bytes: VmRSS (resident now) or VmHWM (peak resident). */
export function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) a process has used so far: steadier than wall time on a shared machine. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by every live process descended from `rootPid` (a browser's processes, a relay
 * child): two readings around a phase give what the phase cost the machine, whichever thread paid.
 */
export function treeCpuSeconds(rootPid: number): number {
  const parents = new Map<number, number>();
  const used = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      parents.set(pid, Number(fields[1]));
      used.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
    } catch { /* the process ended while we looked */ }
  }
  let total = 0;
  for (const [pid, seconds] of used) {
    for (let p: number | undefined = parents.get(pid); p; p = parents.get(p)) {
      if (p === rootPid) { total += seconds; break; }
    }
  }
  return total;
}
