// LocalFolder (local-folder.ts) over the File System Access API: a folder the user picked in Chromium
// (showDirectoryPicker, handle kept in IndexedDB) or an origin-private (OPFS) directory, from the page or
// a worker. Everything is async handles; writes go through a TEMP_PREFIX file moved over the target
// ([Note: Atomic writes through File System Access]); deletions move into LOCAL_TRASH.
import type { FileSource } from '../client/file-upload.js';
import { isEngineName, LOCAL_TRASH, LocalFolderError, TEMP_PREFIX, type LocalEntry, type LocalFolder, type LocalFolderOptions, type LocalScan, type WriteExpectation } from './local-folder.js';
import { baseName, joinPath, parentPath } from './sync-paths.js';

/*
 * [Note: Atomic writes through File System Access]
 * A download is written to `.veilbox-tmp-…` beside the target (createWritable itself stages in a
 * `.crswap` file that only appears on close), then `FileSystemFileHandle.move(dir, name)` puts it over
 * the target in one rename; Chromium's move replaces an existing file. Where a file handle has no
 * move() (older Chromium), the temporary file is copied over the target with createWritable (which
 * Chromium also commits in one step on close) and then removed. Folders have no move() in Chromium,
 * so a folder rename is a copy of the tree followed by removing the source: not atomic, but each
 * file lands whole, and the source stays until the copy is complete.
 * The API can't set a file's modification time: a landed file has the time of the write, and the
 * engine records what stat reports, so this only loses the vault's mtime on disk.
 */

/** Chromium's own staging files for an open writable (`name.crswap`): never the user's content. */
const SWAP_SUFFIX = '.crswap';
/** This adapter's temporary download files, `${TEMP_PREFIX}<time in base 36>-<n>-<name>`. */
const STALE_TEMP = new RegExp(`^${TEMP_PREFIX.replace(/[.]/g, '\\.')}(?!case-)[0-9a-z]{8,}-\\d+-`);
const CASE_PROBE = `${TEMP_PREFIX}case-probe-`;
/** getFile() calls a scan keeps in flight at once. */
const STAT_BATCH = 32;

type DirectoryHandle = FileSystemDirectoryHandle & { entries(): AsyncIterableIterator<[string, FileSystemHandle]> };
type MovableFile = FileSystemFileHandle & { move?: (parent: FileSystemDirectoryHandle, name: string) => Promise<void> };


function errorName(error: unknown): string {
  return typeof error === 'object' && error !== null && 'name' in error ? String((error as { name: unknown }).name) : '';
}

/** A missing entry is 'not-found'; a refused, locked or lapsed one 'unreadable' (retried next pass). */
function folderError(error: unknown, path: string): unknown {
  if (error instanceof LocalFolderError) return error;
  const name = errorName(error);
  if (name === 'NotFoundError' || name === 'TypeMismatchError') return new LocalFolderError('not-found', path, `"${path}" is not there any more.`);
  if (['NotAllowedError', 'NotReadableError', 'SecurityError', 'NoModificationAllowedError', 'InvalidStateError', 'InvalidModificationError'].includes(name)) {
    return new LocalFolderError('unreadable', path, `"${path}" can't be read or changed (${name}): it may be open in another program, or the browser's permission for the folder lapsed.`);
  }
  return error;
}

function onWindows(): boolean {
  return typeof navigator !== 'undefined' && /Windows/.test(navigator.userAgent);
}

export class FsaFolder implements LocalFolder {
  readonly caseInsensitive: boolean;
  readonly windowsNames: boolean;
  private temps = 0;

  constructor(readonly root: FileSystemDirectoryHandle, options: { caseInsensitive: boolean; windowsNames?: boolean }) {
    this.caseInsensitive = options.caseInsensitive;
    this.windowsNames = options.windowsNames ?? onWindows();
  }

  /**
   * The adapter for `root`, asking the folder itself whether it ignores case unless told (a picked folder
   * on Windows/macOS does, OPFS does not); Windows names by default when the browser runs on Windows.
   */
  static async open(root: FileSystemDirectoryHandle, options: LocalFolderOptions = {}): Promise<FsaFolder> {
    const caseInsensitive = options.caseInsensitive ?? await probeCaseInsensitive(root);
    return new FsaFolder(root, { caseInsensitive, windowsNames: options.windowsNames });
  }

  private async dir(path: string, create: boolean): Promise<FileSystemDirectoryHandle> {
    let cur = this.root;
    for (const part of path.split('/').filter((p) => p !== '')) cur = await cur.getDirectoryHandle(part, { create });
    return cur;
  }

  /** The handle at `path` (file or folder), or null when there is none. */
  private async handle(path: string): Promise<FileSystemHandle | null> {
    if (path === '') return this.root;
    let parent: FileSystemDirectoryHandle;
    try {
      parent = await this.dir(parentPath(path), false);
    } catch (error) {
      if (['NotFoundError', 'TypeMismatchError'].includes(errorName(error))) return null;
      throw folderError(error, path);
    }
    const name = baseName(path);
    try {
      return await parent.getFileHandle(name);
    } catch (error) {
      if (errorName(error) !== 'TypeMismatchError' && errorName(error) !== 'NotFoundError') throw folderError(error, path);
    }
    try {
      return await parent.getDirectoryHandle(name);
    } catch (error) {
      if (errorName(error) === 'NotFoundError' || errorName(error) === 'TypeMismatchError') return null;
      throw folderError(error, path);
    }
  }

