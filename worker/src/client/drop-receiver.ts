// The desktop's side of a drop: it makes the drop (a fresh secret kept only in this worker's memory and
// in the link the page shows), listens for the relay's live {"type":"drop"} notice on its own socket,
// and for every item that arrived opens the record with the drop key, unwraps the file key and writes
// a new file node into the chosen folder, its file key now sealed under the vault's node key like
// every other file (node-record.ts). The blob stays where the phone put it: nothing is re-encrypted.
// Once a batch is complete (its end item and every file of it placed), or when the user is done, the
// drop is closed, which makes its blobs ordinary blobs of the account; a drop that received nothing is
// deleted instead.
import { decodeBase64url, encodeBase64url, newId } from './base64url.js';
import { newNodeId } from './node-ids.js';
import { deriveDropKeys, dropTokenHash, generateDropSecret, sealDropLabel, unwrapDropFileKey } from '../keys/drop-keys.js';
import { ClientError, toClientError } from './client-error.js';
import { closeDrop, createDrop, deleteDrop, listDropItems } from './drop-relay.js';
import { openDropRecord, type DropFileRecord } from './drop-record.js';
import { eventsUrl, type WebSocketFactory, type WebSocketLike } from './live-events.js';
import { checkName, keepBothName } from './names.js';
import type { NodeBody } from './node-record.js';
import type { RelayApi } from './relay-api.js';
import type { VaultSession } from './vault-session.js';

/** The little of the client core a drop needs; see [Note: Reaching the vault from the drop feature] in drop-api.ts. */
export interface DropVault {
  readonly api: RelayApi;
  /** Runs `op` on the unlocked session (rejects with `locked` otherwise), then pulls the change log. */
  change<T>(op: (session: VaultSession) => Promise<T>): Promise<T>;
}

/** Fifteen minutes, the longest the relay allows (DESIGN.md §6: "short expiry"). */
export const DROP_LIFETIME_SECONDS = 15 * 60;
/** The default size cap: what one phone sends in one go, photos and videos included. */
export const DROP_SIZE_CAP = 2 * 1024 * 1024 * 1024;
/** A second look at the items now and then, in case a live notice was lost with the socket. */
const POLL_MS = 10_000;
const RECONNECT_MS = 2_000;
/** Failures after which an item is tried again rather than given up. */
const TRANSIENT: ReadonlySet<string> = new Set(['locked', 'network', 'session-expired', 'rate-limited', 'server']);

export interface DropOffer { dropId: string; secret: string; expiresAt: number; sizeCap: number }

export type DropReceiveEvent =
  | { type: 'arrived'; name: string; size: number; nodeId: string; received: number }
  | { type: 'closed'; received: number; complete: boolean }
  | { type: 'problem'; error: ClientError };

/** Any byte a name can't hold becomes "_", so a phone's odd file name still lands. */
function safeName(name: string): string {
  const clean = name.normalize('NFC').replace(/[/\u0000-\u001f]/g, '_').slice(0, 255).trim();
  try {
    return checkName(clean);
  } catch {
    return 'file';
  }
}

export async function offerDrop(vault: DropVault, folderId: string, options: { label?: string; expiresInSeconds?: number; sizeCap?: number } = {}): Promise<{ offer: DropOffer; dropKey: Uint8Array }> {
  // The folder must exist now; the check and the relay call run like any other vault action.
  await vault.change(async (s) => {
    const folder = s.tree.get(folderId);
    if (folder.body.type !== 'folder') throw new ClientError('invalid-name', 'Files can only be received into a folder.', { nodeId: folderId });
  });
  const secret = generateDropSecret();
  const { dropKey, authToken } = await deriveDropKeys(secret);
  const dropId = newId();
  const label = options.label ? encodeBase64url(await sealDropLabel(dropKey, new TextEncoder().encode(options.label.slice(0, 200)), dropId)) : undefined;
  const answer = await createDrop(vault.api, {
    dropId, tokenHash: encodeBase64url(await dropTokenHash(authToken)),
    sizeCap: options.sizeCap ?? DROP_SIZE_CAP, expiresInSeconds: options.expiresInSeconds ?? DROP_LIFETIME_SECONDS, publicInfo: label,
  }).catch((error: unknown) => { throw toClientError(error); });
  authToken.fill(0);
  const offer = { dropId, secret: encodeBase64url(secret), expiresAt: Date.parse(answer.expiresAt), sizeCap: answer.sizeCap };
  secret.fill(0);
  return { offer, dropKey };
}

export class DropReceiver {
  private readonly seen = new Set<string>();
  private readonly placed = new Map<string, Set<number>>();
  private readonly ends = new Map<string, number>();
  private received = 0;
  private closed = false;
  private queue: Promise<void> = Promise.resolve();
  private socket: WebSocketLike | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private poller: ReturnType<typeof setInterval> | null = null;
  private stopped = false;

  constructor(
    private readonly vault: DropVault,
    readonly dropId: string,
    private readonly dropKey: Uint8Array,
    private readonly folderId: string,
    private readonly onEvent: (event: DropReceiveEvent) => void,
    private readonly webSocket: WebSocketFactory | null,
  ) {}

  start(): void {
    this.connect();
    this.poller = setInterval(() => this.pull(), POLL_MS);
    this.pull();
  }

