// The client core behind the UI's VaultClient (pwa/src/state/vault-client.ts): session state, account
// and device operations, and dispatch of tree and transfer operations to the unlocked VaultSession.
// Plain data in and out, callbacks as functions, so worker.ts can expose it through comlink as is and
// the Windows helper can call it directly in Node. Every method rejects only with a ClientError.
import { decodeBase64url } from './base64url.js';
import { derivePasswordKeys } from '../keys/password-keys.js';
import { WRAP_KEY_TYPES } from '../keys/labels.js';
import { deriveNodeKey } from '../keys/vault-key.js';
import * as account from './account.js';
import { ClientError, isClientError, toClientError } from './client-error.js';
import type { FileSource } from './file-upload.js';
import { copyTo, openContent, readStart, readWhole, type CopyTarget } from './file-download.js';
import { copyRange, type PlainRange } from './file-range.js';
import { zipFolder } from './folder-zip.js';
import { fromRelayKdf } from './kdf-params.js';
import type { WebSocketFactory } from './live-events.js';
import { recoverySheet, type RecoverySheet } from './recovery-sheet.js';
import { RelayApi, type FetchLike } from './relay-api.js';
import { isRelayError } from './relay-error.js';
import type { PendingUploadStore } from './pending-upload-store.js';
import type { RevisionStore } from './revision-store.js';
import type { OfflineStore } from './offline-store.js';
import { OfflineFiles, type OfflineSummary } from './offline-files.js';
import { OfflineChanges, type OfflineChangeSummary, type ReplayReport } from './offline-changes.js';
import type { OfflineChangeStore } from './offline-change-store.js';
import { summaryOf, type PendingUploadSummary } from './pending-uploads.js';
import { deviceWrap, newDeviceSecret, openDeviceRecord, sealDeviceRecord, type DeviceRecord, type DeviceStore } from './remembered-device.js';
import type { TreeDelta } from './tree-sync.js';
import type { UploadItemsOptions, UploadItemsResult } from './tree-uploads.js';
import { VaultSession } from './vault-session.js';
import { toClientNode, type ClientNode } from './vault-tree.js';

export type ClientStatus =
  | { state: 'signed-out' }
  | { state: 'locked'; login: string; deviceRemembered: boolean }
  | { state: 'unlocked'; login: string; unlockedWith: account.UnlockMethod; deviceRemembered: boolean; recoveryKeyConfirmed: boolean };

export type ClientEvent =
  | { type: 'status'; status: ClientStatus }
  /** `local`: this device's own picture (changes waiting to be sent), to apply whatever the revision. */
  | { type: 'nodes'; revision: number; upserted: ClientNode[]; removed: string[]; local?: boolean }
  | { type: 'usage'; usage: ClientUsage }
  | { type: 'connection'; online: boolean }
  /** The changes made offline that wait to be sent; `report` after a send. */
  | { type: 'offline-changes'; changes: OfflineChangeSummary[]; report?: ReplayReport }
  | { type: 'problem'; error: ClientError };

export interface ClientUsage { usedBytes: number; quotaBytes: number | null; trashBytes: number; versionsBytes: number }

export interface ClientDevice { id: string; label: string; kind: 'browser' | 'helper'; createdAt: number; lastSeenAt: number | null; current: boolean }

export interface VaultCoreOptions {
  baseUrl: string;
  sessionMode: 'cookie' | 'bearer';
  deviceStore: DeviceStore;
  /** null: no live events (tests that don't need them, or hosts without WebSocket). */
  webSocket: WebSocketFactory | null;
  fetch?: FetchLike;
  now?: () => number;
  /** Label for a remembered device when the caller gives none. */
  defaultDeviceLabel?: string;
  /** Where interrupted uploads are kept for a resume; none: they are not kept. */
  pendingUploadStore?: PendingUploadStore;
  /** Where the highest revision seen is kept between sessions; none: rollbacks are caught within a session only. */
  revisionStore?: RevisionStore;
  /** What opens the vault without the relay (offline-store.ts); none: nothing is kept for offline use. */
  offlineStore?: OfflineStore;
  /** Where changes made offline wait (with offlineStore); none: changes need the relay. */
  offlineChangeStore?: OfflineChangeStore;
}

