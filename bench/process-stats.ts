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

/** CPU seconds (user + system) this process's finished, waited-for children have used (cutime + cstime). */
export function childrenCpuSeconds(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

/**
 * The sum of `read(pid)`'s value over `rootPid` and every live process descended from it (a browser's
 * processes, a relay child); `read` gives each process's parent with its value (0 for a process not counted).
 */
export function sumOverDescendants(rootPid: number, read: (pid: number) => { parent: number; value: number }): number {
  const parents = new Map<number, number>();
  const values = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    try {
      const got = read(pid);
      parents.set(pid, got.parent);
      values.set(pid, got.value);
    } catch { /* the process ended while we looked */ }
  }
  let total = 0;
  for (const [pid, value] of values) {
    for (let p: number | undefined = pid; p; p = parents.get(p)) {
      if (p === rootPid) { total += value; break; }
    }
  }
  return total;
}

/** CPU seconds used so far by `rootPid` and every live process descended from it: two readings around a phase give what it cost, whichever thread paid. */
export function treeCpuSeconds(rootPid: number): number {
  return sumOverDescendants(rootPid, (pid) => {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { parent: Number(fields[1]), value: (Number(fields[11]) + Number(fields[12])) / 100 };
  });
}