  private connect(): void {
    if (this.stopped || !this.webSocket) return;
    const api = this.vault.api;
    let socket: WebSocketLike;
    try {
      socket = this.webSocket(eventsUrl(api.baseUrl, (p) => api.url(p)), api.token);
    } catch {
      this.timer = setTimeout(() => this.connect(), RECONNECT_MS);
      return;
    }
    this.socket = socket;
    socket.onopen = () => this.pull();
    socket.onmessage = (event) => {
      if (typeof event.data !== 'string') return;
      try {
        const message = JSON.parse(event.data) as { type?: unknown; dropId?: unknown };
        if (message.type === 'drop' && message.dropId === this.dropId) this.pull();
      } catch {
        // Not a notice for us.
      }
    };
    socket.onerror = () => undefined;
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      if (!this.stopped) this.timer = setTimeout(() => this.connect(), RECONNECT_MS);
    };
  }

  /** Lists the items and places the new ones; one pull at a time, in order. */
  pull(): Promise<void> {
    this.queue = this.queue.then(() => this.pullOnce()).catch((error: unknown) => this.onEvent({ type: 'problem', error: toClientError(error) }));
    return this.queue;
  }

  private async pullOnce(): Promise<void> {
    if (this.closed) return;
    const items = await listDropItems(this.vault.api, this.dropId);
    for (const item of items) {
      if (this.seen.has(item.itemId)) continue;
      this.seen.add(item.itemId);
      try {
        const record = await openDropRecord(this.dropKey, this.dropId, decodeBase64url(item.record));
        if (record.kind === 'end') {
          this.ends.set(record.batch, record.count);
          continue;
        }
        const done = this.placed.get(record.batch) ?? new Set<number>();
        if (done.has(record.index)) continue; // the same item shown twice
        if (record.blobIds.length !== item.blobIds.length || record.blobIds.some((id, i) => id !== item.blobIds[i])) {
          throw new ClientError('tampered', 'A file sent to this drop names other blobs than the relay lists for it; it was not added.');
        }
        const { nodeId, name } = await this.place(record);
        done.add(record.index);
        this.placed.set(record.batch, done);
        this.received++;
        this.onEvent({ type: 'arrived', name, size: record.size, nodeId, received: this.received });
      } catch (raw) {
        const error = toClientError(raw);
        // Locked, offline, signed out: the item is tried again on the next look (after an unlock).
        if (TRANSIENT.has(error.kind)) this.seen.delete(item.itemId);
        this.onEvent({ type: 'problem', error });
      }
    }
    for (const [batch, count] of this.ends) {
      if ((this.placed.get(batch)?.size ?? 0) >= count) {
        await this.close(true);
        return;
      }
    }
  }

  private async place(record: DropFileRecord): Promise<{ nodeId: string; name: string }> {
    const fileKey = await unwrapDropFileKey(this.dropKey, decodeBase64url(record.wrappedKey), this.dropId).catch((error: unknown) => { throw toClientError(error); });
    const now = Date.now();
    return this.vault.change(async (s) => {
      // The chosen folder may have been trashed or deleted meanwhile: the file then lands at the top.
      const target = s.tree.nodes.get(this.folderId);
      const folderId = target && target.body.type === 'folder' && !s.tree.inTrash(this.folderId) ? this.folderId : s.tree.rootId;
      const wanted = safeName(record.name);
      const name = s.tree.childNamed(folderId, wanted) ? keepBothName(wanted, (n) => s.tree.childNamed(folderId, n) !== undefined) : wanted;
      const body: NodeBody = {
        v: 1, type: 'file', name, parentId: folderId, mtime: record.mtime, trashed: false, trashedAt: null, versions: [],
        content: {
          blobIds: record.blobIds, fileKey: encodeBase64url(fileKey), length: record.length, deflated: record.deflated, size: record.size,
          blobSize: record.blobSize, mtime: record.mtime, mediaType: record.mediaType || 'application/octet-stream', contentHash: record.contentHash,
          savedAt: now, version: 1,
        },
      };
      fileKey.fill(0);
      const node = await s.writer.create(newNodeId(), body);
      return { nodeId: node.id, name };
    });
  }

  /** Closes (accepting what arrived) or, when nothing arrived, deletes the drop. Idempotent. */
  private async close(complete: boolean): Promise<void> {
    if (this.closed) return;
    if (this.received > 0) await closeDrop(this.vault.api, this.dropId);
    else await deleteDrop(this.vault.api, this.dropId);
    this.closed = true;
    this.stop();
    this.onEvent({ type: 'closed', received: this.received, complete });
  }

  /**
   * The user is done: whatever arrived is placed first, then the drop closes. An item that could not be
   * placed yet (vault locked, offline) keeps the drop open, so its blob isn't left without a node.
   */
  async finish(): Promise<number> {
    await this.pull();
    const closing = this.queue.then(async () => {
      const items = await listDropItems(this.vault.api, this.dropId);
      if (items.some((i) => !this.seen.has(i.itemId))) {
        throw new ClientError('locked', 'Some files from the phone could not be added yet; unlock the vault and press Done again.');
      }
      await this.close(false);
    });
    this.queue = closing.catch(() => undefined);
    await closing.catch((error: unknown) => { throw toClientError(error); });
    return this.received;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.poller) clearInterval(this.poller);
    this.timer = null;
    this.poller = null;
    const socket = this.socket;
    this.socket = null;
    socket?.close(1000, 'drop finished');
    if (this.closed) this.dropKey.fill(0);
  }
}
