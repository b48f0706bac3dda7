// The helper's log: one timestamped line per event in helper.log in its home, rotated when it passes
// `maxBytes` (helper.log → helper.log.1 → … → helper.log.<keep>, the oldest dropped). Paths of synced
// files are written (they are the user's own, on the user's own disk); no key, token or code ever is.
import { appendFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HOME_FILES } from './helper-home.js';

export interface LogOptions { maxBytes?: number; keep?: number; echo?: (line: string) => void }

export class LogFile {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  /** The log's size as last known (read once, then counted): a stat per line cost a pass of many files. */
  private size: number | null = null;

  constructor(home: string, private readonly options: LogOptions = {}) {
    this.path = join(home, HOME_FILES.log);
    this.maxBytes = options.maxBytes ?? 1024 * 1024;
    this.keep = options.keep ?? 3;
  }

  write(level: 'info' | 'warn' | 'error', message: string): void {
    const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}\n`;
    this.options.echo?.(line);
    try {
      this.rotateIfFull();
      appendFileSync(this.path, line, { mode: 0o600 });
      this.size! += Buffer.byteLength(line);
    } catch { /* a log that can't be written must not stop the sync */ }
  }

  info(message: string): void { this.write('info', message); }
  warn(message: string): void { this.write('warn', message); }
  error(message: string): void { this.write('error', message); }

  private rotateIfFull(): void {
    this.size ??= existsSync(this.path) ? statSync(this.path).size : 0;
    if (this.size < this.maxBytes) return;
    this.size = 0;
    rmSync(`${this.path}.${this.keep}`, { force: true });
    for (let i = this.keep - 1; i >= 1; i--) if (existsSync(`${this.path}.${i}`)) renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
    renameSync(this.path, `${this.path}.1`);
  }
}
