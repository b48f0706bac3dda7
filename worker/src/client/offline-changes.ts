// Changes made while the relay is out of reach: new folders, renames, moves, trashing and uploads are
// checked as online, shown in the tree at once, kept sealed on this device in the order made, and sent in
// that order when the relay answers again. See [Note: Offline changes].
import { openOfflineChange, sealOfflineChange } from '../keys/records.js';
import { utf8 } from '../format/bytes.js';
import { conflictName } from '../sync/conflict-name.js';
import { uploadBlob } from './blob-upload.js';
import { ClientError, toClientError } from './client-error.js';
import { newId } from './base64url.js';
import { newNodeId } from './node-ids.js';
import { sealFileLocally, type FileSource } from './file-upload.js';
import { checkName } from './names.js';
import { openNodeBody, type FileContent, type NodeBody, type NodePlaceKeys } from './node-record.js';
import type { OfflineChangeStore } from './offline-change-store.js';
import type { OfflineStore } from './offline-store.js';
import type { TreeDelta } from './tree-sync.js';
import type { UploadItemSource, UploadItemsOptions, UploadItemsResult } from './tree-uploads.js';
import type { VaultSession } from './vault-session.js';
import { toClientNode, type StoredNode, type VaultTree } from './vault-tree.js';

/*
 * [Note: Offline changes]
 * A change is recorded as what the user meant (rename X from "a" to "b"), not as a node body, because
 * the body it will be written on top of is only known when it is sent. Until then the tree shows the
 * change applied (new nodes have version 0: not on the relay yet), and a reload while offline applies
 * the kept changes again on top of the cached records. New folders and uploads get their final node id
 * when made, so later changes can name them and a send whose answer was lost is not made twice.
 * Sending restores the touched nodes to the relay's state as last cached, pulls, and replays each change
 * with the sync engine's rules (DESIGN.md §8): whoever changed the same thing on the relay meanwhile
 * wins for renames and moves; an item edited elsewhere is not trashed (the edit wins over a delete); a
 * name taken meanwhile gives the change a conflict name `name (conflict from DEVICE DATE).ext`; a new
 * folder whose name a folder took meanwhile is merged into it. What could not be applied is reported.
 * A change that fails on the network stays queued with everything after it; a queued upload refused for
 * good (quota) stays queued too, with its reason, since its file exists nowhere else: the user retries
 * or discards it.
 */

export type OfflineChange =
  | { kind: 'create-folder'; nodeId: string; parentId: string; name: string }
  | { kind: 'rename'; nodeId: string; name: string; from: string }
  | { kind: 'move'; nodeId: string; parentId: string; from: string | null }
  /** `contentVersion`: the file content the user saw; another one means it was edited elsewhere. */
  | { kind: 'trash'; nodeId: string; contentVersion: number | null }
  /** `content.blobIds` holds the local id of the sealed file kept in the store. */
  | { kind: 'upload'; nodeId: string; parentId: string; name: string; content: FileContent };

interface QueuedChange { id: string; seq: number; queuedAt: number; change: OfflineChange; error?: string }

/** What the page is shown of one waiting change: no keys. */
export interface OfflineChangeSummary {
  id: string;
  kind: OfflineChange['kind'];
  /** The item's name as the change leaves it. */
  name: string;
  queuedAt: number;
  /** Why the last attempt to send it was refused, if it was. */
  error: string | null;
}

export interface ReplayReport {
  /** Changes that reached the relay. */
  sent: number;
  /** Changes applied differently or not at all, in words. */
  notes: string[];
}

/** Local blob ids of queued uploads; never a relay blob id (those have no prefix). */
export const QUEUED_BLOB_PREFIX = 'local-';

function transient(error: ClientError): boolean {
  return error.kind === 'network' || error.kind === 'server';
}

export class OfflineChanges {
  private queue: QueuedChange[] = [];
  private replaying: Promise<ReplayReport> | null = null;

  constructor(
    private readonly store: OfflineChangeStore,
    private readonly cache: OfflineStore,
    private readonly keys: NodePlaceKeys,
    /** This device's name, for conflict names. */
    private readonly device: string,
    private readonly now: () => number,
  ) {}

