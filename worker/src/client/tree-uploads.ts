// Uploading items into a folder of the vault: missing folders on each item's relative path are made,
// the file goes up as a new blob (file-upload.ts), then its node is written: a new node, a "name (2)"
// node for keep-both, or a new content of the existing file for replace (the old content becomes a
// version; the oldest beyond MAX_VERSIONS is deleted). Small files go several at a time, larger ones
// alone ([Note: Small files side by side]). Items fail one by one; cancel stops the rest.
// Each queued file is kept as a pending upload until it is placed, so a reload can resume it.
import { newNodeId } from './node-ids.js';
import { ClientError, toClientError } from './client-error.js';
import { SMALL_FILE_MAX, uploadFile, type FileSource } from './file-upload.js';
import { checkName, keepBothName, nameKey } from './names.js';
import { MAX_VERSIONS, type FileContent, type NodeBody } from './node-record.js';
import type { NodeWriter } from './node-writer.js';
import type { RelayApi } from './relay-api.js';
import type { TreeOps } from './tree-ops.js';
import type { VaultTree } from './vault-tree.js';
import { SmallBlobs } from './small-blobs.js';
import { resumeOf, withBlob, type PendingUploadBody, type PendingUploads } from './pending-uploads.js';

export type ConflictPolicy = 'keep-both' | 'replace';

export interface UploadItemSource { file: FileSource; relativePath: string }

export interface UploadItemProgress {
  index: number;
  bytesDone: number;
  bytesTotal: number;
  phase: 'queued' | 'encrypting' | 'uploading' | 'done' | 'failed';
  nodeId?: string;
  error?: ClientError;
}

export interface UploadItemsOptions {
  conflict: ConflictPolicy;
  onProgress?: (progress: UploadItemProgress) => void;
  signal?: AbortSignal;
  /**
   * Small files go whole, many to a request (small-blobs.ts), unless this is false. They can't be resumed
   * part by part, which small files don't need: an interrupted one is sent again whole.
   */
  shareRequests?: boolean;
}

export interface UploadItemsResult {
  done: { index: number; nodeId: string }[];
  failed: { index: number; error: ClientError }[];
  cancelled: boolean;
  /** True when the files were kept on this device to upload once the relay answers (offline). */
  queued?: boolean;
}

/** One file of a batch: where it goes, and its interrupted upload when it is a resume. */
interface QueuedItem {
  file: FileSource;
  parentId: string;
  relativePath: string;
  conflict: ConflictPolicy;
  pending: PendingUploadBody | null;
}

/** Failures a later resume can get past; anything else (quota, names, tampering) is final. */
function transient(error: ClientError): boolean {
  return error.kind === 'network' || error.kind === 'server';
}

/**
 * Small files ([Note: Small files side by side]) uploaded at once, and their bytes at most (each is read and
 * sealed in memory): two of small-blobs.ts's batches. 300 files of 4–64 KiB through the PWA took 18.6 s one
 * at a time, 6.0 s eight at a time and 3.9 s thirty-two at a time.
 */
const SMALL_FILES_AT_ONCE = 32;
const SMALL_BYTES_AT_ONCE = 16 * 1024 * 1024;

export class TreeUploads {
  private readonly smallBlobs: SmallBlobs;
  /** Folders being made, by parent id and name. */
  private readonly folders = new Map<string, Promise<string>>();
  /** The last place() per folder id and name, for placeInTurn. */
  private readonly placing = new Map<string, Promise<void>>();
  /** Names being written into each folder by files side by side (name keys), not yet in the tree. */
  private readonly reserved = new Map<string, Set<string>>();

  constructor(
    private readonly api: RelayApi,
    private readonly tree: VaultTree,
    private readonly writer: NodeWriter,
    private readonly ops: TreeOps,
    private readonly now: () => number = Date.now,
    /** Where interrupted uploads are kept; null: nowhere (they are then simply lost). */
    private readonly pending: PendingUploads | null = null,
  ) {
    this.smallBlobs = new SmallBlobs(api);
  }

  upload(parentId: string, items: readonly UploadItemSource[], options: UploadItemsOptions): Promise<UploadItemsResult> {
    const startedAt = this.now();
    return this.run(items.map((item) => ({ file: item.file, parentId, relativePath: item.relativePath || item.file.name, conflict: options.conflict, pending: null })), options, startedAt);
  }

  /** Interrupted uploads kept on this device (see pending-uploads.ts). */
  async pendingUploads(): Promise<PendingUploadBody[]> {
    return this.pending ? this.pending.list() : [];
  }

