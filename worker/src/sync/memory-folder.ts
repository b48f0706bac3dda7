// An in-memory LocalFolder (local-folder.ts) for tests, after Syncthing's fake filesystem: optionally
// case-insensitive like Windows and macOS (one entry per case-folded path, the case it was written
// with kept), optionally with Windows' name rules, with a clock that advances on every write, and
// faults on request (an unreadable file or folder, a hook when a file is read).
import type { FileSource } from '../client/file-upload.js';
import { isEngineName, LOCAL_TRASH, LocalFolderError, TEMP_PREFIX, type LocalEntry, type LocalFolder, type LocalScan, type WriteExpectation } from './local-folder.js';
import { baseName, depth, joinPath, parentPath } from './sync-paths.js';

interface MemoryItem { path: string; kind: 'file' | 'folder'; bytes: Uint8Array; mtime: number }

export interface MemoryFolderOptions {
  caseInsensitive?: boolean;
  windowsNames?: boolean;
  /** First mtime; every write moves the clock on by one second. */
  startTime?: number;
}

const text = new TextEncoder();

export class MemoryFolder implements LocalFolder {
  readonly caseInsensitive: boolean;
  readonly windowsNames: boolean;
  private readonly items = new Map<string, MemoryItem>();
  private clock: number;
  /** Paths whose reads fail (a file) or whose listing fails (a folder), as a locked file or a denied folder would. */
  readonly unreadable = new Set<string>();
  /** Called each time a file's stream is opened, before its first byte; tests change the file here. */
  onRead: ((path: string) => void) | null = null;
  private temps = 0;

  constructor(options: MemoryFolderOptions = {}) {
    this.caseInsensitive = options.caseInsensitive ?? false;
    this.windowsNames = options.windowsNames ?? false;
    this.clock = options.startTime ?? Date.UTC(2026, 0, 1);
  }

  private key(path: string): string {
    const nfc = path.normalize('NFC');
    return this.caseInsensitive ? nfc.toLocaleLowerCase('en-US') : nfc;
  }

  private tick(): number {
    this.clock += 1000;
    return this.clock;
  }

  private ensureParents(path: string): void {
    const parent = parentPath(path);
    if (parent === '') return;
    const existing = this.items.get(this.key(parent));
    if (existing?.kind === 'file') throw new LocalFolderError('exists', parent, `"${parent}" is a file.`);
    if (!existing) {
      this.ensureParents(parent);
      this.items.set(this.key(parent), { path: parent, kind: 'folder', bytes: new Uint8Array(0), mtime: this.tick() });
    }
  }

  // ---- test helpers ----
  /** Writes a file directly (as a user would), parents made, mtime from the clock unless given. */
  put(path: string, content: string | Uint8Array, mtime?: number): void {
    this.ensureParents(path);
    const existing = this.items.get(this.key(path));
    this.items.set(this.key(path), {
      path: existing?.path ?? path, kind: 'file', bytes: typeof content === 'string' ? text.encode(content) : content.slice(), mtime: mtime ?? this.tick(),
    });
  }

  /** Changes only the mtime, as `touch` does. */
  touch(path: string, mtime?: number): void {
    const item = this.items.get(this.key(path));
    if (!item) throw new Error(`no ${path}`);
    item.mtime = mtime ?? this.tick();
  }

  /** Erases a file or folder for good (a user's delete outside the engine). */
  remove(path: string): void {
    const key = this.key(path);
    for (const k of [...this.items.keys()]) if (k === key || k.startsWith(`${key}/`)) this.items.delete(k);
  }

  get(path: string): string | null {
    const item = this.items.get(this.key(path));
    return item?.kind === 'file' ? new TextDecoder().decode(item.bytes) : null;
  }

  bytes(path: string): Uint8Array | null {
    const item = this.items.get(this.key(path));
    return item?.kind === 'file' ? item.bytes.slice() : null;
  }

  /** Every file outside the engine's own names as path → text, paths in the case the disk keeps. */
  files(options: { all?: boolean } = {}): Record<string, string> {
    const out: Record<string, string> = {};
    for (const item of [...this.items.values()].sort((a, b) => a.path.localeCompare(b.path))) {
      if (item.kind !== 'file') continue;
      if (!options.all && item.path.split('/').some(isEngineName)) continue;
      out[item.path] = new TextDecoder().decode(item.bytes);
    }
    return out;
  }

  folders(): string[] {
    return [...this.items.values()].filter((i) => i.kind === 'folder' && !i.path.split('/').some(isEngineName)).map((i) => i.path).sort();
  }

  makeFolderNow(path: string): void {
    this.ensureParents(joinPath(path, 'x'));
  }

