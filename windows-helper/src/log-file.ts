// The helper's log: one timestamped line per event in helper.log in its home, rotated when it passes
// `maxBytes` (helper.log → helper.log.1 → … → helper.log.<keep>, the oldest dropped). Paths of synced
// files are written (they are the user's own, on the user's own disk); no key, token or code ever is.
import { closeSync, existsSync, fstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { HOME_FILES } from './helper-home.js';

export interface LogOptions { maxBytes?: number; keep?: number; echo?: (line: string) => void }

export class LogFile {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  /**
   * The log, open for appending, and its size as last known (read once, then counted): an open, a stat
   * and a close per line cost a pass of many files, which logs a line for each.
   */
  private fd: number | null = null;
  private size = 0;

  constructor(home: string, private readonly options: LogOptions = {}) {
    this.path = join(home, HOME_FILES.log);
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.keep = options.keep ?? 3;
  }

  write(level: 'info' | 'warn' | 'error', message: string): void {
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}\n`;
    this.options.echo?.(line);
    try {
      this.fd ??= this.open();
      if (this.size >= this.maxBytes) {
        this.rotate();
        this.fd = this.open();
      }
      this.size += writeSync(this.fd, line);
    } catch { /* a log that can't be written must not stop the sync */ }
  }

  /** Lets the file go (a later line opens it again). */
  close(): void {
    if (this.fd === null) return;
    const fd = this.fd;
    this.fd = null;
    closeSync(fd);
  }

  info(message: string): void { this.write('info', message); }
  warn(message: string): void { this.write('warn', message); }
  error(message: string): void { this.write('error', message); }

  private open(): number {
    const fd = openSync(this.path, 'a', 0o600);
    this.size = fstatSync(fd).size;
    return fd;
  }

  private rotate(): void {
    // Closed first: Windows renames no file that is open.
    this.close();
    rmSync(`${this.path}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    renameSync(this.path, `${this.path}.1`);
  }
}