  async scan(): Promise<LocalScan> {
    const scan: LocalScan = { entries: [], unreadable: [] };
    const walk = async (dir: FileSystemDirectoryHandle, path: string): Promise<void> => {
      const children: [string, FileSystemHandle][] = [];
      try {
        for await (const child of (dir as DirectoryHandle).entries()) children.push(child);
      } catch (error) {
        if (path === '') throw new LocalFolderError('unreadable', '', `The synced folder "${this.root.name}" can't be listed (${errorName(error) || String(error)}): it may have been moved or deleted, or the browser's permission for it lapsed.`);
        scan.unreadable.push({ path, message: `"${path}" can't be listed (${errorName(error) || String(error)}).` });
        return;
      }
      const folders: [string, FileSystemDirectoryHandle][] = [];
      const files: [string, FileSystemFileHandle][] = [];
      for (const [name, child] of children.sort((a, b) => a[0].localeCompare(b[0]))) {
        if (isEngineName(name) || name.endsWith(SWAP_SUFFIX)) continue;
        const childPath = joinPath(path, name.normalize('NFC'));
        if (child.kind === 'directory') folders.push([childPath, child as FileSystemDirectoryHandle]);
        else files.push([childPath, child as FileSystemFileHandle]);
      }
      for (const [childPath] of folders) scan.entries.push({ path: childPath, kind: 'folder', size: 0, mtime: 0 });
      // Each getFile() is a round trip to the browser process: several at once (bench/folder-sync.ts).
      for (let at = 0; at < files.length; at += STAT_BATCH) {
        const batch = files.slice(at, at + STAT_BATCH);
        const stats = await Promise.allSettled(batch.map(([, handle]) => handle.getFile()));
        for (const [i, result] of stats.entries()) {
          const childPath = batch[i][0];
          if (result.status === 'fulfilled') scan.entries.push({ path: childPath, kind: 'file', size: result.value.size, mtime: result.value.lastModified });
          else if (errorName(result.reason) !== 'NotFoundError') scan.unreadable.push({ path: childPath, message: `"${childPath}" can't be read (${errorName(result.reason) || String(result.reason)}).` });
        }
      }
      for (const [childPath, child] of folders) await walk(child, childPath);
    };
    await walk(this.root, '');
    return scan;
  }

  async stat(path: string): Promise<LocalEntry | null> {
    const handle = await this.handle(path);
    if (!handle) return null;
    if (handle.kind === 'directory') return { path, kind: 'folder', size: 0, mtime: 0 };
    try {
      const file = await (handle as FileSystemFileHandle).getFile();
      return { path, kind: 'file', size: file.size, mtime: file.lastModified };
    } catch (error) {
      if (errorName(error) === 'NotFoundError') return null;
      throw folderError(error, path);
    }
  }

  async read(path: string): Promise<FileSource> {
    const handle = await this.handle(path);
    if (!handle || handle.kind !== 'file') throw new LocalFolderError('not-found', path, `"${path}" is not there any more.`);
    try {
      // A File is a snapshot: if the file changes after this, reading it fails (NotReadableError), and
      // the executor reads it again rather than sending a mix.
      return await (handle as FileSystemFileHandle).getFile();
    } catch (error) {
      throw folderError(error, path);
    }
  }

  async write(path: string, fill: (sink: WritableStream<Uint8Array>) => Promise<void>, options: { expect: WriteExpectation; mtime?: number }): Promise<LocalEntry> {
    await this.makeFolder(parentPath(path));
    const parent = await this.dir(parentPath(path), false);
    const tempName = `${TEMP_PREFIX}${Date.now().toString(36)}-${++this.temps}-${baseName(path)}`;
    let temp: FileSystemFileHandle;
    let sink: FileSystemWritableFileStream;
    try {
      temp = await parent.getFileHandle(tempName, { create: true });
      sink = await temp.createWritable();
    } catch (error) {
      await parent.removeEntry(tempName).catch(() => undefined);
      throw folderError(error, path);
    }
    try {
      try {
        await fill(sink as WritableStream<Uint8Array>);
      } catch (error) {
        await sink.abort().catch(() => undefined);
        throw error;
      }
      const current = await this.stat(path);
      const holds = 'absent' in options.expect
        ? current === null
        : current?.kind === 'file' && current.size === options.expect.size && current.mtime === options.expect.mtime;
      if (!holds) throw new LocalFolderError('changed', path, `"${path}" changed on this device meanwhile; it will be looked at again on the next pass.`);
      await this.replaceWith(temp, parent, baseName(path));
    } catch (error) {
      await parent.removeEntry(tempName).catch(() => undefined);
      throw folderError(error, path);
    }
    const landed = await this.stat(path);
    if (!landed) throw new LocalFolderError('not-found', path, `"${path}" vanished right after it was written.`);
    return landed;
  }

