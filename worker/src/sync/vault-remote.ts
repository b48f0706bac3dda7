// RemoteVault (remote-vault.ts) over VaultCore: the synced vault folder is one folder node, and every
// path is resolved against the session's decrypted tree. Mutations go through VaultCore's own methods
// (names checked, compare-and-swap, change log pulled after each); lookups read the tree through
// VaultCore.withSession, so the engine runs where the core does (the crypto worker, or the helper).
import { ClientError } from '../client/client-error.js';
import { SMALL_FILE_MAX, type FileSource } from '../client/file-upload.js';
import { nameKey } from '../client/names.js';
import type { VaultCore } from '../client/vault-core.js';
import type { StoredNode, VaultTree } from '../client/vault-tree.js';
import type { RemoteNode, RemoteVault } from './remote-vault.js';
import { Slots } from './slots.js';
import { baseName, joinPath, parentPath } from './sync-paths.js';

/** Files above SMALL_FILE_MAX each hold part buffers while they go; this many go at once, whatever the pass's width. */
const LARGE_UPLOADS_AT_ONCE = 3;

/*
 * [Note: Small files in flight]
 * Small files share requests (SmallBlobs, and new records through the node batcher), and a batch holds
 * whatever is ready when a request slot frees. With 32 transfers at once a batch held at most 32 files,
 * and an initial sync of 10,000 files waited on round trips, the helper's thread half idle; with 256
 * the same pass took 8.9 s instead of 12.3 s (bench/sync.ts, same run) and less CPU on both sides. What
 * bounds memory is their bytes: the plaintext is read only when a file's turn comes (NodeFolder's
 * bytes()), and at most SMALL_BYTES_AT_ONCE of small files are being read, sealed and sent at once;
 * downloads likewise, and larger files of either direction LARGE_UPLOADS_AT_ONCE at a time.
 */
const SMALL_BYTES_AT_ONCE = 32 * 1024 * 1024;

export class VaultRemote implements RemoteVault {
  private readonly largeUploads = new Slots(LARGE_UPLOADS_AT_ONCE);
  private readonly smallBytes = new Slots(SMALL_BYTES_AT_ONCE);
  /** Downloads are bounded the same way, apart from uploads so neither direction waits on the other. */
  private readonly largeDownloads = new Slots(LARGE_UPLOADS_AT_ONCE);
  private readonly smallDownloadBytes = new Slots(SMALL_BYTES_AT_ONCE);
  /** Folders being made, by parent id and name key (see createOnce). */
  private readonly folderCreations = new Map<string, Promise<string>>();

  constructor(private readonly core: VaultCore, readonly folderId: string) {}

  private tree(): Promise<VaultTree> {
    return this.core.withSession(async (s) => s.tree);
  }

  /** The node's path below the synced folder, or null when it is elsewhere or trashed on the way. */
  private pathIn(tree: VaultTree, node: StoredNode): string | null {
    const names: string[] = [];
    for (let cur: StoredNode | undefined = node; cur; cur = cur.body.parentId ? tree.nodes.get(cur.body.parentId) : undefined) {
      if (cur.id === this.folderId) return names.join('/');
      if (cur.body.trashed) return null;
      names.unshift(cur.body.name);
    }
    return null;
  }

  private toRemote(tree: VaultTree, node: StoredNode): RemoteNode {
    const path = this.pathIn(tree, node);
    if (path === null) throw new ClientError('not-found', `"${node.body.name}" is no longer in the synced folder.`, { nodeId: node.id });
    return {
      id: node.id, path, kind: node.body.type, version: node.version,
      size: node.body.content?.size ?? 0, mtime: node.body.mtime, contentHash: node.body.content?.contentHash ?? null,
    };
  }

  async list(): Promise<RemoteNode[]> {
    await this.core.listTree();
    const tree = await this.tree();
    const out: RemoteNode[] = [];
    for (const node of tree.subtree(this.folderId).slice(1)) {
      if (this.pathIn(tree, node) !== null) out.push(this.toRemote(tree, node));
    }
    return out;
  }

  private async nodeAt(path: string): Promise<StoredNode | null> {
    const tree = await this.tree();
    let cur = tree.get(this.folderId);
    for (const part of path.split('/').filter((p) => p !== '')) {
      const next = tree.childNamed(cur.id, part);
      if (!next) return null;
      cur = next;
    }
    return cur;
  }

