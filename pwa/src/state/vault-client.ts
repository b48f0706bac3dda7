// The one seam between the UI and everything below it (worker over comlink, relay API): the
// `VaultClient` interface and the types that cross it. Types only; no component imports anything else
// from the data side. See [Note: VaultClient contract] below before implementing it.

import type { ClientNode } from '../../../worker/src/client/vault-tree.js';

/*
 * [Note: VaultClient contract]
 * - The implementation is a main-thread adapter over the comlink worker proxy. It, not the UI, turns
 *   AbortSignals and callbacks into something that crosses the worker boundary (Comlink.proxy, a
 *   MessagePort to cancel), and turns worker/relay failures into `VaultError`s.
 * - Every method rejects only with a `VaultError` (an `Error` with a `kind`, see below). The UI branches
 *   on `kind` and never on `message`; `message` is developer detail for logs, never a secret.
 * - Everything the UI receives is already decrypted and verified. A record or blob that fails
 *   authentication is never handed over half-decrypted: the call rejects with kind `tampered`.
 * - Names and sizes are plaintext here: the UI keeps them only in memory (the in-memory index), never
 *   in localStorage, IndexedDB, the URL path/query or a log.
 * - Methods marked "unlocked" reject with kind `locked` when the vault is not unlocked.
 */

/** A node id: the random 128-bit id, as lowercase hex. Safe to put in a URL path (it reveals nothing). */
export type NodeId = string;

export type NodeType = 'file' | 'folder';

/**
 * One decrypted file or folder. Immutable: a change arrives as a new object with a higher `version`.
 * Defined once, by the worker that builds it (`ClientNode` in worker/src/client/vault-tree.ts).
 */
export type VaultNode = ClientNode;

/** The whole decrypted index, as the client holds it after a sync with the relay. */
export interface VaultTree {
  readonly rootId: NodeId;
  /** Every node, root included, trashed ones included. Order is unspecified. */
  readonly nodes: readonly VaultNode[];
  /** The account revision this snapshot reflects (the change-log position). */
  readonly revision: number;
}

// ---- account and session ----

/** How the current unlock happened; decides what the UI offers next (e.g. set a new password after recovery). */
export type UnlockMethod = 'password' | 'recovery-key' | 'device';

export type VaultStatus =
  /** No session on this browser. */
  | { readonly state: 'signed-out' }
  /** A session exists, but no key is in memory. `deviceRemembered`: `unlockWithDevice()` will work. */
  | { readonly state: 'locked'; readonly login: string; readonly deviceRemembered: boolean }
  | {
      readonly state: 'unlocked';
      readonly login: string;
      readonly unlockedWith: UnlockMethod;
      /** This browser keeps a device key, so the vault opens here without a password. */
      readonly deviceRemembered: boolean;
      /** The user has confirmed saving the current recovery key. False right after sign-up. */
      readonly recoveryKeyConfirmed: boolean;
    };

/** A recovery key as shown once to the user. Its encoding belongs to the worker. */
export interface RecoveryKeySheet {
  /** The key in its canonical typed form (e.g. base32 with no separators); the UI groups it for display. */
  readonly text: string;
  /** What the QR code encodes (normally equal to `text`). */
  readonly qrPayload: string;
  /** Contents of the key file offered for download; `logInWithRecoveryKey` accepts it as it is. */
  readonly keyFileText: string;
  /** Suggested file name for the key file, e.g. `veilbox-recovery-key-alice.txt`. */
  readonly keyFileName: string;
}

export interface SignUpOptions {
  /** Needed when the relay is invite-only. */
  readonly inviteCode?: string;
}

export interface LogInOptions {
  /** Also remember this browser: keep a device key (non-extractable CryptoKey in IndexedDB). */
  readonly rememberDevice?: boolean;
  /** Label shown in the device list; the client picks one from the user agent when absent. */
  readonly deviceLabel?: string;
}

export interface DeviceInfo {
  readonly id: string;
  readonly label: string;
  readonly kind: 'browser' | 'helper';
  readonly createdAt: number;
  /** Last time the relay saw this device, ms since the epoch; null when never used after pairing. */
  readonly lastSeenAt: number | null;
  /** The device this browser is (a remembered browser shows itself). */
  readonly current: boolean;
}