/** How often waiting offline changes are tried again while the relay stays out of reach. */
const RESEND_MS = 10_000;
/** True when the browser knows it has no network at all (never true in Node). */
function browserOffline(): boolean {
  return typeof navigator !== 'undefined' && 'onLine' in navigator && navigator.onLine === false;
}

/** How long a change waits for the relay to answer before it is kept on the device instead. */
const PROBE_MS = 4_000;

export interface LogInOptions { rememberDevice?: boolean; deviceLabel?: string }

export class VaultCore {
  readonly api: RelayApi;
  private session: VaultSession | null = null;
  private offlineFiles: OfflineFiles | null = null;
  private offlineChanges: OfflineChanges | null = null;
  private resendTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly listeners = new Set<(event: ClientEvent) => void>();
  private readonly now: () => number;

  constructor(private readonly options: VaultCoreOptions) {
    this.api = new RelayApi({ baseUrl: options.baseUrl, sessionMode: options.sessionMode, fetch: options.fetch });
    this.now = options.now ?? Date.now;
  }

  // ---- events ----
  onChange(listener: (event: ClientEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: ClientEvent): void {
    for (const listener of this.listeners) {
      try { listener(event); } catch { /* a listener's failure is its own */ }
    }
  }

  private emitDelta(delta: TreeDelta, local = false): void {
    this.emit({ type: 'nodes', revision: delta.revision, upserted: delta.upserted, removed: delta.removed, ...(local ? { local } : {}) });
  }

  private async emitStatus(): Promise<ClientStatus> {
    const status = await this.getStatus();
    this.emit({ type: 'status', status });
    return status;
  }

  private need(): VaultSession {
    if (!this.session) throw new ClientError('locked', 'Unlock the vault first.');
    return this.session;
  }

  /** Runs an operation; a dead session on the relay turns into a status change as well as the error. */
  private async run<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (raw) {
      const error = toClientError(raw);
      if (error.kind === 'session-expired' && this.session) this.dropSession();
      if (error.kind === 'session-expired' || error.kind === 'device-revoked') void this.emitStatus().catch(() => undefined);
      throw error;
    }
  }

  /**
   * For feature modules beside the core (share-api.ts): runs `op` on the unlocked session, with the
   * same error mapping and session-expiry handling as every core call.
   */
  withSession<T>(op: (session: VaultSession) => Promise<T>): Promise<T> {
    return this.run(() => op(this.need()));
  }

  private dropSession(): void {
    if (this.resendTimer) clearTimeout(this.resendTimer);
    this.resendTimer = null;
    this.offlineChanges = null;
    this.session?.close();
    this.session = null;
  }

  private async startSession(keys: account.UnlockedKeys): Promise<void> {
    this.dropSession();
    const session = new VaultSession(this.api, keys, {
      onDelta: (delta) => {
        this.emitDelta(delta);
        // Keep the files made available offline in step with what changed.
        void this.offlineFiles?.refresh(session.tree).catch((error: unknown) => this.emit({ type: 'problem', error: toClientError(error) }));
      },
      onConnection: (online) => {
        this.emit({ type: 'connection', online });
        // A dropped socket alone says little (a busy relay, a proxy): the next change finds out for itself.
        if (online) void this.sendWaitingChanges();
      },
      onProblem: (error) => this.emit({ type: 'problem', error: toClientError(error) }),
      onUnauthorized: () => void this.sessionEndedByRelay(),
    }, this.now, { pendingUploads: this.options.pendingUploadStore ?? null, revisions: this.options.revisionStore ?? null, offline: this.options.offlineStore ?? null });
    const store = this.options.offlineStore;
    const changeStore = this.options.offlineChangeStore;
    this.offlineFiles = store ? new OfflineFiles(store, this.api, keys.accountId) : null;
    const changes = store && changeStore ? new OfflineChanges(changeStore, store, { nodeKey: keys.nodeKey, accountId: keys.accountId }, this.options.defaultDeviceLabel ?? 'Browser', this.now) : null;
    this.api.keptBlob = store ? async (blobId) => (await changes?.blob(blobId)) ?? store.blob(blobId) : null;
    try {
      await session.open(this.now);
      await changes?.load();
    } catch (error) {
      session.close();
      throw error;
    }
    this.session = session;
    this.offlineChanges = changes;
    // Changes made offline in an earlier visit show at once, and go out now if the relay answers.
    changes?.applyAll(session.tree);
    if (session.offline) this.emit({ type: 'connection', online: false });
    if (changes && changes.size > 0) {
      this.emit({ type: 'offline-changes', changes: changes.summaries() });
      void this.sendWaitingChanges();
    }
    else if (store && keys.passwordWrap && keys.kdf && keys.salt) {
      // What unlocks this account here when the relay is out of reach: only wrapped keys and parameters.
      await store.saveAccount({ accountId: keys.accountId, login: keys.login, kdf: keys.kdf, salt: keys.salt, passwordWrap: keys.passwordWrap, lastUsedAt: this.now() });
    }
    session.startLive(this.options.webSocket);
  }

