// LocalFolder (local-folder.ts) on node:fs, for the Windows helper and Node tests. Node only: nothing
// in the engine imports this file, so browser bundles never pull node:fs. Writes go to a TEMP_PREFIX
// file beside the target, then one rename; deletions move into LOCAL_TRASH; mtimes are whole ms.
import { closeSync, fstatSync, lstatSync, openSync, readSync } from 'node:fs';
import { mkdir, open, readdir, rename, rm, utimes, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { FileSource } from '../client/file-upload.js';
import { isEngineName, LOCAL_TRASH, LocalFolderError, TEMP_PREFIX, type LocalEntry, type LocalFolder, type LocalFolderOptions, type LocalScan, type WriteExpectation } from './local-folder.js';
import { baseName, joinPath, parentPath } from './sync-paths.js';


function codeOf(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
}

/** A locked or forbidden entry is 'unreadable' (retried next pass), a missing one 'not-found'. */
function folderError(error: unknown, path: string): unknown {
  const code = codeOf(error);
  if (code === 'ENOENT' || code === 'ENOTDIR') return new LocalFolderError('not-found', path, `"${path}" is not there any more.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EBUSY') return new LocalFolderError('unreadable', path, `"${path}" can't be read (${code}): it may be open in another program or not allowed.`);
  return error;
}

let tempCounter = 0;

/** Bytes read at a time from a file being sent. */
const READ_CHUNK = 1024 * 1024;

/*
 * [Note: Small files read synchronously]
 * Stats and files up to READ_WHOLE_MAX are read with the synchronous calls: on a local disk they take
 * microseconds, while each promise-based call cost ~50 µs of the helper's one thread (measured in a
 * pass of 10,000 files, where they were the largest item). read() opens the file at once, so a locked or
 * forbidden file fails there, but reads it only when the uploader asks (bytes()), since a pass keeps
 * hundreds of small files in flight ([Note: Small files in flight] in vault-remote.ts). A slow network
 * drive would hold the thread for the duration of one such read; larger files still stream
 * asynchronously.
 */
const READ_WHOLE_MAX = 1024 * 1024;

/** Up to `size` bytes from the start of the open file (fewer if it shrank meanwhile). */
function readWhole(fd: number, size: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  let filled = 0;
  while (filled < size) {
    const n = readSync(fd, out, filled, size - filled, filled);
    if (n === 0) break;
    filled += n;
  }
  return filled === size ? out : out.subarray(0, filled);
}

/**
 * The file's bytes as a web byte stream, read straight into the buffer the reader offers (Readable.toWeb
 * over a read stream copies every 64 KiB chunk once more): a BYOB reader (blob-stream.ts, which reuses
 * one buffer for a whole file) gets no fresh buffer per read, a default reader one of READ_CHUNK. It
 * ends at the size found by stat: a file that grew meanwhile is caught by the executor's stat after the
 * send; one that shrank ends early and the reader says so.
 */
function fileStream(abs: string, size: number): ReadableStream<Uint8Array> {
  let handle: FileHandle | null = null;
  let done = 0;
  const close = async () => {
    const h = handle;
    handle = null;
    await h?.close();
  };
  return new ReadableStream({
    type: 'bytes',
    autoAllocateChunkSize: READ_CHUNK,
    async pull(controller) {
      const request = controller.byobRequest;
      try {
        if (!request?.view) throw new Error('a byte stream pull without a buffer');
        const view = new Uint8Array(request.view.buffer, request.view.byteOffset, request.view.byteLength);
        handle ??= await open(abs, 'r');
        const want = Math.min(view.length, size - done);
        const { bytesRead } = want > 0 ? await handle.read(view, 0, want, null) : { bytesRead: 0 };
        if (bytesRead === 0) {
          await close();
          controller.close();
          request.respond(0);
          return;
        }
        done += bytesRead;
        request.respond(bytesRead);
      } catch (error) {
        await close().catch(() => undefined);
        controller.error(error);
      }
    },
    cancel: close,
  });
}

export class NodeFolder implements LocalFolder {
  readonly caseInsensitive: boolean;
  readonly windowsNames: boolean;

  /** Defaults: case-insensitive on Windows and macOS (their usual file systems), Windows names on Windows. */
  constructor(readonly root: string, options: LocalFolderOptions = {}) {
    this.caseInsensitive = options.caseInsensitive ?? (process.platform === 'win32' || process.platform === 'darwin');
    this.windowsNames = options.windowsNames ?? process.platform === 'win32';
  }

  private abs(path: string): string {
    return path === '' ? this.root : join(this.root, ...path.split('/'));
  }

  async scan(): Promise<LocalScan> {
    const scan: LocalScan = { entries: [], unreadable: [] };
    const walk = async (dir: string): Promise<void> => {
      let names;
      try {
        names = await readdir(this.abs(dir), { withFileTypes: true });
      } catch (error) {
        if (dir === '') throw error;
        scan.unreadable.push({ path: dir, message: `"${dir}" can't be listed (${codeOf(error) || String(error)}).` });
        return;
      }
      const folders: string[] = [];
      for (const dirent of names.sort((a, b) => a.name.localeCompare(b.name))) {
        if (isEngineName(dirent.name)) continue;
        const path = joinPath(dir, dirent.name.normalize('NFC'));
        // Links are not followed: a link out of the folder would sync what the user never put in it.
        if (!dirent.isFile() && !dirent.isDirectory()) continue;
        try {
          const info = lstatSync(join(this.abs(dir), dirent.name));
          scan.entries.push({ path, kind: dirent.isDirectory() ? 'folder' : 'file', size: dirent.isDirectory() ? 0 : info.size, mtime: Math.floor(info.mtimeMs) });
          if (dirent.isDirectory()) folders.push(path);
        } catch (error) {
          if (codeOf(error) !== 'ENOENT') scan.unreadable.push({ path, message: `"${path}" can't be read (${codeOf(error) || String(error)}).` });
        }
      }
      for (const folder of folders) await walk(folder);
    };
    await walk('');
    return scan;
  }

  async stat(path: string): Promise<LocalEntry | null> {
    try {
      const info = lstatSync(this.abs(path), { throwIfNoEntry: false });
      if (!info) return null;
      return { path, kind: info.isDirectory() ? 'folder' : 'file', size: info.isDirectory() ? 0 : info.size, mtime: Math.floor(info.mtimeMs) };
    } catch (error) {
      if (codeOf(error) === 'ENOENT' || codeOf(error) === 'ENOTDIR') return null;
      throw folderError(error, path);
    }
  }

  async read(path: string): Promise<FileSource> {
    const abs = this.abs(path);
    let fd;
    try {
      // Opened once up front, so a locked or forbidden file fails here and not halfway through a stream.
      fd = openSync(abs, 'r');
    } catch (error) {
      throw folderError(error, path);
    }
    let info;
    try {
      info = fstatSync(fd);
    } catch (error) {
      throw folderError(error, path);
    } finally {
      closeSync(fd);
    }
    const size = info.size;
    const source = { size, name: baseName(path), type: '', lastModified: Math.floor(info.mtimeMs) };
    if (size > READ_WHOLE_MAX || !info.isFile()) return { ...source, stream: () => fileStream(abs, size) };
    // Read when the uploader asks, not now: a transfer waiting for its turn holds no file contents.
    const bytes = async () => {
      try {
        const fd = openSync(abs, 'r');
        try { return readWhole(fd, size); } finally { closeSync(fd); }
      } catch (error) {
        throw folderError(error, path);
      }
    };
    return {
      ...source, bytes,
      stream: () => new ReadableStream({ async start(c) { try { c.enqueue(await bytes()); c.close(); } catch (error) { c.error(error); } } }),
    };
  }

  async write(path: string, fill: (sink: WritableStream<Uint8Array>) => Promise<void>, options: { expect: WriteExpectation; mtime?: number }): Promise<LocalEntry> {
    await this.makeFolder(parentPath(path));
    const temp = this.abs(joinPath(parentPath(path), `${TEMP_PREFIX}${process.pid}-${++tempCounter}-${baseName(path)}`));
    const handle = await open(temp, 'wx');
    let closed = false;
    const close = async () => { if (!closed) { closed = true; await handle.close(); } };
    try {
      await fill(new WritableStream<Uint8Array>({
        async write(chunk) { await handle.write(chunk); },
        async close() { await handle.sync(); await close(); },
        async abort() { await close(); },
      }));
      await close();
      const current = await this.stat(path);
      const holds = 'absent' in options.expect
        ? current === null
        : current?.kind === 'file' && current.size === options.expect.size && current.mtime === options.expect.mtime;
      if (!holds) throw new LocalFolderError('changed', path, `"${path}" changed on this device meanwhile; it will be looked at again on the next pass.`);
      if (options.mtime !== undefined) await utimes(temp, new Date(options.mtime), new Date(options.mtime));
      await rename(temp, this.abs(path));
    } catch (error) {
      await close().catch(() => undefined);
      await rm(temp, { force: true });
      throw folderError(error, path);
    }
    const landed = await this.stat(path);
    if (!landed) throw new LocalFolderError('not-found', path, `"${path}" vanished right after it was written.`);
    return landed;
  }

  async rename(from: string, to: string): Promise<void> {
    // lstat answers for "A.txt" when "a.txt" exists on a case-insensitive disk: that counts as taken.
    if (await this.stat(to)) throw new LocalFolderError('exists', to, `"${to}" already exists.`);
    await this.makeFolder(parentPath(to));
    try {
      await rename(this.abs(from), this.abs(to));
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

  async makeFolder(path: string): Promise<void> {
    if (path === '') return;
    try {
      await mkdir(this.abs(path), { recursive: true });
    } catch (error) {
      if (codeOf(error) === 'EEXIST' || codeOf(error) === 'ENOTDIR') throw new LocalFolderError('exists', path, `"${path}" is a file, so it can't hold other items.`);
      throw folderError(error, path);
    }
  }
}

