// Uploading items into a folder of the vault: missing folders on each item's relative path are made,
// the file goes up as a new blob (file-upload.ts), then its node is written: a new node, a "name (2)"
// node for keep-both, or a new content of the existing file for replace (the old content becomes a
// version; the oldest beyond MAX_VERSIONS is deleted). Items fail one by one; cancel stops the rest.
import { newId } from './base64url.js';
import { ClientError, toClientError } from './client-error.js';
import { uploadFile, type FileSource } from './file-upload.js';
import { checkName, keepBothName } from './names.js';
import { MAX_VERSIONS, type FileContent, type NodeBody } from './node-record.js';
import type { NodeWriter } from './node-writer.js';
import type { RelayApi } from './relay-api.js';
import type { TreeOps } from './tree-ops.js';
import type { VaultTree } from './vault-tree.js';

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
}

export interface UploadItemsResult {
  done: { index: number; nodeId: string }[];
  failed: { index: number; error: ClientError }[];
  cancelled: boolean;
}

export class TreeUploads {
  constructor(
    private readonly api: RelayApi,
    private readonly tree: VaultTree,
    private readonly writer: NodeWriter,
    private readonly ops: TreeOps,
    private readonly now: () => number = Date.now,
  ) {}

  async upload(parentId: string, items: readonly UploadItemSource[], options: UploadItemsOptions): Promise<UploadItemsResult> {
    const result: UploadItemsResult = { done: [], failed: [], cancelled: false };
    const report = (p: UploadItemProgress) => options.onProgress?.(p);
    items.forEach((item, index) => report({ index, bytesDone: 0, bytesTotal: item.file.size, phase: 'queued' }));
    for (const [index, item] of items.entries()) {
      if (options.signal?.aborted) {
        result.cancelled = true;
        break;
      }
      const bytesTotal = item.file.size;
      try {
        const { folderId, name } = await this.folderFor(parentId, item.relativePath || item.file.name);
        report({ index, bytesDone: 0, bytesTotal, phase: 'uploading' });
        const content = await uploadFile(this.api, item.file, {
          signal: options.signal, now: this.now,
          onProgress: (bytesDone) => report({ index, bytesDone, bytesTotal, phase: 'uploading' }),
        });
        let nodeId: string;
        try {
          nodeId = await this.place(folderId, name, content, options.conflict);
        } catch (error) {
          await this.ops.deleteBlobs(content.blobIds).catch(() => undefined);
          throw error;
        }
        result.done.push({ index, nodeId });
        report({ index, bytesDone: bytesTotal, bytesTotal, phase: 'done', nodeId });
      } catch (raw) {
        const error = toClientError(raw);
        if (error.kind === 'cancelled') {
          result.cancelled = true;
          report({ index, bytesDone: 0, bytesTotal, phase: 'failed', error });
          break;
        }
        result.failed.push({ index, error });
        report({ index, bytesDone: 0, bytesTotal, phase: 'failed', error });
      }
    }
    return result;
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
      folderId = existing ? existing.id : (await this.ops.createFolder(folderId, part)).id;
    }
    return { folderId, name };
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
    const finalName = existing ? keepBothName(name, (n) => this.tree.childNamed(folderId, n) !== undefined) : name;
    const body: NodeBody = {
      v: 1, type: 'file', name: finalName, parentId: folderId, mtime: content.mtime, trashed: false, trashedAt: null, content, versions: [],
    };
    return (await this.writer.create(newId(), body)).id;
  }
}