  /**
   * The relay closed the live socket because the session stopped working. If this browser's device was
   * removed from the account, that is the reason to give ([Note: Sessions bound to a device] in
   * relay/src/routes/devices.ts); otherwise the session simply ended.
   */
  private async sessionEndedByRelay(): Promise<void> {
    this.dropSession();
    const record = await this.options.deviceStore.load().catch(() => null);
    const revoked = record !== null && await this.forgetIfRevoked(record);
    this.emit({ type: 'problem', error: revoked
      ? new ClientError('device-revoked', 'This browser was removed from the account; log in with the password to use it again.')
      : new ClientError('session-expired', 'The relay ended this session.') });
    await this.emitStatus().catch(() => undefined);
  }

  /** Asks the relay with the remembered device's own token; only its 401 means the device was removed. */
  private async forgetIfRevoked(record: DeviceRecord): Promise<boolean> {
    try {
      const { token, secret } = await openDeviceRecord(record);
      secret.fill(0);
      await this.deviceApi(token).account();
      return false;
    } catch (error) {
      if (!isRelayError(error) || error.status !== 401) return false;
      await this.options.deviceStore.clear();
      return true;
    }
  }

  // ---- session ----
  async getStatus(): Promise<ClientStatus> {
    const record = await this.options.deviceStore.load();
    if (this.session) {
      const { keys, tree } = this.session;
      const root = tree.nodes.get(tree.rootId);
      return {
        state: 'unlocked', login: keys.login, unlockedWith: keys.unlockedWith,
        deviceRemembered: record?.accountId === keys.accountId, recoveryKeyConfirmed: root?.body.settings?.recoveryConfirmed ?? false,
      };
    }
    if (this.api.sessionMode === 'cookie' || this.api.token !== null) {
      try {
        const me = await this.api.account();
        return { state: 'locked', login: me.name, deviceRemembered: record?.accountId === me.accountId };
      } catch (error) {
        if (!isRelayError(error) || error.status !== 401) {
          // The relay is out of reach: an account this device kept for offline use can still be unlocked.
          const kept = toClientError(error).kind === 'network' ? await this.options.offlineStore?.account() : undefined;
          if (kept) return { state: 'locked', login: kept.login, deviceRemembered: false };
          throw toClientError(error);
        }
      }
    }
    // No session: a remembered device can still unlock, unless it was removed from the account meanwhile.
    return record && !(await this.forgetIfRevoked(record)) ? { state: 'locked', login: record.login, deviceRemembered: true } : { state: 'signed-out' };
  }

  signUp(login: string, password: string, options: { inviteCode?: string } = {}): Promise<{ recoveryKey: RecoverySheet }> {
    return this.run(async () => {
      const { keys, recoveryKey } = await account.signUp(this.api, login, password, options.inviteCode);
      const sheet = recoverySheet(recoveryKey, keys.login);
      recoveryKey.fill(0);
      await this.startSession(keys);
      await this.emitStatus();
      return { recoveryKey: sheet };
    });
  }

  confirmRecoverySaved(): Promise<void> {
    return this.run(async () => {
      await this.setRecoveryConfirmed(true);
      await this.emitStatus();
    });
  }

  private async setRecoveryConfirmed(confirmed: boolean): Promise<void> {
    const session = this.need();
    await session.writer.mutate(session.tree.rootId, {
      touches: () => '',
      apply: (b) => ({ ...b, settings: { ...b.settings, recoveryConfirmed: confirmed } }),
    });
    await session.refresh();
  }

