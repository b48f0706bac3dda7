// The embedded blob store: a folder. An upload is one sparse file `uploads/<id>` that each part is
// written into at its offset (so commit never copies bytes); commit fsyncs it and renames it to
// `blobs/<first two chars>/<id>` on the same file system, then fsyncs the folder. A crash at any point
// leaves either an upload file (swept later) or a whole blob, never a partial blob.
// [Note: Part durability] A part's answer doesn't wait for fsync: waiting made every connection
// stall for a flush of the whole file per 8 MiB part. Every 32 MiB written to an upload start a
// background fsync (one at a time per upload), so the commit's own fsync finds little left to flush;
// fewer, larger flushes measured cheaper than one per part. Parts survive a
// crash of the relay process (they are in the page cache); for an OS crash or power cut,
// services/restart-check.ts forgets the received parts of unfinished uploads.
// Whole blobs of a batch (putBlobs, POST /blobs/batch) go many to a file instead: see
// [Note: Packed blobs] in blob-packs.ts. Every read, size and delete asks the pack index first.
import { close as closeFd, createReadStream, createWriteStream, fstat, open as openFd, read as readFd } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isId } from '../lib/ids.js';
import { BlobPacks, type PackedBlob } from './blob-packs.js';
import { fsyncFile, fsyncFolder, ignoreMissing } from './fs-durable.js';
import type { BlobStore, ByteRange, PartPlacement, WholeBlob } from './blob-store.js';
import { pumpFile } from './file-pump.js';
import { StorageError, asStorageError } from './storage-error.js';

const READ_CHUNK = 1024 * 1024;
const WRITE_CHUNK = 256 * 1024;
/** A background fsync starts once this much was written to an upload since the last one. */
const SYNC_EVERY = 32 * 1024 * 1024;

function checkId(id: string): string {
  // Routes validate ids already; this is the last line against a path escaping the folder.
  if (!isId(id)) throw new StorageError('missing', 'malformed blob id');
  return id;
}

export class FsBlobStore implements BlobStore {
  readonly partsDurable = false;
  private readonly blobDir: string;
  private readonly uploadDir: string;
  /** The background fsync running per upload, and whether another one is due after it. */
  private readonly syncing = new Map<string, Promise<void>>();
  private readonly syncAgain = new Set<string>();
  /** Bytes written per upload since its last background fsync started. */
  private readonly unsynced = new Map<string, number>();
  private readonly packs: BlobPacks;
  private readonly now: () => number;

  constructor(root: string, options: { now?: () => number; packId?: () => string } = {}) {
    this.blobDir = join(root, 'blobs');
    this.uploadDir = join(root, 'uploads');
    this.packs = new BlobPacks(root, options.packId);
    this.now = options.now ?? Date.now;
  }

  private blobPath(id: string): string {
    return join(this.blobDir, checkId(id).slice(0, 2), id);
  }

  private uploadPath(id: string): string {
    return join(this.uploadDir, checkId(id));
  }

  async beginUpload(uploadId: string): Promise<string> {
    await mkdir(this.uploadDir, { recursive: true });
    const fd = await open(this.uploadPath(uploadId), 'a');
    await fd.close();
    return '';
  }

