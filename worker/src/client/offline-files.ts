// "Make available offline": the ciphertext blobs of the pinned files, and of every file below a pinned
// folder, kept on this device and kept fresh — after each pull the current contents are fetched and
// blobs no pinned node uses any more are dropped. Files are read from there first (RelayApi.keptBlob),
// so they open with the relay out of reach, and are verified exactly as a download is.
import { toClientError } from './client-error.js';
import type { OfflineStore } from './offline-store.js';
import type { RelayApi } from './relay-api.js';
import type { VaultTree } from './vault-tree.js';

export interface OfflineSummary {
  /** The nodes the user made available offline. */
  pinned: string[];
  /** Files kept (pinned ones and those below pinned folders) and their ciphertext bytes on this device. */
  files: number;
  bytes: number;
}

export class OfflineFiles {
  private refreshing: Promise<void> | null = null;

  constructor(private readonly store: OfflineStore, private readonly api: RelayApi, private readonly accountId: string) {}

  /** The blob ids the pinned nodes need now: current contents of live files at or below a pin. */
  needed(tree: VaultTree, pins: readonly string[]): Map<string, number> {
    const out = new Map<string, number>();
    for (const pin of pins) {
      if (!tree.nodes.has(pin) || tree.inTrash(pin)) continue;
      for (const node of tree.subtree(pin)) {
        const content = node.body.type === 'file' && !node.body.trashed ? node.body.content : null;
        if (content) for (const blobId of content.blobIds) out.set(blobId, content.blobSize);
      }
    }
    return out;
  }

  /** A pin whose files can't all be kept (device full, relay gone) is taken back, with what it fetched. */
  async setPinned(tree: VaultTree, ids: readonly string[], pinned: boolean): Promise<void> {
    await this.store.setPinned(this.accountId, ids, pinned);
    try {
      await this.refresh(tree);
    } catch (error) {
      if (pinned) {
        await this.store.setPinned(this.accountId, ids, false);
        await this.refresh(tree).catch(() => undefined);
      }
      throw error;
    }
  }

  async summary(tree: VaultTree): Promise<OfflineSummary> {
    const pinned = await this.store.pins(this.accountId);
    const kept = await this.store.blobs(this.accountId);
    const files = new Set([...this.needed(tree, pinned).keys()].filter((id) => kept.some((k) => k.blobId === id)));
    return { pinned, files: files.size, bytes: kept.reduce((sum, b) => sum + b.size, 0) };
  }

  /** Fetches what the pins need and isn't kept, drops what no pin needs. One refresh at a time. */
  refresh(tree: VaultTree): Promise<void> {
    const run = async () => {
      const needed = this.needed(tree, await this.store.pins(this.accountId));
      const kept = await this.store.blobs(this.accountId);
      await this.store.deleteBlobs(kept.filter((k) => !needed.has(k.blobId)).map((k) => k.blobId));
      const have = new Set(kept.map((k) => k.blobId));
      for (const [blobId, size] of needed) {
        if (have.has(blobId)) continue;
        try {
          const data = await new Response(await this.api.readBlob(blobId)).blob();
          if (data.size !== size) throw new Error(`the relay sent ${data.size} bytes of a ${size}-byte blob`);
          await this.store.putBlob({ accountId: this.accountId, blobId, size, data });
        } catch (error) {
          throw toClientError(error);
        }
      }
    };
    this.refreshing = (this.refreshing ?? Promise.resolve()).catch(() => undefined).then(run);
    return this.refreshing;
  }

  /** Forgets every kept blob and pin of the account (the cache view's "Free"). */
  async clear(): Promise<void> {
    await this.store.setPinned(this.accountId, await this.store.pins(this.accountId), false);
    await this.store.deleteBlobs((await this.store.blobs(this.accountId)).map((b) => b.blobId));
  }
}