export interface StorageUsage {
  /** Everything that counts toward the quota (padded blob bytes: files, old versions, trash). */
  readonly usedBytes: number;
  /** null when the account has no quota. */
  readonly quotaBytes: number | null;
  /** Parts of `usedBytes`, so the UI can say what emptying the trash or old versions would free. */
  readonly trashBytes: number;
  readonly versionsBytes: number;
}

// ---- transfers ----

/** One file to upload. `relativePath` is relative to the target folder ("photos/2024/a.jpg"); missing folders are created. */
export interface UploadItem {
  readonly file: File;
  readonly relativePath: string;
}

/** What to do when a name is already taken in the target folder: keep both ("name (2).ext") or store a new version. */
export type ConflictPolicy = 'keep-both' | 'replace';

export interface UploadProgress {
  /** Index into the `items` passed to `upload`. */
  readonly index: number;
  /** Plaintext bytes of this item that are safely stored on the relay. */
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly phase: 'queued' | 'encrypting' | 'uploading' | 'done' | 'failed';
  /** Set with phase `done`. */
  readonly nodeId?: NodeId;
  /** Set with phase `failed`; the other items go on. */
  readonly error?: VaultError;
}

export interface UploadOptions {
  readonly conflict: ConflictPolicy;
  /** Called often (at least per 8 MiB part and per phase change); must be cheap. */
  readonly onProgress?: (progress: UploadProgress) => void;
  /** Aborting stops every item not yet done; items already done stay. */
  readonly signal?: AbortSignal;
}

export interface UploadResult {
  readonly done: readonly { readonly index: number; readonly nodeId: NodeId }[];
  readonly failed: readonly { readonly index: number; readonly error: VaultError }[];
  readonly cancelled: boolean;
  /** True when the relay was out of reach: the files were sealed and kept on this device, to go up once it answers. */
  readonly queued?: boolean;
}

/** A change made while offline, waiting on this device to be sent (names are shown, nothing else). */
export interface OfflineChange {
  readonly id: string;
  readonly kind: 'create-folder' | 'rename' | 'move' | 'trash' | 'upload';
  /** The item's name as the change leaves it ('' for a move or trash). */
  readonly name: string;
  readonly queuedAt: number;
  /** Why the relay refused it last time (a queued upload over quota), if it did. */
  readonly error: string | null;
}

/** What happened when waiting changes were sent: how many went as made, and the others in words. */
export interface OfflineSendReport {
  readonly sent: number;
  readonly notes: readonly string[];
}

/** An upload cut short by a closed tab or a lost connection; it resumes once the user picks the same file again. */
/** What this device keeps for offline use: the nodes made available, and the files and bytes kept for them. */
export interface OfflineSummary {
  readonly pinned: readonly NodeId[];
  readonly files: number;
  readonly bytes: number;
}

export interface PendingUpload {
  readonly id: string;
  readonly parentId: NodeId;
  readonly relativePath: string;
  readonly size: number;
  readonly bytesDone: number;
  readonly startedAt: number;
}

/**
 * Where a download goes. A file handle (from `showSaveFilePicker()`) is opened and written by the
 * client itself, where the bytes are decrypted ([Note: Saving from the worker]); a `WritableStream` is
 * written chunk by chunk and closed at the end. `'url'` asks the client for a URL to hand to an
 * `<a download>`: a service-worker streaming URL where available, else a blob URL (small files only).
 */
export type DownloadTarget = FileSystemFileHandle | WritableStream<Uint8Array> | 'url';

export interface DownloadOptions {
  readonly onProgress?: (bytesDone: number, bytesTotal: number) => void;
  readonly signal?: AbortSignal;
}

/**
 * Returned for target `'url'`; the UI clicks it, then calls `release()` (revokes a blob URL; for a
 * service-worker stream not yet asked for by the browser, withdraws it).
 */
export interface DownloadLink {
  readonly url: string;
  /** File name to save as (a folder gives "name.zip"). */
  readonly fileName: string;
  /**
   * Set for a streamed link: the bytes are decrypted only as the browser reads the URL, so the transfer
   * is over when this settles (rejects with a VaultError on failure or when the browser cancels).
   */
  readonly finished?: Promise<void>;
  release(): void;
}

/** Plaintext bytes from `start` (inclusive) to `end` (exclusive) of a file. */
export interface ByteSpan {
  readonly start: number;
  readonly end: number;
}

/** A decrypted preview the browser can show from a blob: (or service-worker) URL: images, audio, video. */
export interface PreviewHandle {
  readonly url: string;
  readonly mediaType: string;
  release(): void;
}