  get size(): number { return this.queue.length; }

  /** Changes not refused yet: while there are any, new changes queue behind them to keep the order. */
  get pending(): number { return this.queue.filter((q) => q.error === undefined).length; }

  /** Reads the account's kept changes (those that don't open under this vault's key are left alone). */
  async load(): Promise<void> {
    const out: QueuedChange[] = [];
    for (const stored of await this.store.list(this.keys.accountId)) {
      try {
        const plain = await openOfflineChange(this.keys.nodeKey, stored.sealed, this.keys.accountId, stored.id);
        out.push(JSON.parse(new TextDecoder().decode(plain)) as QueuedChange);
      } catch {
        // Not this vault's, or damaged: nothing this session can send.
      }
    }
    this.queue = out.sort((a, b) => a.seq - b.seq);
  }

  summaries(): OfflineChangeSummary[] {
    return this.queue.map((q) => ({ id: q.id, kind: q.change.kind, name: nameOf(q.change), queuedAt: q.queuedAt, error: q.error ?? null }));
  }

  /** The sealed file of a queued upload, so it opens before it is sent (RelayApi.keptBlob). */
  blob(blobId: string): Promise<Blob | undefined> {
    return blobId.startsWith(QUEUED_BLOB_PREFIX) ? this.store.blob(blobId) : Promise.resolve(undefined);
  }

  /** Shows every kept change in the tree (a session opened from the cache); returns what it changed. */
  applyAll(tree: VaultTree): TreeDelta {
    const touched = new Set<string>();
    for (const q of this.queue) if (applyTo(tree, q)) touched.add(q.change.nodeId);
    return deltaOf(tree, touched);
  }

  /** The nodes the waiting changes touch. */
  touchedIds(): Set<string> {
    return new Set(this.queue.map((q) => q.change.nodeId));
  }

  /** How the touched nodes look now, for the page. */
  deltaOf(tree: VaultTree, ids: ReadonlySet<string>): TreeDelta {
    return deltaOf(tree, ids);
  }

  // ---- making changes ----

  async createFolder(tree: VaultTree, parentId: string, name: string): Promise<StoredNode> {
    const clean = checkName(name);
    tree.checkFree(tree.folder(parentId).id, clean);
    const nodeId = newNodeId();
    await this.add(tree, { kind: 'create-folder', nodeId, parentId, name: clean });
    return tree.get(nodeId);
  }

  async rename(tree: VaultTree, id: string, name: string): Promise<StoredNode> {
    const clean = checkName(name);
    if (id === tree.rootId) throw new ClientError('invalid-name', 'The vault\'s top folder has no name to change.');
    const node = tree.get(id);
    if (node.body.parentId) tree.checkFree(node.body.parentId, clean, id);
    await this.add(tree, { kind: 'rename', nodeId: id, name: clean, from: node.body.name });
    return tree.get(id);
  }

  async move(tree: VaultTree, ids: readonly string[], parentId: string): Promise<void> {
    tree.folder(parentId);
    for (const id of ids) {
      if (id === tree.rootId || tree.isWithin(parentId, id)) {
        throw new ClientError('invalid-name', 'A folder can\'t be moved into itself or one of its own folders.', { nodeId: id });
      }
      tree.checkFree(parentId, tree.get(id).body.name, id);
    }
    for (const id of ids) await this.add(tree, { kind: 'move', nodeId: id, parentId, from: tree.get(id).body.parentId });
  }

