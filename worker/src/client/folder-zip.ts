// "Download folder as ZIP": the folder's live files, each decrypted by openContent, streamed through
// fflate's Zip as stored (uncompressed) entries into one WritableStream. Entries follow the folder
// layout; empty folders get a directory entry. A file that fails to verify fails the whole ZIP. A
// shared folder's ZIP goes through the same zipEntries with its own sources.
import { Zip, type AsyncFlateStreamHandler, type ZipInputFile } from 'fflate';
import { Crc32 } from './crc32.js';
import { BatchedWriter, COPY_BATCH_BYTES, openContent, type CopyTarget } from './file-download.js';
import type { RelayApi } from './relay-api.js';
import type { VaultTree } from './vault-tree.js';
import { toClientError } from './client-error.js';

/** The ZIP format's date range (DOS dates, local time): 1980 to 2099. */
const ZIP_EARLIEST = new Date(1980, 0, 1, 0, 0, 0);
const ZIP_LATEST = new Date(2099, 11, 31, 23, 59, 58);

/**
 * A file's time as a ZIP entry can hold it. Files from before 1980 are common (unpacked archives,
 * reproducible builds stamp 1970): fflate refuses such dates, which failed the whole ZIP, so they
 * are clamped to the nearest date the format can say, as Info-ZIP does.
 */
export function zipEntryDate(mtime: number): Date {
  const t = Number.isFinite(mtime) ? mtime : Date.now();
  return new Date(Math.min(Math.max(t, ZIP_EARLIEST.getTime()), ZIP_LATEST.getTime()));
}

/** A stored (uncompressed) entry fed piece by piece: fflate's ZipPassThrough with a faster CRC-32 (crc32.ts). */
class StoredEntry implements ZipInputFile {
  readonly compression = 0;
  size = 0;
  crc = 0;
  ondata?: AsyncFlateStreamHandler;
  private readonly running = new Crc32();

  constructor(readonly filename: string, readonly mtime?: Date) {}

  push(piece: Uint8Array, final = false): void {
    this.running.update(piece);
    this.size += piece.length;
    if (final) this.crc = this.running.value();
    this.ondata!(null, piece as Uint8Array<ArrayBuffer>, final);
  }
}

/** One ZIP entry: a file whose verified plaintext `open` streams, or an (empty) folder. */
export type ZipSource =
  | { kind: 'folder'; path: string }
  | { kind: 'file'; path: string; mtime: number; size: number; nodeId?: string; open: () => Promise<ReadableStream<Uint8Array>> };

export interface ZipOptions { signal?: AbortSignal; onProgress?: (done: number, total: number) => void }

export async function zipFolder(api: RelayApi, tree: VaultTree, folderId: string, target: CopyTarget, options: ZipOptions = {}): Promise<void> {
  const base = tree.pathOf(folderId).length;
  const sources: ZipSource[] = [];
  for (const node of tree.subtree(folderId).filter((n) => n.id !== folderId && !tree.inTrash(n.id))) {
    const path = tree.pathOf(node.id).slice(base).join('/');
    if (node.body.type === 'folder') {
      if (!tree.children(node.id).some((c) => !c.body.trashed)) sources.push({ kind: 'folder', path });
      continue;
    }
    const content = node.body.content;
    if (!content) continue;
    sources.push({ kind: 'file', path, mtime: node.body.mtime, size: content.size, nodeId: node.id, open: () => openContent(api, content, node.id, options.signal) });
  }
  return zipEntries(sources, target, options);
}

/**
 * Streams `sources` into `target` as one ZIP of stored entries, one file open at a time, in batches
 * (BatchedWriter); progress is told once per batch's worth of file bytes and at each file's end. Used for
 * a vault folder (zipFolder) and for a shared folder (share-reader.ts), whose files come from the
 * share's blob route instead.
 */
export async function zipEntries(sources: readonly ZipSource[], target: CopyTarget, options: ZipOptions = {}): Promise<void> {
  const out = new BatchedWriter(target);
  let zipError: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) { zipError = error; return; }
    out.add(chunk);
  });
  const total = sources.reduce((s, e) => s + (e.kind === 'file' ? e.size : 0), 0);
  let done = 0;
  let told = 0;
  const tell = () => { told = done; options.onProgress?.(done, total); };
  try {
    for (const source of sources) {
      if (source.kind === 'folder') {
        const dir = new StoredEntry(`${source.path}/`);
        zip.add(dir);
        dir.push(new Uint8Array(0), true);
        continue;
      }
      const entry = new StoredEntry(source.path, zipEntryDate(source.mtime));
      zip.add(entry);
      const reader = (await source.open()).getReader();
      for (;;) {
        const { done: end, value } = await reader.read().catch((e: unknown) => { throw toClientError(e, { nodeId: source.nodeId }); });
        if (end) break;
        // Backpressure between reads: at most a batch or two waits for the target.
        await out.ready;
        entry.push(value);
        done += value.length;
        if (done - told >= COPY_BATCH_BYTES) tell();
      }
      entry.push(new Uint8Array(0), true);
      if (zipError) throw zipError;
      if (done !== told) tell();
    }
    zip.end();
    if (zipError) throw zipError;
    await out.close();
  } catch (error) {
    zip.terminate();
    await out.abort(error);
    throw toClientError(error);
  }
}
