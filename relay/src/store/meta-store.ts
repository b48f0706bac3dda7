// The metadata store interface: accounts, sessions, devices, pairings, nodes and their change log,
// blobs and upload sessions, shares, drops. Every method is atomic on its own, so a back end needs
// transactions but nothing SQLite-specific; sqlite-meta-store.ts is the embedded implementation and a
// PostgreSQL one can follow behind the same interface.
import type {
  AccountRecord, AccountSummary, BlobRecord, Bytes, DeviceRecord, DropItemRecord, DropRecord,
  InviteRecord, NodeOp, NodeRecord, PairingRecord, PartRecord, SessionRecord, ShareRecord, UploadRecord,
} from './meta-records.js';

export type * from './meta-records.js';

export interface SettingsStore {
  /** A server secret by name, created once with `make` and then stable across restarts. */
  secret(name: string, make: () => Bytes): Promise<Bytes>;
  getSetting(name: string): Promise<Bytes | null>;
  putSetting(name: string, value: Bytes): Promise<void>;
}

export type CreateAccountResult = 'ok' | 'name_taken' | 'id_taken' | 'name_reserved' | 'invite_invalid';

export interface AccountStore {
  /** Creates the account; with an invite, atomically consumes it (and its quota / reserved name). */
  createAccount(account: AccountRecord, invite?: { codeHash: Bytes; now: number }): Promise<CreateAccountResult>;
  getAccount(id: string): Promise<AccountRecord | null>;
  findAccountByName(name: string): Promise<AccountRecord | null>;
  updateCredentials(id: string, change: Pick<AccountRecord, 'kdf' | 'salt' | 'authHash' | 'passwordWrap'> & Partial<Pick<AccountRecord, 'recoveryWrap' | 'recoveryHash'>>): Promise<void>;
  setQuota(id: string, quota: number): Promise<void>;
  touchAccount(id: string, now: number): Promise<void>;
  /** Removes the account and every record it owns; returns what the blob store still has to delete. */
  deleteAccount(id: string): Promise<{ blobIds: string[]; uploads: UploadRecord[] } | null>;
  listAccounts(): Promise<AccountSummary[]>;
  /** Bytes the account holds: committed blobs + declared sizes of open uploads + node bodies. */
  usage(accountId: string): Promise<number>;
  createInvite(invite: InviteRecord): Promise<'ok' | 'name_taken'>;
  listInvites(): Promise<InviteRecord[]>;
}

export interface SessionStore {
  createSession(session: SessionRecord): Promise<void>;
  getSession(tokenHash: Bytes): Promise<SessionRecord | null>;
  touchSession(tokenHash: Bytes, now: number): Promise<void>;
  deleteSession(tokenHash: Bytes): Promise<void>;
  /** Ends the account's login sessions except `keep` (device tokens stay). Returns the ended hashes. */
  deleteLoginSessions(accountId: string, keep: Bytes | null): Promise<Bytes[]>;
}

export type ClaimResult =
  | { status: 'ok'; pairing: PairingRecord }
  | { status: 'not_found' | 'expired' | 'used' }
  | { status: 'wrong'; attemptsLeft: number };

export interface DeviceStore {
  /**
   * Stores the device with its token. `registeredBy`: the login session that asked for it, which from
   * then on ends with the device ([Note: Sessions bound to a device] in relay/src/routes/devices.ts).
   */
  createDevice(device: DeviceRecord, token: SessionRecord, registeredBy?: Bytes | null): Promise<void>;
  listDevices(accountId: string): Promise<DeviceRecord[]>;
  getDevice(accountId: string, id: string): Promise<DeviceRecord | null>;
  setDeviceWrap(accountId: string, id: string, wrap: Bytes): Promise<boolean>;
  /**
   * Deletes the device, its wrap, its token and the login sessions bound to it, except `keep` (the
   * session asking, which is only unbound). Returns the token hashes that stopped working.
   */
  deleteDevice(accountId: string, id: string, keep?: Bytes | null): Promise<Bytes[] | null>;
  createPairing(pairing: PairingRecord): Promise<'ok' | 'id_taken'>;
  getPairing(id: string): Promise<PairingRecord | null>;
  deletePairing(accountId: string, id: string): Promise<boolean>;
  /** Checks the secret's hash; on success, atomically creates the device and marks the pairing used. */
  claimPairing(id: string, tokenHash: Bytes, now: number, maxAttempts: number, device: Omit<DeviceRecord, 'accountId'>, token: Omit<SessionRecord, 'accountId' | 'deviceId'>): Promise<ClaimResult>;
}

/** `currentVersion` null: no such node. A tombstone keeps its version and says `deleted`. */
export interface NodeConflict { id: string; currentVersion: number | null; deleted: boolean }