  async writePart(uploadId: string, _handle: string, part: PartPlacement, body: Readable): Promise<{ tag: string }> {
    // Counted by a listener rather than a Transform (one stream hop less per chunk); a body longer
    // than the part is cut off before it can spill into the next part's bytes.
    let count = 0;
    const tooLong = new StorageError('size_mismatch', `the part is longer than its ${part.size} bytes`);
    const onData = (chunk: Buffer) => {
      count += chunk.length;
      if (count > part.size) body.destroy(tooLong);
    };
    body.on('data', onData);
    try {
      const out = createWriteStream(this.uploadPath(uploadId), { flags: 'r+', start: part.offset, highWaterMark: WRITE_CHUNK });
      await pipeline(body, out);
    } catch (error) {
      if (count > part.size) throw tooLong;
      if (error instanceof StorageError) throw error;
      const code = (error as { code?: unknown }).code;
      if (code === 'ENOENT') throw new StorageError('missing', 'the upload is gone');
      if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ECONNRESET' || code === 'ABORT_ERR') {
        throw new StorageError('aborted', 'the request body ended early', { cause: error });
      }
      throw asStorageError(error);
    } finally {
      body.off('data', onData);
    }
    if (count !== part.size) {
      throw new StorageError('size_mismatch', `the part has ${count} bytes, expected ${part.size}`);
    }
    const pending = (this.unsynced.get(uploadId) ?? 0) + part.size;
    if (pending >= SYNC_EVERY) {
      this.unsynced.delete(uploadId);
      this.syncInBackground(uploadId);
    } else {
      this.unsynced.set(uploadId, pending);
    }
    return { tag: '' };
  }

  private syncInBackground(uploadId: string): void {
    if (this.syncing.has(uploadId)) {
      this.syncAgain.add(uploadId);
      return;
    }
    const run = async () => {
      do {
        this.syncAgain.delete(uploadId);
        await fsyncFile(this.uploadPath(uploadId)).catch(() => undefined);
      } while (this.syncAgain.has(uploadId));
      this.syncing.delete(uploadId);
    };
    this.syncing.set(uploadId, run());
  }

  async syncUpload(uploadId: string): Promise<void> {
    await this.syncing.get(uploadId);
    await fsyncFile(this.uploadPath(uploadId)).catch(ignoreMissing);
  }

  async completeUpload(uploadId: string, _handle: string, blobId: string): Promise<void> {
    const from = this.uploadPath(uploadId);
    const to = this.blobPath(blobId);
    this.unsynced.delete(uploadId);
    await this.syncing.get(uploadId);
    try {
      await fsyncFile(from);
    } catch (error) {
      // A retried commit after a crash between rename and the metadata step: the blob is already whole.
      if ((error as { code?: unknown }).code === 'ENOENT') {
        if ((await this.size(blobId)) !== null) return;
        throw new StorageError('missing', 'the upload is gone');
      }
      throw asStorageError(error);
    }
    const dir = join(this.blobDir, blobId.slice(0, 2));
    await mkdir(dir, { recursive: true });
    await rename(from, to);
    await fsyncFolder(dir);
  }

  async putBlobs(blobs: readonly WholeBlob[]): Promise<void> {
    if (blobs.length === 0) return;
    try {
      await this.packs.write(blobs, this.now());
    } catch (error) {
      throw asStorageError(error);
    }
  }

  async abortUpload(uploadId: string): Promise<void> {
    this.unsynced.delete(uploadId);
    await unlink(this.uploadPath(uploadId)).catch(ignoreMissing);
  }

  /**
   * The open file holding the blob, where in it the blob starts, and its size when packed. A pack
   * rewritten just after the lookup ([Note: Pack compaction]) is looked up once more.
   */
  private async openStored(blobId: string): Promise<{ fd: number; path: string; packed: PackedBlob | null }> {
    for (let attempt = 0; ; attempt++) {
      const packed = this.packs.locate(checkId(blobId));
      const path = packed?.path ?? this.blobPath(blobId);
      try {
        return { fd: await this.openBlob(path), path, packed };
      } catch (error) {
        if (!packed || attempt > 0 || !(error instanceof StorageError && error.kind === 'missing')) throw error;
      }
    }
  }

  async read(blobId: string, range?: ByteRange): Promise<Readable> {
    const { fd, path, packed } = await this.openStored(blobId);
    if (!packed) return createReadStream(path, { fd, start: range?.start, end: range?.end, highWaterMark: READ_CHUNK });
    const start = packed.offset + (range?.start ?? 0);
    const end = packed.offset + (range ? range.end : packed.size - 1);
    if (end < start) {
      closeFd(fd, () => undefined);
      return Readable.from([]);
    }
    return createReadStream(path, { fd, start, end, highWaterMark: READ_CHUNK });
  }

  async sendTo(blobId: string, range: ByteRange | undefined, out: Writable, start: () => void): Promise<void> {
    const { fd, packed } = await this.openStored(blobId);
    try {
      const base = packed?.offset ?? 0;
      const size = packed?.size ?? await new Promise<number>((resolve, reject) => fstat(fd, (error, info) => (error ? reject(error) : resolve(info.size))));
      start();
      await pumpFile((buffer, length, position) => new Promise<number>((resolve, reject) => {
        readFd(fd, buffer, 0, length, position, (error, bytes) => (error ? reject(error) : resolve(bytes)));
      }), base + (range?.start ?? 0), base + (range ? range.end + 1 : size), out);
    } finally {
      closeFd(fd, () => undefined);
    }
  }

  /** A numeric fd: FileHandle-backed streams read through promises and cost twice the CPU. */
  private openBlob(path: string): Promise<number> {
    return new Promise<number>((resolve, reject) => openFd(path, 'r', (error, fd) => (error ? reject(error) : resolve(fd))))
      .catch((error: unknown) => {
        if ((error as { code?: unknown }).code === 'ENOENT') throw new StorageError('missing', 'the blob is gone');
        throw error;
      });
  }

  async size(blobId: string): Promise<number | null> {
    const packed = this.packs.locate(checkId(blobId));
    if (packed) return packed.size;
    try {
      return (await stat(this.blobPath(blobId))).size;
    } catch {
      return null;
    }
  }

  async delete(blobId: string): Promise<void> {
    if (await this.packs.remove(checkId(blobId))) return;
    await unlink(this.blobPath(blobId)).catch(ignoreMissing);
  }

  async *listBlobIds(): AsyncIterable<{ id: string; modifiedAt: number }> {
    yield* this.packs.list();
    for (const shard of await readdir(this.blobDir).catch(() => [] as string[])) {
      for (const name of await readdir(join(this.blobDir, shard)).catch(() => [] as string[])) {
        if (!isId(name)) continue;
        const info = await stat(join(this.blobDir, shard, name)).catch(() => null);
        if (info) yield { id: name, modifiedAt: info.mtimeMs };
      }
    }
  }

  /** Pack files a crash left unindexed ([Note: Packed blobs]). */
  removeLeftovers(now: number, minAgeMs: number): Promise<number> {
    return this.packs.removeLeftovers(now, minAgeMs);
  }

  /** Packs mostly made of deleted blobs rewritten ([Note: Pack compaction]). */
  compact(): Promise<number> {
    return this.packs.compact();
  }

  async close(): Promise<void> {
    this.packs.close();
  }

  async *listUploadIds(): AsyncIterable<{ id: string; modifiedAt: number }> {
    for (const name of await readdir(this.uploadDir).catch(() => [] as string[])) {
      if (!isId(name)) continue;
      const info = await stat(join(this.uploadDir, name)).catch(() => null);
      if (info) yield { id: name, modifiedAt: info.mtimeMs };
    }
  }
}