export interface FileVersion {
  readonly version: number;
  readonly size: number;
  readonly mtime: number;
  /** When this version was stored, ms since the epoch. */
  readonly savedAt: number;
  /** The version the file shows now. */
  readonly current: boolean;
}

// ---- events ----

export type VaultEvent =
  | { readonly type: 'status'; readonly status: VaultStatus }
  /** Nodes changed (here, in another tab, or on another device). Apply in order of `revision`. */
  | {
      readonly type: 'nodes';
      readonly revision: number;
      readonly upserted: readonly VaultNode[];
      readonly removed: readonly NodeId[];
      /** This device's own picture (changes made offline, waiting): apply whatever the revision. */
      readonly local?: boolean;
    }
  | { readonly type: 'usage'; readonly usage: StorageUsage }
  /** The live-event connection to the relay dropped or came back. */
  | { readonly type: 'connection'; readonly online: boolean }
  /** The changes made offline that wait to be sent changed; `report` after a send. */
  | { readonly type: 'offline-changes'; readonly changes: readonly OfflineChange[]; readonly report?: OfflineSendReport }
  /** A problem not tied to a call the UI made: session expired, rollback detected, background sync failed. */
  | { readonly type: 'problem'; readonly error: VaultError };

export type Unsubscribe = () => void;

// ---- errors ----

export type VaultErrorKind =
  | 'wrong-password'
  | 'wrong-recovery-key'
  | 'login-taken'
  | 'invite-required'
  | 'rate-limited'
  | 'session-expired'
  | 'locked'
  | 'device-revoked'
  | 'quota-full'
  | 'too-large'
  | 'network'
  | 'tampered'
  | 'rollback'
  | 'not-offline'
  | 'conflict'
  | 'name-taken'
  | 'invalid-name'
  | 'not-found'
  | 'cancelled'
  | 'unsupported'
  | 'server'
  /** This device (the browser's storage for the site) has no room left: IndexedDB's QuotaExceededError. */
  | 'device-full';

/**
 * What every VaultClient method rejects with. An `Error` so stacks survive; plain words for the user
 * come from `describeError` (state/vault-error.ts), keyed on `kind`.
 */
export interface VaultError extends Error {
  readonly kind: VaultErrorKind;
  /** For `rate-limited`: how long to wait before trying again. */
  readonly retryAfterMs?: number;
  /** The node the failure concerns, when there is one (tampered blob, conflict). */
  readonly nodeId?: NodeId;
}

// ---- the client ----

export interface VaultClient {
  // session
  /** Current state; also delivered as `status` events whenever it changes. */
  getStatus(): Promise<VaultStatus>;
  /** Creates the account and unlocks it. The recovery key is returned once and never again. */
  signUp(login: string, password: string, options?: SignUpOptions): Promise<{ readonly recoveryKey: RecoveryKeySheet }>;
  /** Records that the user saved the recovery key (clears the banner). Unlocked. */
  confirmRecoverySaved(): Promise<void>;
  /** Replaces the recovery key (the old one stops working) and returns the new one, shown once. Unlocked. */
  newRecoveryKey(): Promise<RecoveryKeySheet>;
  logIn(login: string, password: string, options?: LogInOptions): Promise<VaultStatus>;
  /** `keyText` is the typed key or the key file's whole contents; separators and whitespace are ignored. */
  logInWithRecoveryKey(login: string, keyText: string, options?: LogInOptions): Promise<VaultStatus>;
  /** Opens a locked vault with this browser's device key (status `locked` with `deviceRemembered`). */
  unlockWithDevice(): Promise<VaultStatus>;
  /** Wipes every key from memory; the session stays, so unlocking needs the password (or device key) again. */
  lock(): Promise<void>;
  /** Ends the session on the relay and wipes keys; a remembered device key stays unless `forgetDevice`. */
  logOut(options?: { readonly forgetDevice?: boolean }): Promise<void>;
  /** Re-wraps the vault key under the new password; no file is re-encrypted. Unlocked. */
  changePassword(oldPassword: string, newPassword: string): Promise<void>;
  /** Sets a new password in a session unlocked with the recovery key (status `unlockedWith: 'recovery-key'`). */
  setPasswordAfterRecovery(newPassword: string): Promise<void>;

