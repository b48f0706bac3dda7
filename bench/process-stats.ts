// What /proc says of another process (a relay, a helper) while a benchmark drives it: memory fields from
// its status file and the CPU time it has used. 0 when the process is gone (or /proc is missing).
import { readFileSync } from 'node:fs';

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