  /** Puts the finished temporary file over `name` in `parent`: see [Note: Atomic writes through File System Access]. */
  private async replaceWith(temp: FileSystemFileHandle, parent: FileSystemDirectoryHandle, name: string): Promise<void> {
    const movable = temp as MovableFile;
    if (typeof movable.move === 'function') {
      await movable.move(parent, name);
      return;
    }
    await copyFile(temp, await parent.getFileHandle(name, { create: true }));
    await parent.removeEntry(temp.name);
  }

  async rename(from: string, to: string): Promise<void> {
    // On a case-insensitive disk "A.txt" answers for "a.txt": that counts as taken, as in node-folder.ts.
    if (await this.stat(to)) throw new LocalFolderError('exists', to, `"${to}" already exists.`);
    const source = await this.handle(from);
    if (!source) throw new LocalFolderError('not-found', from, `"${from}" is not there any more.`);
    await this.makeFolder(parentPath(to));
    try {
      const target = await this.dir(parentPath(to), false);
      const fromParent = await this.dir(parentPath(from), false);
      if (source.kind === 'file') {
        const movable = source as MovableFile;
        if (typeof movable.move === 'function') {
          await movable.move(target, baseName(to));
          return;
        }
        await copyFile(movable, await target.getFileHandle(baseName(to), { create: true }));
      } else {
        await copyTree(source as FileSystemDirectoryHandle, await target.getDirectoryHandle(baseName(to), { create: true }));
      }
      await fromParent.removeEntry(baseName(from), { recursive: true });
    } catch (error) {
      throw folderError(error, from);
    }
  }

  async trash(path: string): Promise<void> {
    if (!(await this.stat(path))) return;
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    let target = joinPath(LOCAL_TRASH, stamp, path);
    for (let n = 2; await this.stat(target); n++) target = joinPath(LOCAL_TRASH, `${stamp}-${n}`, path);
    await this.rename(path, target);
  }

  /**
   * Deletes the partial downloads a closed tab left (this adapter's `.veilbox-tmp-<time>-<n>-name` files)
   * and stray case probes; the scan skips them, so they would only pile up. Call it only while no pass runs
   * on the folder ([Note: One tab syncs a folder] in browser-sync-runner.ts). A `.veilbox-tmp-case-` file
   * is left alone: it is a file caught halfway through a case-only rename, not a copy.
   */
  async removeStaleTemps(): Promise<number> {
    let removed = 0;
    const walk = async (dir: FileSystemDirectoryHandle, top: boolean): Promise<void> => {
      const children: [string, FileSystemHandle][] = [];
      for await (const child of (dir as DirectoryHandle).entries()) children.push(child);
      for (const [name, child] of children) {
        if (child.kind === 'directory') {
          if (!(top && name === LOCAL_TRASH)) await walk(child as FileSystemDirectoryHandle, false);
        } else if (STALE_TEMP.test(name) || name.startsWith(CASE_PROBE)) {
          await dir.removeEntry(name).then(() => { removed++; }, () => undefined);
        }
      }
    };
    await walk(this.root, true).catch(() => undefined);
    return removed;
  }

  async makeFolder(path: string): Promise<void> {
    if (path === '') return;
    try {
      await this.dir(path, true);
    } catch (error) {
      if (errorName(error) === 'TypeMismatchError') throw new LocalFolderError('exists', path, `"${path}" is a file, so it can't hold other items.`);
      throw folderError(error, path);
    }
  }
}

async function copyFile(from: FileSystemFileHandle, to: FileSystemFileHandle): Promise<void> {
  const sink = await to.createWritable();
  await (await from.getFile()).stream().pipeTo(sink as WritableStream<Uint8Array>);
}

async function copyTree(from: FileSystemDirectoryHandle, to: FileSystemDirectoryHandle): Promise<void> {
  for await (const [name, child] of (from as DirectoryHandle).entries()) {
    if (name.endsWith(SWAP_SUFFIX)) continue;
    if (child.kind === 'file') await copyFile(child as FileSystemFileHandle, await to.getFileHandle(name, { create: true }));
    else await copyTree(child as FileSystemDirectoryHandle, await to.getDirectoryHandle(name, { create: true }));
  }
}

/** Makes a probe file named in mixed case and looks it up in another case; false when the folder can't be written. */
async function probeCaseInsensitive(root: FileSystemDirectoryHandle): Promise<boolean> {
  const name = `${CASE_PROBE}${Math.random().toString(36).slice(2)}-aB`;
  try {
    await root.getFileHandle(name, { create: true });
  } catch {
    return onWindows() || (typeof navigator !== 'undefined' && /Mac OS X/.test(navigator.userAgent));
  }
  try {
    await root.getFileHandle(name.slice(0, -2) + 'Ab');
    return true;
  } catch {
    return false;
  } finally {
    await root.removeEntry(name).catch(() => undefined);
  }
}