  // ---- LocalFolder ----
  async scan(): Promise<LocalScan> {
    const scan: LocalScan = { entries: [], unreadable: [] };
    const blocked: string[] = [];
    const items = [...this.items.values()].sort((a, b) => depth(a.path) - depth(b.path) || a.path.localeCompare(b.path));
    for (const item of items) {
      if (item.path.split('/').some(isEngineName)) continue;
      const key = this.key(item.path);
      if (blocked.some((b) => key.startsWith(`${b}/`))) continue;
      if (item.kind === 'folder' && this.isUnreadable(item.path)) {
        blocked.push(key);
        scan.unreadable.push({ path: item.path, message: `"${item.path}" can't be listed (permission denied).` });
      }
      scan.entries.push({ path: item.path, kind: item.kind, size: item.bytes.length, mtime: item.mtime });
    }
    return scan;
  }

  private isUnreadable(path: string): boolean {
    const key = this.key(path);
    return [...this.unreadable].some((p) => this.key(p) === key);
  }

  async stat(path: string): Promise<LocalEntry | null> {
    const item = this.items.get(this.key(path));
    return item ? { path: item.path, kind: item.kind, size: item.bytes.length, mtime: item.mtime } : null;
  }

  async read(path: string): Promise<FileSource> {
    const item = this.items.get(this.key(path));
    if (!item || item.kind !== 'file') throw new LocalFolderError('not-found', path, `"${path}" is not there any more.`);
    if (this.isUnreadable(path)) throw new LocalFolderError('unreadable', path, `"${path}" is locked by another program.`);
    const snapshot = item.bytes;
    const onRead = () => this.onRead?.(path);
    return {
      size: snapshot.length, name: baseName(path), type: '', lastModified: item.mtime,
      stream: () => new ReadableStream<Uint8Array>({
        start(controller) {
          onRead();
          // Two halves, so a reader sees more than one chunk.
          const half = Math.floor(snapshot.length / 2);
          if (half > 0) controller.enqueue(snapshot.slice(0, half));
          if (snapshot.length > half) controller.enqueue(snapshot.slice(half));
          controller.close();
        },
      }),
    };
  }

  async write(path: string, fill: (sink: WritableStream<Uint8Array>) => Promise<void>, options: { expect: WriteExpectation; mtime?: number }): Promise<LocalEntry> {
    this.ensureParents(path);
    const temp = joinPath(parentPath(path), `${TEMP_PREFIX}${++this.temps}-${baseName(path)}`);
    const tempItem: MemoryItem = { path: temp, kind: 'file', bytes: new Uint8Array(0), mtime: this.tick() };
    this.items.set(this.key(temp), tempItem);
    const parts: Uint8Array[] = [];
    try {
      await fill(new WritableStream({ write(chunk) { parts.push(chunk.slice()); } }));
    } catch (error) {
      this.items.delete(this.key(temp));
      throw error;
    }
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => { bytes.set(p, at); return at + p.length; }, 0);
    tempItem.bytes = bytes;
    const current = this.items.get(this.key(path));
    const holds = 'absent' in options.expect
      ? !current
      : current?.kind === 'file' && current.bytes.length === options.expect.size && current.mtime === options.expect.mtime;
    if (!holds) {
      this.items.delete(this.key(temp));
      throw new LocalFolderError('changed', path, `"${path}" changed on this device meanwhile; it will be looked at again on the next pass.`);
    }
    this.items.delete(this.key(temp));
    const mtime = options.mtime ?? this.tick();
    this.items.set(this.key(path), { path: current?.path ?? path, kind: 'file', bytes, mtime });
    return { path: current?.path ?? path, kind: 'file', size: bytes.length, mtime };
  }

  async rename(from: string, to: string): Promise<void> {
    const fromKey = this.key(from);
    const item = this.items.get(fromKey);
    if (!item) throw new LocalFolderError('not-found', from, `"${from}" is not there any more.`);
    // Like a careless disk, a case-insensitive fake refuses a case-only rename: the engine must go through a temporary name.
    if (this.items.has(this.key(to))) throw new LocalFolderError('exists', to, `"${to}" already exists.`);
    this.ensureParents(to);
    const moved = [...this.items.entries()].filter(([k]) => k === fromKey || k.startsWith(`${fromKey}/`));
    for (const [k] of moved) this.items.delete(k);
    for (const [, it] of moved) {
      const path = joinPath(to, it.path.slice(from.length).replace(/^\//, ''));
      this.items.set(this.key(path), { ...it, path });
    }
  }

  async trash(path: string): Promise<void> {
    if (!this.items.has(this.key(path))) return;
    const stamp = new Date(this.clock).toISOString().replace(/[:.]/g, '-');
    let target = joinPath(LOCAL_TRASH, stamp, path);
    for (let n = 2; this.items.has(this.key(target)); n++) target = joinPath(LOCAL_TRASH, `${stamp}-${n}`, path);
    await this.rename(path, target);
  }

  async makeFolder(path: string): Promise<void> {
    if (path === '') return;
    const existing = this.items.get(this.key(path));
    if (existing?.kind === 'file') throw new LocalFolderError('exists', path, `"${path}" is a file.`);
    if (!existing) {
      this.ensureParents(path);
      this.items.set(this.key(path), { path, kind: 'folder', bytes: new Uint8Array(0), mtime: this.tick() });
    }
  }
}
