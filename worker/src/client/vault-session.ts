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
import type { OfflineStore } from './offline-store.js';
import { openNodeBody } from './node-record.js';
import { VaultTree } from './vault-tree.js';
import { DeviceRecords } from './device-records.js';
import { wipeKeys, type UnlockedKeys } from './account.js';

/** What the session keeps on this device; each may be absent (tests, the helper). */
export interface SessionStores {
  pendingUploads: PendingUploadStore | null;
  revisions: RevisionStore | null;
  offline: OfflineStore | null;
}

const noStores: SessionStores = { pendingUploads: null, revisions: null, offline: null };

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
  /** Records beside the tree ([Note: Helper settings through device records] in device-records.ts). */
  readonly deviceRecords: DeviceRecords;
  private live: LiveEvents | null = null;

  /** True while the tree was opened from this device's cache because the relay couldn't be reached. */
  offline = false;

  constructor(readonly api: RelayApi, readonly keys: UnlockedKeys, private readonly events: SessionEvents, now: () => number, private readonly local: SessionStores = noStores) {
    // The root folder's id is the account id: fixed, so two devices can never make two roots.
    this.tree = new VaultTree(keys.accountId);
    const placeKeys = { nodeKey: keys.nodeKey, accountId: keys.accountId };
    const deviceRecords = new DeviceRecords(api, keys.vaultKey, keys.accountId, () => this.sync.pull());
    this.deviceRecords = deviceRecords;
    this.sync = new TreeSync(api, placeKeys, this.tree, {
      otherRecord: (change) => deviceRecords.take(change),
      otherRemoved: (id) => deviceRecords.forget(id),
      pulled: async (revision) => {
        this.offline = false;
        api.workingOffline = false;
        await local.revisions?.raise(keys.accountId, revision);
      },
      applied: async (revision, rawChanges) => {
        // Device records are not kept for offline use: they say what a helper does now.
        const changes = rawChanges.filter((c) => !deviceRecords.has(c.id));
        const upserts = changes.filter((c) => !c.deleted && c.body !== undefined).map((c) => ({ accountId: keys.accountId, id: c.id, version: c.version, body: c.body! }));
        await local.offline?.applyChanges(keys.accountId, revision, upserts, changes.filter((c) => c.deleted).map((c) => c.id));
      },
    });
    this.writer = new NodeWriter(api, placeKeys, this.sync);
    this.ops = new TreeOps(api, this.tree, this.writer, now);
    this.uploads = new TreeUploads(api, this.tree, this.writer, this.ops, now, local.pendingUploads && new PendingUploads(local.pendingUploads, placeKeys));
  }

  /**
   * First sync; makes the root folder if the account has none yet (sign-up, or one cut short). With the
   * relay out of reach, opens the tree this device cached instead (`offline`), when it has one.
   */
  async open(now: () => number): Promise<void> {
    this.tree.seenBefore = await this.local.revisions?.load(this.keys.accountId) ?? 0;
    try {
      await this.sync.pull();
    } catch (raw) {
      const error = toClientError(raw);
      if (error.kind !== 'network' || !(await this.openCached())) throw error;
      return;
    }
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

  /** The tree from the cached sealed records; false when this device cached none for the account. */
  private async openCached(): Promise<boolean> {
    const store = this.local.offline;
    const records = store ? await store.records(this.keys.accountId) : [];
    if (!store || records.length === 0) return false;
    const placeKeys = { nodeKey: this.keys.nodeKey, accountId: this.keys.accountId };
    for (const r of records) this.tree.upsert({ id: r.id, version: r.version, body: await openNodeBody(placeKeys, r.id, r.version, r.body) });
    this.tree.revision = await store.revision(this.keys.accountId);
    this.offline = true;
    this.api.workingOffline = true;
    return true;
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
    this.deviceRecords.wipe();
    wipeKeys(this.keys);
    this.tree.nodes.clear();
  }
}
