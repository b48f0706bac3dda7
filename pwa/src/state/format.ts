// Human-readable numbers for the UI: byte sizes, speeds, durations and dates. Pure; the locale is a
// parameter so tests are stable.

const units = ['bytes', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** 1536 → "1.5 KB". Decimal-free below 10 units would hide differences, so one decimal under 100. */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  if (n < 1024) return n === 1 ? '1 byte' : `${n} bytes`;
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  const digits = v < 100 ? 1 : 0;
  return `${v.toFixed(digits).replace(/\.0$/, '')} ${units[u]}`;
}

export function formatSpeed(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '—';
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** Seconds → "2 h 5 min", "3 min 4 s", "12 s"; null or Infinity → "—". */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m} min ${s % 60} s` : `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

/** Today → time only; this year → day and month; else the full date. */
export function formatDate(ms: number, now: number = Date.now(), locale?: string): string {
  const d = new Date(ms);
  const n = new Date(now);
  if (d.toDateString() === n.toDateString()) return d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  if (d.getFullYear() === n.getFullYear()) return d.toLocaleDateString(locale, { day: 'numeric', month: 'short' });
  return d.toLocaleDateString(locale, { day: 'numeric', month: 'short', year: 'numeric' });
}

export function formatDateTime(ms: number, locale?: string): string {
  return new Date(ms).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

export function plural(n: number, one: string, many: string = one + 's'): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
