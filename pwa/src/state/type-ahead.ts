// Type-ahead for the tree and the file list: letters typed within a short pause form a prefix, and
// focus jumps to the next label starting with it (a repeated single letter cycles through matches).
export const typeAheadPauseMs = 700;

export class TypeAhead {
  private buffer = '';
  private last = 0;

  /** Returns the index to focus, or -1. `now` is injectable for tests. */
  next(labels: readonly string[], current: number, char: string, now: number = Date.now()): number {
    if (now - this.last > typeAheadPauseMs) this.buffer = '';
    this.last = now;
    this.buffer += char.toLowerCase();
    const allSame = [...this.buffer].every((c) => c === this.buffer[0]);
    // "sss" means "cycle through names starting with s", not "find sss".
    const prefix = allSame ? this.buffer[0] : this.buffer;
    const start = allSame || this.buffer.length === 1 ? current + 1 : current;
    return findPrefix(labels, start, prefix);
  }
}

export function findPrefix(labels: readonly string[], start: number, prefix: string): number {
  const n = labels.length;
  for (let k = 0; k < n; k++) {
    const i = (((start + k) % n) + n) % n;
    if (labels[i].toLowerCase().startsWith(prefix)) return i;
  }
  return -1;
}

/** Whether a key event is a printable character for type-ahead (not a shortcut). */
export function isTypeAheadKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey;
}