  async trash(tree: VaultTree, ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      if (id === tree.rootId) throw new ClientError('invalid-name', 'The vault\'s top folder can\'t be trashed.');
      const { body } = tree.get(id);
      await this.add(tree, { kind: 'trash', nodeId: id, contentVersion: body.content?.version ?? null });
    }
  }

  /** Seals the file now (so nothing readable waits on the device) and queues it under a new node in `parentId`. */
  async upload(tree: VaultTree, parentId: string, file: FileSource, relativePath: string): Promise<StoredNode> {
    const parts = relativePath.split('/').filter((p) => p !== '');
    const name = checkName(parts.pop() ?? file.name);
    let folderId = tree.folder(parentId).id;
    for (const part of parts) {
      const existing = tree.childNamed(folderId, checkName(part));
      if (existing && existing.body.type !== 'folder') throw new ClientError('name-taken', `"${part}" is a file, so it can't hold "${name}".`, { nodeId: existing.id });
      folderId = existing ? existing.id : (await this.createFolder(tree, folderId, part)).id;
    }
    tree.checkFree(folderId, name);
    const blobId = QUEUED_BLOB_PREFIX + newId();
    const { data, content } = await sealFileLocally(file, blobId, this.now());
    await this.store.putBlob({ accountId: this.keys.accountId, blobId, data });
    const nodeId = newNodeId();
    await this.add(tree, { kind: 'upload', nodeId, parentId: folderId, name, content });
    return tree.get(nodeId);
  }

  /** An upload batch made offline: each file sealed and queued in turn, reported as an upload reports. */
  async uploadItems(tree: VaultTree, parentId: string, items: readonly UploadItemSource[], options: UploadItemsOptions): Promise<UploadItemsResult> {
    const result: UploadItemsResult = { done: [], failed: [], cancelled: false, queued: true };
    items.forEach((item, index) => options.onProgress?.({ index, bytesDone: 0, bytesTotal: item.file.size, phase: 'queued' }));
    for (const [index, item] of items.entries()) {
      const bytesTotal = item.file.size;
      if (options.signal?.aborted) {
        result.cancelled = true;
        break;
      }
      options.onProgress?.({ index, bytesDone: 0, bytesTotal, phase: 'encrypting' });
      try {
        const node = await this.upload(tree, parentId, item.file, item.relativePath || item.file.name);
        result.done.push({ index, nodeId: node.id });
        options.onProgress?.({ index, bytesDone: bytesTotal, bytesTotal, phase: 'done', nodeId: node.id });
      } catch (raw) {
        const error = toClientError(raw);
        result.failed.push({ index, error });
        options.onProgress?.({ index, bytesDone: 0, bytesTotal, phase: 'failed', error });
      }
    }
    return result;
  }

  /** Forgets a waiting change (and its sealed file); returns how the tree looks without it. */
  async discard(tree: VaultTree, id: string): Promise<TreeDelta> {
    const q = this.queue.find((c) => c.id === id);
    if (!q) return deltaOf(tree, new Set());
    const touched = this.touchedIds();
    this.queue = this.queue.filter((c) => c !== q);
    await this.store.delete(id);
    if (q.change.kind === 'upload') await this.store.deleteBlob(q.change.content.blobIds[0]);
    await this.restore(tree, touched);
    this.applyAll(tree);
    return deltaOf(tree, touched);
  }

  private async add(tree: VaultTree, change: OfflineChange): Promise<void> {
    const q: QueuedChange = { id: newId(), seq: (this.queue.at(-1)?.seq ?? 0) + 1, queuedAt: this.now(), change };
    await this.save(q);
    this.queue.push(q);
    applyTo(tree, q);
  }

  private async save(q: QueuedChange): Promise<void> {
    const sealed = await sealOfflineChange(this.keys.nodeKey, utf8(JSON.stringify(q)), this.keys.accountId, q.id);
    await this.store.put({ accountId: this.keys.accountId, id: q.id, seq: q.seq, sealed });
  }

  // ---- sending ----

  /** Sends the waiting changes in order; one send at a time. Rejects (keeping the rest) on a network failure. */
  replay(session: VaultSession): Promise<ReplayReport> {
    this.replaying ??= this.replayOnce(session).finally(() => { this.replaying = null; });
    return this.replaying;
  }

  private async replayOnce(session: VaultSession): Promise<ReplayReport> {
    const report: ReplayReport = { sent: 0, notes: [] };
    if (this.queue.length === 0) return report;
    const { tree } = session;
    // The relay's state, not this device's picture of it, is what each change is replayed on.
    await this.restore(tree, new Set(this.queue.map((q) => q.change.nodeId)));
    /** Queued folder ids merged into a folder that another device made with the same name. */
    const merged = new Map<string, string>();
    try {
      await session.sync.pull();
      for (const q of [...this.queue]) {
        let note: string | null;
        try {
          note = await this.send(session, q, merged);
        } catch (raw) {
          const error = toClientError(raw);
          if (transient(error)) throw error;
          if (q.change.kind === 'upload') {
            // Its file exists nowhere else: keep it, say why, and go on with the rest.
            q.error = error.message;
            await this.save(q);
            report.notes.push(`"${q.change.name}" was not uploaded: ${error.message}`);
            continue;
          }
          note = `${describe(q.change)} was not applied: ${error.message}`;
        }
        if (note) report.notes.push(note);
        else report.sent++;
        this.queue = this.queue.filter((c) => c !== q);
        await this.store.delete(q.id);
        if (q.change.kind === 'upload') await this.store.deleteBlob(q.change.content.blobIds[0]);
      }
    } finally {
      // Whatever is still waiting shows again on top of what the relay has.
      this.applyAll(tree);
    }
    return report;
  }

  /** Puts the nodes back as the relay last had them (the cached records), dropping ones it never had. */
  private async restore(tree: VaultTree, ids: ReadonlySet<string>): Promise<void> {
    const cached = new Map((await this.cache.records(this.keys.accountId)).filter((r) => ids.has(r.id)).map((r) => [r.id, r]));
    for (const id of ids) {
      const record = cached.get(id);
      if (!record) {
        tree.remove(id);
        continue;
      }
      const body = await openNodeBody(this.keys, id, record.version, record.body);
      // The tree may already hold a newer version from a pull; only the optimistic picture is undone.
      const known = tree.nodes.get(id);
      if (!known || known.version <= record.version) tree.nodes.set(id, { id, version: record.version, body });
    }
  }

  /** Writes one change on the relay; returns a note when it landed differently from what was asked, or not at all. */
  private async send(session: VaultSession, q: QueuedChange, merged: Map<string, string>): Promise<string | null> {
    const { tree, writer } = session;
    const change = q.change;
    const idOf = (id: string) => merged.get(id) ?? id;
    const live = (id: string | null) => {
      const node = id === null ? undefined : tree.nodes.get(idOf(id));
      return node && !tree.inTrash(node.id) ? node : undefined;
    };
    const freeName = (parentId: string, name: string, except?: string) =>
      tree.childNamed(parentId, name, except) ? conflictName(name, this.device, q.queuedAt, (n) => tree.childNamed(parentId, n, except) !== undefined) : name;

    switch (change.kind) {
      case 'create-folder': {
        if (tree.nodes.has(change.nodeId)) return null; // sent before; the answer was lost
        const parent = live(change.parentId) ?? tree.get(tree.rootId);
        const same = tree.childNamed(parent.id, change.name);
        if (same?.body.type === 'folder') {
          merged.set(change.nodeId, same.id);
          return null;
        }
        const name = freeName(parent.id, change.name);
        await writer.create(change.nodeId, newBody('folder', name, parent.id, q.queuedAt, null));
        return moved(change.name, name, parent.id !== idOf(change.parentId));
      }
      case 'upload': {
        if (tree.nodes.has(change.nodeId)) return null;
        const localId = change.content.blobIds[0];
        const data = await this.store.blob(localId);
        if (!data) throw new ClientError('not-found', 'its sealed copy is no longer on this device');
        const blobId = await uploadBlob(session.api, data.stream(), data.size);
        const parent = live(change.parentId) ?? tree.get(tree.rootId);
        const name = freeName(parent.id, change.name);
        try {
          await writer.create(change.nodeId, newBody('file', name, parent.id, change.content.mtime, { ...change.content, blobIds: [blobId], savedAt: this.now() }));
        } catch (error) {
          await session.ops.deleteBlobs([blobId]).catch(() => undefined);
          throw error;
        }
        return moved(change.name, name, parent.id !== idOf(change.parentId));
      }
      case 'rename': {
        const node = tree.nodes.get(idOf(change.nodeId));
        if (!node) return `"${change.from}" was deleted on another device, so it was not renamed to "${change.name}".`;
        if (node.body.name === change.name) return null; // sent before; the answer was lost
        if (node.body.name !== change.from) return `"${change.from}" was renamed to "${node.body.name}" on another device; that name was kept instead of "${change.name}".`;
        if (node.body.name === change.name) return null;
        const name = node.body.parentId ? freeName(node.body.parentId, change.name, node.id) : change.name;
        await writer.mutate(node.id, { touches: (b) => b.name, apply: (b) => ({ ...b, name }) });
        return name === change.name ? null : `"${change.from}" was renamed to "${name}": "${change.name}" was taken meanwhile.`;
      }
      case 'move': {
        const node = tree.nodes.get(idOf(change.nodeId));
        if (!node) return `An item moved while offline was deleted on another device.`;
        if (node.body.parentId === idOf(change.parentId)) return null;
        if (node.body.parentId !== (change.from === null ? null : idOf(change.from))) return `"${node.body.name}" was moved on another device; it stays where that device put it.`;
        const target = live(change.parentId);
        if (!target || target.body.type !== 'folder' || tree.isWithin(target.id, node.id)) return `"${node.body.name}" was not moved: the folder it was moved to is gone.`;
        if (node.body.parentId === target.id) return null;
        const name = freeName(target.id, node.body.name, node.id);
        await writer.mutate(node.id, { touches: (b) => String(b.parentId), apply: (b) => ({ ...b, parentId: target.id, name }) });
        return name === node.body.name ? null : `"${node.body.name}" was moved as "${name}": the name was taken there meanwhile.`;
      }
      case 'trash': {
        const node = tree.nodes.get(idOf(change.nodeId));
        if (!node || node.body.trashed) return null;
        if ((node.body.content?.version ?? null) !== change.contentVersion) return `"${node.body.name}" was changed on another device, so it was kept instead of moved to the trash.`;
        const at = q.queuedAt;
        await writer.mutate(node.id, { touches: () => '', apply: (b) => (b.trashed ? b : { ...b, trashed: true, trashedAt: at }) });
        return null;
      }
    }
  }
}