  /** Continues interrupted uploads with the files picked again; the caller matched them by name and size. */
  async resume(matches: readonly { pendingId: string; file: FileSource }[], options: Omit<UploadItemsOptions, 'conflict'>): Promise<UploadItemsResult> {
    const all = await this.pendingUploads();
    const queued: QueuedItem[] = [];
    for (const m of matches) {
      const pending = all.find((p) => p.id === m.pendingId);
      if (!pending) throw new ClientError('not-found', 'That interrupted upload is no longer kept; upload the file again.');
      if (pending.size !== m.file.size) throw new ClientError('invalid-name', `"${m.file.name}" is not the file that was being uploaded (its size differs).`);
      queued.push({ file: m.file, parentId: pending.parentId, relativePath: pending.relativePath, conflict: pending.conflict, pending });
    }
    return this.run(queued, options, this.now());
  }

  /** Forgets an interrupted upload and frees what the relay holds of it. */
  async discard(pendingId: string): Promise<void> {
    const pending = this.pending && await this.pending.get(pendingId);
    if (!pending) return;
    if (pending.blob) await this.api.abortUpload(pending.blob.blobId).catch(() => undefined);
    await this.pending?.remove(pendingId);
  }

  private async run(items: readonly QueuedItem[], options: Omit<UploadItemsOptions, 'conflict'>, startedAt: number): Promise<UploadItemsResult> {
    const result: UploadItemsResult = { done: [], failed: [], cancelled: false };
    const report = (p: UploadItemProgress) => options.onProgress?.(p);
    items.forEach((item, index) => report({ index, bytesDone: 0, bytesTotal: item.file.size, phase: 'queued' }));
    // Every file of the batch is recorded before the first goes out, so a reload anywhere loses none.
    const records = await this.record(items, startedAt);
    // [Note: Small files side by side] A small file costs a few round trips and little else, so up to
    // SMALL_FILES_AT_ONCE go at once, their blobs and node records sharing requests; a larger file goes
    // alone, its parts keeping the connection busy.
    const running = new Set<Promise<void>>();
    let largeRunning = false;
    let smallBytes = 0;
    const mustWait = (small: boolean, size: number) => running.size > 0 && (largeRunning || !small ||
      running.size >= SMALL_FILES_AT_ONCE || smallBytes + size > SMALL_BYTES_AT_ONCE);
    for (const [index, item] of items.entries()) {
      const size = item.file.size;
      const small = size <= SMALL_FILE_MAX;
      while (mustWait(small, size)) await Promise.race(running);
      if (options.signal?.aborted || result.cancelled) {
        result.cancelled = true;
        break;
      }
      if (small) smallBytes += size; else largeRunning = true;
      const one: Promise<void> = this.uploadOne(index, item, records, options, result).finally(() => {
        running.delete(one);
        if (small) smallBytes -= size; else largeRunning = false;
      });
      running.add(one);
    }
    await Promise.all(running);
    result.done.sort((a, b) => a.index - b.index);
    result.failed.sort((a, b) => a.index - b.index);
    // A cancelled batch keeps nothing: the user chose to stop.
    if (result.cancelled) for (const r of records) if (r) await this.pending?.remove(r.id).catch(() => undefined);
    return result;
  }

  /** Uploads and places one item, telling its progress; never rejects (a failure lands in `result`). */
  private async uploadOne(index: number, item: QueuedItem, records: (PendingUploadBody | null)[], options: Omit<UploadItemsOptions, 'conflict'>, result: UploadItemsResult): Promise<void> {
    const report = (p: UploadItemProgress) => options.onProgress?.(p);
    const bytesTotal = item.file.size;
    let record = records[index];
    try {
      const { folderId, name } = await this.folderFor(item.parentId, item.relativePath);
      report({ index, bytesDone: 0, bytesTotal, phase: 'uploading' });
      let bytesDone = 0;
      const keep = async (next: PendingUploadBody) => { record = next; await this.pending?.save({ ...next, bytesDone }); };
      const content = await uploadFile(this.api, item.file, {
        signal: options.signal, now: this.now, smallBlobs: options.shareRequests === false ? undefined : this.smallBlobs.send,
        onProgress: (done) => { bytesDone = done; report({ index, bytesDone, bytesTotal, phase: 'uploading' }); },
        resume: item.pending ? resumeOf(item.pending) : undefined,
        journal: record && this.pending ? {
          started: (blob) => keep(withBlob(record!, blob)),
          sending: (sentLength, sentDigest) => keep({ ...record!, blob: record!.blob && { ...record!.blob, sentLength, sentDigest } }),
        } : undefined,
      });
      let nodeId: string;
      try {
        nodeId = await this.placeInTurn(folderId, name, content, item.conflict);
      } catch (error) {
        await this.ops.deleteBlobs(content.blobIds).catch(() => undefined);
        throw error;
      }
      if (record) await this.pending?.remove(record.id);
      result.done.push({ index, nodeId });
      report({ index, bytesDone: bytesTotal, bytesTotal, phase: 'done', nodeId });
    } catch (raw) {
      const error = toClientError(raw);
      if (record && !transient(error)) await this.pending?.remove(record.id).catch(() => undefined);
      if (error.kind === 'cancelled') result.cancelled = true;
      else result.failed.push({ index, error });
      report({ index, bytesDone: 0, bytesTotal, phase: 'failed', error });
    }
  }