export type WriteNodesResult =
  | { status: 'ok'; revision: number; nodes: { id: string; version: number; revision: number }[] }
  | { status: 'conflict'; conflicts: NodeConflict[] }
  | { status: 'quota_exceeded' };

export interface NodeStore {
  getNode(accountId: string, id: string): Promise<NodeRecord | null>;
  /** All-or-nothing: every op's version must match, then each gets its own revision number. */
  writeNodes(accountId: string, ops: NodeOp[], quota: number): Promise<WriteNodesResult>;
  /** Nodes changed after revision `since` (latest state each, tombstones included), oldest first. */
  changesSince(accountId: string, since: number, limit: number): Promise<{ revision: number; changes: NodeRecord[]; more: boolean }>;
  revision(accountId: string): Promise<number>;
}

export interface UploadLimits { quota: number; dropCap: number | null }

export interface BlobMetaStore {
  /** Reserves the declared size against the quota (and the drop's cap) atomically. */
  createUpload(upload: UploadRecord, limits: UploadLimits): Promise<'ok' | 'id_taken' | 'quota_exceeded' | 'drop_full'>;
  getUpload(id: string): Promise<UploadRecord | null>;
  listUploads(accountId: string): Promise<UploadRecord[]>;
  /** Records a received part and pushes the upload's expiry forward; false if the upload is gone. */
  recordPart(id: string, part: PartRecord, expiresAt: number): Promise<boolean>;
  listParts(id: string): Promise<PartRecord[]>;
  /**
   * Makes already written blobs of one account visible, all or none, in one transaction that checks
   * their total against the quota (a batch of small blobs: services/blob-batch.ts).
   */
  insertBlobs(accountId: string, blobs: readonly BlobRecord[], quota: number): Promise<'ok' | 'quota_exceeded' | 'id_taken' | 'no_account'>;
  /** Turns the upload into a visible blob in one step. */
  commitUpload(id: string, createdAt: number): Promise<BlobRecord | null>;
  deleteUpload(id: string): Promise<void>;
  expiredUploads(now: number): Promise<UploadRecord[]>;
  /** Every unfinished upload of every account (clean shutdown syncs their files). */
  openUploads(): Promise<UploadRecord[]>;
  /** Forgets every received part of every upload (their bytes may not have survived a power cut). */
  forgetReceivedParts(): Promise<number>;
  getBlob(id: string): Promise<BlobRecord | null>;
  listBlobs(accountId: string, after: string, limit: number): Promise<BlobRecord[]>;
  deleteBlob(accountId: string, id: string): Promise<boolean>;
}

export interface ShareStore {
  createShare(share: ShareRecord): Promise<'ok' | 'id_taken' | { missingBlob: string }>;
  getShare(id: string): Promise<ShareRecord | null>;
  listShares(accountId: string): Promise<ShareRecord[]>;
  /** Marks revoked and drops the manifest; the record stays so readers get `share_revoked`. */
  revokeShare(accountId: string, id: string, now: number): Promise<boolean>;
  /** Counts a wrong password; returns the failures so far. */
  recordPasswordFailure(id: string): Promise<number>;
  /** Counts one download (refused when the limit is used up) and stores the ticket's hash. */
  countDownload(id: string, ticket: { hash: Bytes; expiresAt: number }): Promise<'ok' | 'exhausted'>;
  getTicket(hash: Bytes): Promise<{ shareId: string; expiresAt: number } | null>;
}

export interface DropStore {
  createDrop(drop: DropRecord): Promise<'ok' | 'id_taken'>;
  getDrop(id: string): Promise<DropRecord | null>;
  listDrops(accountId: string): Promise<DropRecord[]>;
  /** Closes the drop: its blobs become ordinary blobs of the owner; its unfinished uploads end. */
  closeDrop(accountId: string, id: string, now: number): Promise<{ uploads: UploadRecord[] } | null>;
  /** Deletes the drop and its items; returns the blobs still attached (not accepted by a close). */
  deleteDrop(accountId: string, id: string): Promise<{ blobIds: string[]; uploads: UploadRecord[] } | null>;
  /** Stores an arrival; every blob must have been uploaded through this drop. */
  addDropItem(item: DropItemRecord, maxItems: number): Promise<'ok' | 'blob_not_in_drop' | 'too_many'>;
  listDropItems(dropId: string): Promise<DropItemRecord[]>;
  dropUsage(dropId: string): Promise<number>;
}

export interface MetaStore extends SettingsStore, AccountStore, SessionStore, DeviceStore, NodeStore, BlobMetaStore, ShareStore, DropStore {
  /** Deletes expired sessions, pairings and share tickets. */
  purgeExpired(now: number): Promise<void>;
  close(): Promise<void>;
}