function newBody(type: 'file' | 'folder', name: string, parentId: string, mtime: number, content: FileContent | null): NodeBody {
  return { v: 1, type, name, parentId, mtime, trashed: false, trashedAt: null, content, versions: [] };
}

function moved(asked: string, name: string, toTop: boolean): string | null {
  if (toTop) return `"${asked}" was placed at the top of the vault as "${name}": its folder was deleted on another device.`;
  return name === asked ? null : `"${asked}" was saved as "${name}": another item took its name meanwhile.`;
}

function nameOf(change: OfflineChange): string {
  return 'name' in change ? change.name : '';
}

function describe(change: OfflineChange): string {
  switch (change.kind) {
    case 'create-folder': return `The new folder "${change.name}"`;
    case 'upload': return `The upload of "${change.name}"`;
    case 'rename': return `Renaming "${change.from}" to "${change.name}"`;
    case 'move': return 'A move';
    case 'trash': return 'Moving an item to the trash';
  }
}

/** Applies a change to this device's picture of the tree; false when its node is not there. */
function applyTo(tree: VaultTree, q: QueuedChange): boolean {
  const { change } = q;
  switch (change.kind) {
    case 'create-folder':
      tree.nodes.set(change.nodeId, { id: change.nodeId, version: 0, body: newBody('folder', change.name, change.parentId, q.queuedAt, null) });
      return true;
    case 'upload':
      tree.nodes.set(change.nodeId, { id: change.nodeId, version: 0, body: newBody('file', change.name, change.parentId, change.content.mtime, change.content) });
      return true;
    default: {
      const node = tree.nodes.get(change.nodeId);
      if (!node) return false;
      const body: NodeBody = change.kind === 'rename' ? { ...node.body, name: change.name }
        : change.kind === 'move' ? { ...node.body, parentId: change.parentId }
          : { ...node.body, trashed: true, trashedAt: node.body.trashedAt ?? q.queuedAt };
      tree.nodes.set(node.id, { ...node, body });
      return true;
    }
  }
}

function deltaOf(tree: VaultTree, ids: ReadonlySet<string>): TreeDelta {
  const upserted = [...ids].flatMap((id) => { const n = tree.nodes.get(id); return n ? [toClientNode(n)] : []; });
  return { revision: tree.revision, upserted, removed: [...ids].filter((id) => !tree.nodes.has(id)) };
}