  /** The pending record of each item (a resume keeps its own), saved; none without a store. */
  private async record(items: readonly QueuedItem[], startedAt: number): Promise<(PendingUploadBody | null)[]> {
    if (!this.pending) return items.map(() => null);
    const out = items.map((item): PendingUploadBody => item.pending ?? {
      id: newNodeId(), parentId: item.parentId, relativePath: item.relativePath, size: item.file.size,
      lastModified: item.file.lastModified ?? null, conflict: item.conflict, startedAt, bytesDone: 0, blob: null,
    });
    await this.pending.saveAll(out.filter((_, i) => !items[i].pending));
    return out;
  }

  /** Finds or makes the folders of "a/b/file.txt" below `parentId`. */
  private async folderFor(parentId: string, relativePath: string): Promise<{ folderId: string; name: string }> {
    const parts = relativePath.split('/').filter((p) => p !== '');
    const name = checkName(parts.pop() ?? '');
    let folderId = parentId;
    for (const part of parts) {
      const existing = this.tree.childNamed(folderId, checkName(part));
      if (existing && existing.body.type !== 'folder') {
        throw new ClientError('name-taken', `"${part}" is a file, so it can't hold "${name}".`, { nodeId: existing.id });
      }
      folderId = existing ? existing.id : await this.makeFolder(folderId, part);
    }
    return { folderId, name };
  }

  /** Makes folder `name` in `parentId` once, however many files side by side ask for it at the same time. */
  private makeFolder(parentId: string, name: string): Promise<string> {
    const key = `${parentId}/${nameKey(name)}`;
    let making = this.folders.get(key);
    if (!making) {
      making = this.ops.createFolder(parentId, name).then((node) => node.id);
      this.folders.set(key, making);
      // Once made, the tree has it; a failure lets the next file try again.
      void making.finally(() => this.folders.delete(key)).catch(() => undefined);
    }
    return making;
  }

  /**
   * place(), one at a time per folder and name (as the tree compares names): the check for an existing
   * name and the write must not interleave with another file of the same name, or replace would miss the
   * file the other one is making. Different names in one folder go side by side; the names being written
   * count as taken (`reserved`), so keep-both never picks a name another file is taking.
   */
  private placeInTurn(folderId: string, name: string, content: FileContent, conflict: ConflictPolicy): Promise<string> {
    const key = `${folderId}/${nameKey(name)}`;
    const before = this.placing.get(key) ?? Promise.resolve();
    const mine = before.catch(() => undefined).then(() => this.place(folderId, name, content, conflict));
    const settled = mine.then(() => undefined, () => undefined);
    this.placing.set(key, settled);
    void settled.then(() => { if (this.placing.get(key) === settled) this.placing.delete(key); });
    return mine;
  }

  private async place(folderId: string, name: string, content: FileContent, conflict: ConflictPolicy): Promise<string> {
    const existing = this.tree.childNamed(folderId, name);
    if (existing && conflict === 'replace' && existing.body.type === 'file') {
      const dropped: FileContent[] = [];
      await this.writer.mutate(existing.id, {
        // Another device's replace meanwhile is kept as a version, so retrying loses nothing.
        touches: () => '',
        apply: (b, version) => {
          const versions = b.content ? [{ ...b.content, version }, ...b.versions] : b.versions;
          dropped.splice(0, dropped.length, ...versions.slice(MAX_VERSIONS));
          return { ...b, content: { ...content, version: version + 1 }, mtime: content.mtime, versions: versions.slice(0, MAX_VERSIONS) };
        },
      });
      await this.ops.deleteBlobs(dropped.flatMap((c) => c.blobIds));
      return existing.id;
    }
    // Names other files of the batch are writing into this folder right now count as taken too.
    const reserved = this.reserved.get(folderId) ?? new Set<string>();
    const taken = (n: string) => this.tree.childNamed(folderId, n) !== undefined || reserved.has(nameKey(n));
    const finalName = existing || reserved.has(nameKey(name)) ? keepBothName(name, taken) : name;
    const body: NodeBody = {
      v: 1, type: 'file', name: finalName, parentId: folderId, mtime: content.mtime, trashed: false, trashedAt: null, content, versions: [],
    };
    reserved.add(nameKey(finalName));
    this.reserved.set(folderId, reserved);
    try {
      return (await this.writer.create(newNodeId(), body)).id;
    } finally {
      reserved.delete(nameKey(finalName));
      if (reserved.size === 0 && this.reserved.get(folderId) === reserved) this.reserved.delete(folderId);
    }
  }
}
