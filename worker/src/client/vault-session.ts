// Everything that exists only while the vault is unlocked, built in one place from the unlocked keys:
// the tree, its change-log sync, the record writer, tree operations, uploads (with the interrupted ones
// kept on this device), the revision this device last saw, and the live-event socket.
// Dropping the session (lock, logout) wipes its keys; nothing in it outlives them.
import { toClientError } from './client-error.js';
import { eventsUrl, LiveEvents, type WebSocketFactory } from './live-events.js';
import { NodeWriter } from './node-writer.js';
import type { NodeBody } from './node-record.js';
import type { RelayApi } from './relay-api.js';
import { TreeOps } from './tree-ops.js';
import { TreeSync, type TreeDelta } from './tree-sync.js';
import { TreeUploads } from './tree-uploads.js';
import { PendingUploads } from './pending-uploads.js';
import type { PendingUploadStore } from './pending-upload-store.js';
import type { RevisionStore } from './revision-store.js';
import { VaultTree } from './vault-tree.js';
import { wipeKeys, type UnlockedKeys } from './account.js';

export interface SessionEvents {
  onDelta(delta: TreeDelta): void;
  onConnection(online: boolean): void;
  onProblem(error: unknown): void;
  onUnauthorized(): void;
}

export class VaultSession {
  readonly tree: VaultTree;
  readonly sync: TreeSync;
  readonly writer: NodeWriter;
  readonly ops: TreeOps;
  readonly uploads: TreeUploads;
  private live: LiveEvents | null = null;

  constructor(readonly api: RelayApi, readonly keys: UnlockedKeys, private readonly events: SessionEvents, now: () => number, private readonly local: { pendingUploads: PendingUploadStore | null; revisions: RevisionStore | null } = { pendingUploads: null, revisions: null }) {
    // The root folder's id is the account id: fixed, so two devices can never make two roots.
    this.tree = new VaultTree(keys.accountId);
    const placeKeys = { nodeKey: keys.nodeKey, accountId: keys.accountId };
    this.sync = new TreeSync(api, placeKeys, this.tree, async (revision) => { await local.revisions?.raise(keys.accountId, revision); });
    this.writer = new NodeWriter(api, placeKeys, this.sync);
    this.ops = new TreeOps(api, this.tree, this.writer, now);
    this.uploads = new TreeUploads(api, this.tree, this.writer, this.ops, now, local.pendingUploads && new PendingUploads(local.pendingUploads, placeKeys));
  }

  /** First sync; makes the root folder if the account has none yet (sign-up, or one cut short). */
  async open(now: () => number): Promise<void> {
    this.tree.seenBefore = await this.local.revisions?.load(this.keys.accountId) ?? 0;
    await this.sync.pull();
    if (!this.tree.nodes.has(this.tree.rootId)) {
      const root: NodeBody = {
        v: 1, type: 'folder', name: '', parentId: null, mtime: now(), trashed: false, trashedAt: null,
        content: null, versions: [], settings: { recoveryConfirmed: false },
      };
      await this.writer.create(this.tree.rootId, root).catch(async (error: unknown) => {
        // Another device made it at the same moment: take theirs.
        const e = toClientError(error);
        if (e.kind !== 'conflict') throw e;
      });
      await this.sync.pull();
    }
  }

  startLive(factory: WebSocketFactory | null): void {
    if (!factory || this.live) return;
    this.live = new LiveEvents(eventsUrl(this.api.baseUrl, (p) => this.api.url(p)), () => this.api.token, factory, {
      onRevision: (revision) => {
        if (revision <= this.tree.revision) return;
        this.refresh().catch((error: unknown) => this.events.onProblem(error));
      },
      onConnection: (online) => this.events.onConnection(online),
      onUnauthorized: () => this.events.onUnauthorized(),
    });
    this.live.start();
  }

  /** Pulls the change log and reports what changed (also after this client's own writes). */
  async refresh(): Promise<TreeDelta> {
    const delta = await this.sync.pull();
    if (delta.upserted.length > 0 || delta.removed.length > 0) this.events.onDelta(delta);
    return delta;
  }

  close(): void {
    this.live?.stop();
    this.live = null;
    wipeKeys(this.keys);
    this.tree.nodes.clear();
  }
}