  // devices
  /** Keeps a device key in this browser so the vault opens here without a password. Unlocked. */
  rememberDevice(label?: string): Promise<void>;
  /** Deletes this browser's device key and revokes it on the relay. */
  forgetDevice(): Promise<void>;
  listDevices(): Promise<readonly DeviceInfo[]>;
  /** Deletes the device's wrapped key and token on the relay. Revoking the current device equals `forgetDevice`. */
  revokeDevice(id: string): Promise<void>;

  // the tree (unlocked)
  listTree(): Promise<VaultTree>;
  /** Fails with `name-taken` when the folder already holds that name. */
  createFolder(parentId: NodeId, name: string): Promise<VaultNode>;
  rename(id: NodeId, name: string): Promise<VaultNode>;
  /** Fails with `invalid-name` when moving a folder into itself or a descendant; `name-taken` on a clash. */
  move(ids: readonly NodeId[], parentId: NodeId): Promise<void>;
  trash(ids: readonly NodeId[]): Promise<void>;
  /** Puts nodes back under their parent; a parent that is itself trashed is restored too. */
  restore(ids: readonly NodeId[]): Promise<void>;
  /** Deletes trashed nodes and their blobs for good. */
  deleteForever(ids: readonly NodeId[]): Promise<void>;
  emptyTrash(): Promise<void>;
  versions(id: NodeId): Promise<readonly FileVersion[]>;
  /** Makes an old version current again (stored as a new version; nothing is lost). */
  restoreVersion(id: NodeId, version: number): Promise<VaultNode>;

  // transfers (unlocked)
  upload(parentId: NodeId, items: readonly UploadItem[], options: UploadOptions): Promise<UploadResult>;
  pendingUploads(): Promise<readonly PendingUpload[]>;
  /** Resumes interrupted uploads with the files the user picked again (matched by the UI on path and size). */
  resumeUploads(
    matches: readonly { readonly pendingId: string; readonly file: File }[],
    options: Omit<UploadOptions, 'conflict'>,
  ): Promise<UploadResult>;
  discardPendingUpload(pendingId: string): Promise<void>;
  /** A file, or a folder as a streamed ZIP. Resolves a `DownloadLink` for target `'url'`, else null when written. */
  downloadTo(id: NodeId, target: DownloadTarget, options?: DownloadOptions): Promise<DownloadLink | null>;
  /** Images, audio, video as one decrypted whole (audio and video seek through `readRange` where a service worker runs). */
  previewUrl(id: NodeId, options?: { readonly signal?: AbortSignal }): Promise<PreviewHandle>;
  /**
   * The verified plaintext bytes of `range`, streamed: only the encrypted chunks that cover the range are
   * fetched (a DEFLATE-stored file is decrypted from its start). The stream errors with a VaultError on
   * failure (`tampered`, `not-found` for a range past the end); cancelling it stops the read.
   */
  readRange(id: NodeId, range: ByteSpan, options?: { readonly signal?: AbortSignal }): ReadableStream<Uint8Array>;
  /**
   * The start of a file as text (UTF-8, invalid bytes replaced) for text/code previews, and as bytes for
   * renderers that need them (PDF). Separate from `previewUrl` because the CSP (`connect-src 'self'`)
   * forbids `fetch` of a blob: URL.
   */
  readText(id: NodeId, options: { readonly maxBytes: number; readonly signal?: AbortSignal }): Promise<{ readonly text: string; readonly truncated: boolean }>;
  readBytes(id: NodeId, options: { readonly maxBytes: number; readonly signal?: AbortSignal }): Promise<Uint8Array>;

  usage(): Promise<StorageUsage>;
  /** Makes files and folders available offline on this device (or stops); resolves once their bytes are kept. */
  setAvailableOffline(ids: readonly NodeId[], available: boolean): Promise<OfflineSummary>;
  offlineSummary(): Promise<OfflineSummary>;
  /** Frees everything this device keeps for offline use. */
  clearOffline(): Promise<OfflineSummary>;
  /** Changes made offline that wait to be sent, oldest first. */
  offlineChangesWaiting(): Promise<readonly OfflineChange[]>;
  /** Forgets a waiting change; a queued upload's sealed copy goes with it. */
  discardOfflineChange(id: string): Promise<void>;
  /** Tries to send the waiting changes now (they also go by themselves when the relay answers). */
  sendWaitingChanges(): Promise<void>;
  /** Every event from now on; the UI re-reads `listTree()` after subscribing to close the gap. */
  onChange(listener: (event: VaultEvent) => void): Unsubscribe;
}
