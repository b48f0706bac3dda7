// The folder-tree operations of an unlocked vault: create folder, rename, move (no cycles), trash,
// restore, delete forever, empty trash, versions and restoring one. Each is an intent written through
// NodeWriter ([Note: Retrying an intent after a conflict]); names are checked against the live
// children of the target folder, since the relay can't see names.
import { ClientError } from './client-error.js';
import { newNodeId } from './node-ids.js';
import { checkName } from './names.js';
import { MAX_VERSIONS, type FileContent, type NodeBody } from './node-record.js';
import type { NodeWriter } from './node-writer.js';
import type { RelayApi } from './relay-api.js';
import { isRelayError } from './relay-error.js';
import type { VaultTree, StoredNode } from './vault-tree.js';

export interface FileVersionInfo { version: number; size: number; mtime: number; savedAt: number; current: boolean }

export class TreeOps {
  constructor(
    private readonly api: RelayApi,
    private readonly tree: VaultTree,
    private readonly writer: NodeWriter,
    private readonly now: () => number = Date.now,
  ) {}

  async createFolder(parentId: string, name: string): Promise<StoredNode> {
    const clean = checkName(name);
    this.tree.folder(parentId);
    this.tree.checkFree(parentId, clean);
    const body: NodeBody = {
      v: 1, type: 'folder', name: clean, parentId, mtime: this.now(), trashed: false, trashedAt: null, content: null, versions: [],
    };
    return this.writer.create(newNodeId(), body);
  }

  rename(id: string, name: string): Promise<StoredNode> {
    const clean = checkName(name);
    if (id === this.tree.rootId) throw new ClientError('invalid-name', 'The vault\'s top folder has no name to change.');
    return this.writer.mutate(id, {
      touches: (b) => b.name,
      apply: (b) => {
        if (b.parentId) this.tree.checkFree(b.parentId, clean, id);
        return { ...b, name: clean };
      },
    });
  }

  async move(ids: readonly string[], parentId: string): Promise<void> {
    this.tree.folder(parentId);
    for (const id of ids) {
      if (id === this.tree.rootId || this.tree.isWithin(parentId, id)) {
        throw new ClientError('invalid-name', 'A folder can\'t be moved into itself or one of its own folders.', { nodeId: id });
      }
    }
    for (const id of ids) {
      await this.writer.mutate(id, {
        touches: (b) => String(b.parentId),
        apply: (b) => {
          // Re-checked on every attempt: another device may have moved the target meanwhile.
          if (this.tree.isWithin(parentId, id)) throw new ClientError('invalid-name', 'A folder can\'t go inside itself.', { nodeId: id });
          this.tree.checkFree(parentId, b.name, id);
          return { ...b, parentId };
        },
      });
    }
  }

  async trash(ids: readonly string[]): Promise<void> {
    const at = this.now();
    for (const id of ids) {
      if (id === this.tree.rootId) throw new ClientError('invalid-name', 'The vault\'s top folder can\'t be trashed.');
      await this.writer.mutate(id, { touches: () => '', apply: (b) => (b.trashed ? b : { ...b, trashed: true, trashedAt: at }) });
    }
  }

  async restore(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      // A trashed parent comes back first, so the item lands where it was.
      const chain: string[] = [];
      for (let cur: string | null = id; cur !== null; cur = this.tree.nodes.get(cur)?.body.parentId ?? null) chain.unshift(cur);
      for (const nodeId of chain) {
        const node = this.tree.nodes.get(nodeId);
        if (!node?.body.trashed) continue;
        await this.writer.mutate(nodeId, {
          touches: () => '',
          apply: (b) => {
            if (!b.trashed) return b;
            // Something new took the name while this was in the trash: keep both by renaming it.
            const name = b.parentId && this.tree.childNamed(b.parentId, b.name, nodeId) ? `${b.name} (restored)` : b.name;
            return { ...b, name, trashed: false, trashedAt: null };
          },
        });
      }
    }
  }

  /** Deletes the nodes (trashed, or inside a trashed folder) with everything below them, records then blobs. */
  async deleteForever(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      if (!this.tree.nodes.has(id)) continue;
      if (!this.tree.inTrash(id)) throw new ClientError('invalid-name', 'Only items in the trash can be deleted for good; move it to the trash first.', { nodeId: id });
      const doomed = this.tree.subtree(id).reverse(); // children first: no orphan is ever visible
      for (const node of doomed) {
        const blobs = blobIdsOf(node.body);
        await this.writer.remove(node.id);
        await this.deleteBlobs(blobs);
      }
    }
  }

  async emptyTrash(): Promise<void> {
    const roots = [...this.tree.nodes.values()].filter((n) => n.body.trashed && !(n.body.parentId && this.tree.inTrash(n.body.parentId)));
    await this.deleteForever(roots.map((n) => n.id));
  }

  versions(id: string): FileVersionInfo[] {
    const { body, version } = this.tree.get(id);
    if (!body.content) return [];
    const info = (c: FileContent, current: boolean): FileVersionInfo => ({
      version: current ? version : c.version, size: c.size, mtime: c.mtime, savedAt: c.savedAt, current,
    });
    return [info(body.content, true), ...body.versions.map((c) => info(c, false))];
  }

  /** Makes an old content current again; the current one becomes a version, so nothing is lost. */
  async restoreVersion(id: string, version: number): Promise<StoredNode> {
    const dropped: FileContent[] = [];
    const node = await this.writer.mutate(id, {
      touches: () => '',
      apply: (b, current) => {
        const old = b.versions.find((c) => c.version === version);
        if (!b.content || !old) throw new ClientError('not-found', `Version ${version} of this file is no longer kept.`, { nodeId: id });
        // A content's version number is the last node version that showed it: unique per file.
        const versions = [{ ...b.content, version: current }, ...b.versions.filter((c) => c !== old)];
        dropped.splice(0, dropped.length, ...versions.slice(MAX_VERSIONS));
        return { ...b, content: { ...old, savedAt: this.now() }, mtime: old.mtime, versions: versions.slice(0, MAX_VERSIONS) };
      },
    });
    await this.deleteBlobs(dropped.flatMap((c) => c.blobIds));
    return node;
  }

  /** Best effort: a blob already gone is fine; any other failure leaves an orphan the quota shows. */
  async deleteBlobs(blobIds: readonly string[]): Promise<void> {
    for (const blobId of blobIds) {
      try {
        await this.api.deleteBlob(blobId);
      } catch (error) {
        if (!isRelayError(error, 'blob_not_found')) throw error;
      }
    }
  }
}

export function blobIdsOf(body: NodeBody): string[] {
  return [...(body.content?.blobIds ?? []), ...body.versions.flatMap((c) => c.blobIds)];
}