  async makeFolder(path: string): Promise<RemoteNode> {
    let parentId = this.folderId;
    let done = '';
    for (const part of path.split('/').filter((p) => p !== '')) {
      done = joinPath(done, part);
      const existing = await this.nodeAt(done);
      if (existing && existing.body.type !== 'folder') throw new ClientError('name-taken', `"${done}" is a file in the vault, so it can't hold other items.`, { nodeId: existing.id });
      parentId = existing ? existing.id : await this.createOnce(parentId, part);
    }
    const tree = await this.tree();
    return this.toRemote(tree, tree.get(parentId));
  }

  /**
   * Makes the folder, or waits for the same folder already being made: transfers in parallel (and the
   * children of a folder whose own step failed) would otherwise each make it, and the vault would hold
   * several folders of one name.
   */
  private createOnce(parentId: string, name: string): Promise<string> {
    const key = `${parentId}/${nameKey(name)}`;
    let making = this.folderCreations.get(key);
    if (!making) {
      making = this.core.createFolder(parentId, name).then((node) => node.id).finally(() => this.folderCreations.delete(key));
      this.folderCreations.set(key, making);
    }
    return making;
  }

  async upload(path: string, file: FileSource, options: { replaceId: string | null }): Promise<RemoteNode> {
    const parent = await this.makeFolder(parentPath(path));
    const parentId = parent.path === '' ? this.folderId : parent.id;
    const name = baseName(path);
    if (options.replaceId !== null) {
      const there = await this.nodeAt(path);
      if (!there || there.id !== options.replaceId) {
        throw new ClientError('conflict', `"${path}" changed in the vault meanwhile; it will be looked at again on the next pass.`, { nodeId: options.replaceId });
      }
    }
    // Through the session rather than VaultCore.upload: a pass sends many files, and the storage usage
    // VaultCore announces after each upload would cost a request per file.
    const send = () => this.core.withSession(async (s) => {
      try {
        return await s.uploads.upload(parentId, [{ file, relativePath: name }], { conflict: options.replaceId === null ? 'keep-both' : 'replace', shareRequests: true });
      } finally {
        await s.refresh().catch(() => undefined);
      }
    });
    const result = file.size > SMALL_FILE_MAX ? await this.largeUploads.with(send) : await this.smallBytes.with(send, file.size);
    if (result.failed.length > 0) throw result.failed[0].error;
    if (result.done.length === 0) throw new ClientError('cancelled', `The upload of "${path}" was cancelled.`);
    const tree = await this.tree();
    return this.toRemote(tree, tree.get(result.done[0].nodeId));
  }

  async download(id: string, sink: WritableStream<Uint8Array>): Promise<void> {
    const size = (await this.tree()).nodes.get(id)?.body.content?.size ?? 0;
    const get = () => this.core.downloadTo(id, sink);
    await (size > SMALL_FILE_MAX ? this.largeDownloads.with(get) : this.smallDownloadBytes.with(get, size));
  }

  async move(id: string, path: string): Promise<RemoteNode> {
    const parent = await this.makeFolder(parentPath(path));
    const parentId = parent.path === '' ? this.folderId : parent.id;
    const name = baseName(path);
    let tree = await this.tree();
    const node = tree.get(id);
    if (node.body.name !== name) {
      // Renamed where it is first when the new name is free there; else moved first, then renamed.
      const clash = node.body.parentId !== null && tree.childNamed(node.body.parentId, name, id);
      if (!clash) await this.core.rename(id, name);
      if (node.body.parentId !== parentId) await this.core.move([id], parentId);
      if (clash) await this.core.rename(id, name);
    } else if (node.body.parentId !== parentId) {
      await this.core.move([id], parentId);
    }
    tree = await this.tree();
    return this.toRemote(tree, tree.get(id));
  }

  async trash(id: string): Promise<void> {
    const tree = await this.tree();
    const node = tree.nodes.get(id);
    if (!node || tree.inTrash(id)) return;
    await this.core.trash([id]);
  }
}

/** The id of the folder at `path` below `rootId` (made if missing), for choosing a pair's vault folder. */
export async function vaultFolderId(core: VaultCore, path: string): Promise<string> {
  const { rootId, nodes } = await core.listTree();
  let cur = rootId;
  for (const part of path.split('/').filter((p) => p !== '')) {
    const next = nodes.find((n) => n.parentId === cur && !n.trashed && n.type === 'folder' && nameKey(n.name) === nameKey(part));
    cur = next ? next.id : (await core.createFolder(cur, part)).id;
  }
  return cur;
}