  newRecoveryKey(): Promise<RecoverySheet> {
    return this.run(async () => {
      const session = this.need();
      const key = await account.replaceRecoveryKey(this.api, session.keys);
      const sheet = recoverySheet(key, session.keys.login);
      key.fill(0);
      await this.setRecoveryConfirmed(false);
      await this.emitStatus();
      return sheet;
    });
  }

  logIn(login: string, password: string, options: LogInOptions = {}): Promise<ClientStatus> {
    return this.run(async () => {
      let keys: account.UnlockedKeys;
      try {
        keys = await account.logInWithPassword(this.api, login, password);
      } catch (error) {
        // The relay is out of reach: the copy this device kept opens the vault, if there is one.
        const kept = isClientError(error, 'network') ? await this.options.offlineStore?.account(login) : undefined;
        if (!kept) throw error;
        keys = await account.unlockOffline(kept, password);
      }
      await this.startSession(keys);
      if (options.rememberDevice && !this.session?.offline) await this.rememberDevice(options.deviceLabel);
      return this.emitStatus();
    });
  }

  /** Makes nodes available offline (or not); files below a folder follow it. Resolves once fetched. */
  setAvailableOffline(ids: readonly string[], available: boolean): Promise<OfflineSummary> {
    return this.run(async () => {
      const session = this.need();
      if (!this.offlineFiles) throw new ClientError('unsupported', 'This device can\'t keep files for offline use.');
      await this.offlineFiles.setPinned(session.tree, ids, available);
      return this.offlineFiles.summary(session.tree);
    });
  }

  offlineSummary(): Promise<OfflineSummary> {
    return this.run(async () => {
      const session = this.need();
      return this.offlineFiles ? this.offlineFiles.summary(session.tree) : { pinned: [], files: 0, bytes: 0 };
    });
  }

  /** Frees everything kept for offline use on this device. */
  clearOffline(): Promise<OfflineSummary> {
    return this.run(async () => {
      await this.offlineFiles?.clear();
      return { pinned: [], files: 0, bytes: 0 };
    });
  }

  logInWithRecoveryKey(login: string, keyText: string, options: LogInOptions = {}): Promise<ClientStatus> {
    return this.run(async () => {
      await this.startSession(await account.logInWithRecoveryKey(this.api, login, keyText));
      if (options.rememberDevice) await this.rememberDevice(options.deviceLabel);
      return this.emitStatus();
    });
  }

  unlockWithDevice(): Promise<ClientStatus> {
    return this.run(async () => {
      const record = await this.options.deviceStore.load();
      if (!record) throw new ClientError('device-revoked', 'This browser keeps no device key. Log in with your password.');
      const secrets = await openDeviceRecord(record);
      const deviceApi = this.deviceApi(secrets.token);
      let wrap: string | null;
      try {
        wrap = (await deviceApi.deviceSelf()).wrap;
      } catch (error) {
        if (isRelayError(error) && error.status === 401) {
          await this.options.deviceStore.clear();
          throw new ClientError('device-revoked', 'This device was removed from the account. Log in with your password.');
        }
        throw error;
      }
      if (wrap === null) throw new ClientError('device-revoked', 'This device has no key on the relay any more. Log in with your password.');
      const vaultKey = await account.unwrapOrTampered(secrets.secret, wrap, WRAP_KEY_TYPES.vaultByDevice, record.deviceId);
      secrets.secret.fill(0);
      // Keep a live login session if there is one (the browser's WebSocket can only send the cookie);
      // otherwise the device token is the session.
      let me = await this.api.account().catch(() => null);
      if (!me || me.accountId !== record.accountId) {
        this.api.token = secrets.token;
        me = await this.api.account();
      }
      const nodeKey = await deriveNodeKey(vaultKey);
      await this.startSession({
        accountId: me.accountId, login: me.name, vaultKey, nodeKey, unlockedWith: 'device', proof: null,
        kdf: null, salt: null, passwordWrap: null, revision: me.revision,
      });
      return this.emitStatus();
    });
  }

  private deviceApi(token: string): RelayApi {
    const api = new RelayApi({ baseUrl: this.options.baseUrl, sessionMode: 'bearer', fetch: this.options.fetch });
    api.token = token;
    return api;
  }

