// What this device keeps so the vault opens and browses without the relay (the offline issue): the
// account's unlock material as the relay handed it (KDF parameters, salt, the password-wrapped vault
// key: checking a password offline is unwrapping it), the sealed node records as they came from the
// change log, the files the user made available offline (their ciphertext blobs, as stored on the
// relay), and which nodes were made available. Nothing here is readable without the vault key.
// The browser keeps it in the local database (offline-store-idb.ts); tests keep it in memory.
import type { RelayKdf } from './relay-api.js';

export interface OfflineAccount {
  accountId: string;
  login: string;
  kdf: RelayKdf;
  salt: string;
  passwordWrap: string;
  /** When this browser was last used for this account (the offline unlock screen offers the latest). */
  lastUsedAt: number;
}

/** A node record exactly as the relay's change log gave it (body sealed under the node key). */
export interface CachedRecord { accountId: string; id: string; version: number; body: string }

export interface CachedBlob { accountId: string; blobId: string; size: number; data: Blob }

export interface OfflineStore {
  saveAccount(account: OfflineAccount): Promise<void>;
  /** The account for `login`, or the most recently used one when no login is given. */
  account(login?: string): Promise<OfflineAccount | undefined>;
  records(accountId: string): Promise<CachedRecord[]>;
  revision(accountId: string): Promise<number>;
  applyChanges(accountId: string, revision: number, upserts: readonly CachedRecord[], removedIds: readonly string[]): Promise<void>;
  pins(accountId: string): Promise<string[]>;
  setPinned(accountId: string, nodeIds: readonly string[], pinned: boolean): Promise<void>;
  blob(blobId: string): Promise<Blob | undefined>;
  blobs(accountId: string): Promise<{ blobId: string; size: number }[]>;
  putBlob(blob: CachedBlob): Promise<void>;
  deleteBlobs(blobIds: readonly string[]): Promise<void>;
}

export class MemoryOfflineStore implements OfflineStore {
  private readonly accounts = new Map<string, OfflineAccount>();
  private readonly recordsById = new Map<string, CachedRecord>();
  private readonly revisions = new Map<string, number>();
  private readonly pinned = new Map<string, Set<string>>();
  private readonly blobsById = new Map<string, CachedBlob>();

  async saveAccount(account: OfflineAccount): Promise<void> { this.accounts.set(account.accountId, { ...account }); }

  async account(login?: string): Promise<OfflineAccount | undefined> {
    const all = [...this.accounts.values()].sort((a, b) => b.lastUsedAt - a.lastUsedAt);
    return login === undefined ? all[0] : all.find((a) => a.login === login);
  }

  async records(accountId: string): Promise<CachedRecord[]> {
    return [...this.recordsById.values()].filter((r) => r.accountId === accountId);
  }

  async revision(accountId: string): Promise<number> { return this.revisions.get(accountId) ?? 0; }

  async applyChanges(accountId: string, revision: number, upserts: readonly CachedRecord[], removedIds: readonly string[]): Promise<void> {
    for (const r of upserts) this.recordsById.set(`${accountId}/${r.id}`, { ...r });
    for (const id of removedIds) this.recordsById.delete(`${accountId}/${id}`);
    this.revisions.set(accountId, Math.max(revision, this.revisions.get(accountId) ?? 0));
  }

  async pins(accountId: string): Promise<string[]> { return [...this.pinned.get(accountId) ?? []]; }

  async setPinned(accountId: string, nodeIds: readonly string[], pinned: boolean): Promise<void> {
    const set = this.pinned.get(accountId) ?? new Set<string>();
    for (const id of nodeIds) if (pinned) set.add(id); else set.delete(id);
    this.pinned.set(accountId, set);
  }

  async blob(blobId: string): Promise<Blob | undefined> { return this.blobsById.get(blobId)?.data; }

  async blobs(accountId: string): Promise<{ blobId: string; size: number }[]> {
    return [...this.blobsById.values()].filter((b) => b.accountId === accountId).map(({ blobId, size }) => ({ blobId, size }));
  }

  async putBlob(blob: CachedBlob): Promise<void> { this.blobsById.set(blob.blobId, blob); }

  async deleteBlobs(blobIds: readonly string[]): Promise<void> { for (const id of blobIds) this.blobsById.delete(id); }
}