  async lock(): Promise<void> {
    this.dropSession();
    await this.emitStatus().catch(() => undefined);
  }

  logOut(options: { forgetDevice?: boolean } = {}): Promise<void> {
    return this.run(async () => {
      if (options.forgetDevice) await this.forgetDevice();
      try {
        await this.api.logOut();
      } catch (error) {
        if (!isRelayError(error) || error.status !== 401) throw error;
      }
      this.api.token = null;
      this.dropSession();
      await this.emitStatus().catch(() => undefined);
    });
  }

  changePassword(oldPassword: string, newPassword: string): Promise<void> {
    return this.run(async () => {
      const session = this.need();
      const keys = session.keys;
      const pre = keys.kdf && keys.salt ? { kdf: keys.kdf, salt: keys.salt } : await this.api.prelogin(keys.login);
      const old = await derivePasswordKeys(oldPassword, decodeBase64url(pre.salt), fromRelayKdf(pre.kdf));
      old.passwordKek.fill(0);
      const changed = await account.changePassword(this.api, keys, { authKey: old.authKey }, newPassword);
      Object.assign(keys, { proof: { authKey: changed.authKey }, kdf: changed.kdf, salt: changed.salt, passwordWrap: changed.passwordWrap });
    });
  }

  setPasswordAfterRecovery(newPassword: string): Promise<void> {
    return this.run(async () => {
      const session = this.need();
      const keys = session.keys;
      if (!keys.proof || !('recoveryAuthKey' in keys.proof)) throw new ClientError('locked', 'Log in with the recovery key first.');
      const changed = await account.changePassword(this.api, keys, keys.proof, newPassword);
      Object.assign(keys, { proof: { authKey: changed.authKey }, kdf: changed.kdf, salt: changed.salt, passwordWrap: changed.passwordWrap, unlockedWith: 'password' });
      await this.emitStatus();
    });
  }

  // ---- devices ----
  rememberDevice(label?: string): Promise<void> {
    return this.run(async () => {
      const session = this.need();
      const previous = await this.options.deviceStore.load();
      if (previous) await this.revokeQuietly(previous.deviceId);
      const name = (label ?? this.options.defaultDeviceLabel ?? 'Browser').slice(0, 64);
      const device = await this.api.registerDevice(name);
      const secret = newDeviceSecret();
      await this.deviceApi(device.deviceToken).setDeviceWrap(await deviceWrap(secret, session.keys.vaultKey, device.deviceId));
      await this.options.deviceStore.save(await sealDeviceRecord(
        { login: session.keys.login, accountId: session.keys.accountId, deviceId: device.deviceId },
        { token: device.deviceToken, secret },
      ));
      secret.fill(0);
      await this.emitStatus();
    });
  }

  private async revokeQuietly(deviceId: string): Promise<void> {
    try {
      await this.api.revokeDevice(deviceId);
    } catch (error) {
      if (!isRelayError(error, 'device_not_found')) throw error;
    }
  }

  forgetDevice(): Promise<void> {
    return this.run(async () => {
      const record = await this.options.deviceStore.load();
      if (!record) return;
      await this.revokeQuietly(record.deviceId);
      await this.options.deviceStore.clear();
      await this.emitStatus().catch(() => undefined);
    });
  }

  listDevices(): Promise<ClientDevice[]> {
    return this.run(async () => {
      const record = await this.options.deviceStore.load();
      return (await this.api.listDevices()).map((d) => ({
        id: d.deviceId, label: d.name,
        // The relay does not record what kind a device is; only the helper registers through pairing.
        kind: 'browser' as const,
        createdAt: Date.parse(d.createdAt), lastSeenAt: d.lastSeenAt === null ? null : Date.parse(d.lastSeenAt),
        current: d.current || d.deviceId === record?.deviceId,
      }));
    });
  }

  revokeDevice(id: string): Promise<void> {
    return this.run(async () => {
      const record = await this.options.deviceStore.load();
      if (record?.deviceId === id) return this.forgetDevice();
      await this.api.revokeDevice(id);
    });
  }

  // ---- the tree ----
  listTree(): Promise<{ rootId: string; nodes: ClientNode[]; revision: number }> {
    return this.run(async () => {
      const session = this.need();
      await session.refresh().catch((error: unknown) => {
        // Out of reach: what this session holds is the answer; the connection state says it may be behind.
        if (toClientError(error).kind !== 'network') throw error;
      });
      return session.tree.snapshot();
    });
  }

  /** Runs a tree change, then pulls the change log so `nodes` events go out for it. */
  private change<T>(op: (s: VaultSession) => Promise<T>): Promise<T> {
    return this.run(async () => {
      const session = this.need();
      try {
        return await op(session);
      } finally {
        await session.refresh().catch(() => undefined);
      }
    });
  }

  /**
   * A tree change that can wait: straight to the relay, or kept on this device while the relay is out of
   * reach, and after earlier waiting changes so the order holds ([Note: Offline changes]).
   * `retryQueued`: a network failure of the direct attempt queues it (safe for changes replayed as
   * intents; an upload batch reports its own failures instead).
   */
  private changeOrQueue<T>(direct: (s: VaultSession) => Promise<T>, queued: (q: OfflineChanges, s: VaultSession) => Promise<T>, retryQueued = true): Promise<T> {
    return this.run(async () => {
      const session = this.need();
      const changes = this.offlineChanges;
      if (!changes) return this.change(direct);
      // Believed offline, or behind waiting changes: ask the relay first, so a blip that is over (a relay
      // restart, a reconnecting socket) doesn't send this change the long way round.
      if (browserOffline() && !session.offline) this.workOffline(session);
      if ((session.offline || changes.pending > 0) && await this.reachable(session)) await this.sendWaitingChanges();
      if (session.offline || changes.pending > 0) return this.queue(session, changes, queued);
      try {
        return await this.change(direct);
      } catch (error) {
        if (!retryQueued || !isClientError(error, 'network')) throw error;
        this.workOffline(session);
        return this.queue(session, changes, queued);
      }
    });
  }

  private async queue<T>(session: VaultSession, changes: OfflineChanges, op: (q: OfflineChanges, s: VaultSession) => Promise<T>): Promise<T> {
    try {
      return await op(changes, session);
    } finally {
      this.emitDelta(changes.deltaOf(session.tree, changes.touchedIds()), true);
      this.emit({ type: 'offline-changes', changes: changes.summaries() });
      this.scheduleResend();
    }
  }

  /** Whether the relay answers a pull within PROBE_MS; an answer ends working offline. */
  private async reachable(session: VaultSession): Promise<boolean> {
    const wasOffline = session.offline;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      await Promise.race([
        session.sync.pull(),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new ClientError('network', 'The relay did not answer in time.')), PROBE_MS); }),
      ]);
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
    if (wasOffline && !session.offline) this.emit({ type: 'connection', online: true });
    return true;
  }

  /** The relay stopped answering mid-session: changes wait on this device from now on. */
  private workOffline(session: VaultSession): void {
    if (session.offline || !this.offlineChanges) return;
    session.offline = true;
    this.api.workingOffline = true;
    this.emit({ type: 'connection', online: false });
  }

  private scheduleResend(): void {
    // A refused upload alone waits for the user ("Try again", or the next unlock or reconnect).
    if (this.resendTimer || !this.offlineChanges || this.offlineChanges.pending === 0) return;
    this.resendTimer = setTimeout(() => {
      this.resendTimer = null;
      void this.sendWaitingChanges();
    }, RESEND_MS);
  }

  /**
   * Sends the waiting changes ("Send now"; also on reconnect, at unlock and every RESEND_MS); while the
   * relay stays out of reach they wait. Never rejects: failures arrive as events.
   */
  async sendWaitingChanges(): Promise<void> {
    const session = this.session;
    const changes = this.offlineChanges;
    if (!session || !changes || changes.size === 0) return;
    const touched = changes.touchedIds();
    let report: ReplayReport | undefined;
    try {
      report = await changes.replay(session);
      if (session.offline) {
        session.offline = false;
        this.api.workingOffline = false;
        this.emit({ type: 'connection', online: true });
      }
    } catch (raw) {
      const error = toClientError(raw);
      if (error.kind === 'network') this.workOffline(session);
      else this.emit({ type: 'problem', error });
    }
    if (this.session !== session) return;
    this.emitDelta(changes.deltaOf(session.tree, touched), true);
    this.emit({ type: 'offline-changes', changes: changes.summaries(), report });
    if (report) await session.refresh().catch(() => undefined);
    this.scheduleResend();
  }

  /** The changes made offline that wait to be sent. */
  offlineChangesWaiting(): Promise<OfflineChangeSummary[]> {
    return this.run(async () => { this.need(); return this.offlineChanges?.summaries() ?? []; });
  }

  /** Drops a waiting change (a queued upload's sealed copy with it). */
  discardOfflineChange(id: string): Promise<void> {
    return this.run(async () => {
      const session = this.need();
      const changes = this.offlineChanges;
      if (!changes) return;
      this.emitDelta(await changes.discard(session.tree, id), true);
      this.emit({ type: 'offline-changes', changes: changes.summaries() });
    });
  }

  createFolder(parentId: string, name: string): Promise<ClientNode> {
    return this.changeOrQueue(async (s) => toClientNode(await s.ops.createFolder(parentId, name)), async (q, s) => toClientNode(await q.createFolder(s.tree, parentId, name)));
  }
  rename(id: string, name: string): Promise<ClientNode> {
    return this.changeOrQueue(async (s) => toClientNode(await s.ops.rename(id, name)), async (q, s) => toClientNode(await q.rename(s.tree, id, name)));
  }
  move(ids: readonly string[], parentId: string): Promise<void> {
    return this.changeOrQueue((s) => s.ops.move(ids, parentId), (q, s) => q.move(s.tree, ids, parentId));
  }
  trash(ids: readonly string[]): Promise<void> {
    return this.changeOrQueue((s) => s.ops.trash(ids), (q, s) => q.trash(s.tree, ids));
  }
  restore(ids: readonly string[]): Promise<void> {
    return this.change((s) => s.ops.restore(ids));
  }
  deleteForever(ids: readonly string[]): Promise<void> {
    return this.change(async (s) => { await s.ops.deleteForever(ids); this.emitUsage(); });
  }
  emptyTrash(): Promise<void> {
    return this.change(async (s) => { await s.ops.emptyTrash(); this.emitUsage(); });
  }
  versions(id: string) {
    return this.run(async () => this.need().ops.versions(id));
  }
  restoreVersion(id: string, version: number): Promise<ClientNode> {
    return this.change(async (s) => toClientNode(await s.ops.restoreVersion(id, version)));
  }

  // ---- transfers ----
  upload(parentId: string, items: readonly { file: FileSource; relativePath: string }[], options: UploadItemsOptions): Promise<UploadItemsResult> {
    return this.changeOrQueue(async (s) => {
      const result = await s.uploads.upload(parentId, items, options);
      this.emitUsage();
      return result;
    }, (q, s) => q.uploadItems(s.tree, parentId, items, options), false);
  }

  /** Uploads cut short by a reload or a long network cut, kept on this device (no keys in the answer). */
  pendingUploads(): Promise<PendingUploadSummary[]> {
    return this.run(async () => (await this.need().uploads.pendingUploads()).map(summaryOf));
  }

  resumeUploads(matches: readonly { pendingId: string; file: FileSource }[], options: Omit<UploadItemsOptions, 'conflict'>): Promise<UploadItemsResult> {
    return this.change(async (s) => {
      const result = await s.uploads.resume(matches, options);
      this.emitUsage();
      return result;
    });
  }

  discardPendingUpload(pendingId: string): Promise<void> {
    return this.run(() => this.need().uploads.discard(pendingId));
  }

  private fileOf(id: string) {
    const node = this.need().tree.get(id);
    if (node.body.type !== 'file' || !node.body.content) throw new ClientError('not-found', 'That is not a file.', { nodeId: id });
    return { node, content: node.body.content };
  }

  /** A file or a folder (as ZIP) into `target`; with target 'url' the result comes back as a Blob. */
  downloadTo(id: string, target: CopyTarget | 'url', options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal } = {}): Promise<{ blob: Blob; fileName: string } | null> {
    return this.run(async () => {
      const session = this.need();
      const node = session.tree.get(id);
      const fileName = node.body.type === 'folder' ? `${node.body.name || 'Veilbox'}.zip` : node.body.name;
      if (target === 'url') {
        const parts: Uint8Array[] = [];
        await this.writeTo(session, id, new WritableStream({ write(chunk) { parts.push(chunk); } }), options);
        const type = node.body.type === 'folder' ? 'application/zip' : node.body.content?.mediaType ?? 'application/octet-stream';
        return { blob: new Blob(parts as Uint8Array<ArrayBuffer>[], { type }), fileName };
      }
      await this.writeTo(session, id, target, options);
      return null;
    });
  }

  private async writeTo(session: VaultSession, id: string, target: CopyTarget, options: { onProgress?: (done: number, total: number) => void; signal?: AbortSignal }): Promise<void> {
    const node = session.tree.get(id);
    if (node.body.type === 'folder') return zipFolder(this.api, session.tree, id, target, options);
    const { content } = this.fileOf(id);
    await copyTo(await openContent(this.api, content, id, options.signal), target, content.size, id, options);
  }

  /** What a streamed download is saved as: name, plaintext size (null for a folder's ZIP, not known ahead) and type. */
  downloadInfo(id: string): Promise<{ fileName: string; size: number | null; mediaType: string }> {
    return this.run(async () => {
      const node = this.need().tree.get(id);
      if (node.body.type === 'folder') return { fileName: `${node.body.name || 'Veilbox'}.zip`, size: null, mediaType: 'application/zip' };
      const { content } = this.fileOf(id);
      return { fileName: node.body.name, size: content.size, mediaType: content.mediaType || 'application/octet-stream' };
    });
  }

  /** Plaintext bytes [start, end) of a file into `target`, reading only the chunks that cover them (file-range.ts). */
  readRange(id: string, range: PlainRange, target: WritableStream<Uint8Array>, options: { signal?: AbortSignal } = {}): Promise<void> {
    return this.run(async () => {
      const { content } = this.fileOf(id);
      await copyRange(this.api, content, id, range, target, options.signal);
    });
  }

  /** The whole verified file as a Blob for previews (images, audio, video). */
  previewBlob(id: string, options: { signal?: AbortSignal } = {}): Promise<{ blob: Blob; mediaType: string }> {
    return this.run(async () => {
      const { content } = this.fileOf(id);
      const parts = await readWhole(await openContent(this.api, content, id, options.signal), id, { total: content.size, signal: options.signal });
      return { blob: new Blob(parts as Uint8Array<ArrayBuffer>[], { type: content.mediaType }), mediaType: content.mediaType };
    });
  }

  readBytes(id: string, options: { maxBytes: number; signal?: AbortSignal }): Promise<Uint8Array> {
    return this.run(async () => {
      const { content } = this.fileOf(id);
      return (await readStart(await openContent(this.api, content, id, options.signal), options.maxBytes, id, options.signal)).bytes;
    });
  }

  readText(id: string, options: { maxBytes: number; signal?: AbortSignal }): Promise<{ text: string; truncated: boolean }> {
    return this.run(async () => {
      const { content } = this.fileOf(id);
      const { bytes, truncated } = await readStart(await openContent(this.api, content, id, options.signal), options.maxBytes, id, options.signal);
      return { text: new TextDecoder('utf-8').decode(bytes), truncated };
    });
  }

  usage(): Promise<ClientUsage> {
    return this.run(async () => {
      let trashBytes = 0;
      let versionsBytes = 0;
      let allBytes = 0;
      const session = this.session;
      if (session) {
        for (const node of session.tree.nodes.values()) {
          const own = (node.body.content?.blobSize ?? 0);
          const old = node.body.versions.reduce((s, c) => s + c.blobSize, 0);
          allBytes += own + old;
          if (session.tree.inTrash(node.id)) trashBytes += own + old;
          else versionsBytes += old;
        }
      }
      const me = await this.api.account().catch((error: unknown) => {
        // Offline, the tree this device kept still says what the files take; the quota is the relay's to say.
        if (session?.offline && toClientError(error).kind === 'network') return null;
        throw error;
      });
      return { usedBytes: me?.usage ?? allBytes, quotaBytes: me ? me.quota : null, trashBytes, versionsBytes };
    });
  }

  private emitUsage(): void {
    this.usage().then((usage) => this.emit({ type: 'usage', usage }), () => undefined);
  }
}
