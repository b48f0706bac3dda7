// Device records (docs/FORMAT.md "Device records"): per-device records kept on the relay as node records
// (same routes, change log and compare-and-swap), sealed under their own key (keys/device-records.ts),
// so they never enter the file tree: tree-sync.ts hands every record the node key doesn't open to
// `take`, and a record that neither key opens is still `tampered`. One record per kind and device, at
// an id derived from the key, so two writers can't make two. Today: a helper's sync settings and
// status (helper-records.ts). See [Note: Helper settings through device records].
import { deriveDeviceRecordKey, deviceRecordIdBytes, openDeviceRecord, sealDeviceRecord } from '../keys/device-records.js';
import { decodeBase64url, encodeBase64url } from './base64url.js';
import { ClientError, toClientError } from './client-error.js';
import { HELPER_SETTINGS, HELPER_STATUS, isHelperSettings, isHelperStatus } from './helper-records.js';
import type { NodeChange, RelayApi } from './relay-api.js';
import { isRelayError } from './relay-error.js';

/*
 * [Note: Helper settings through device records]
 * The PWA and a paired helper talk through two records per helper: settings (written by the PWA: which
 * vault folder, paused, the answer to a paused mass deletion) and status (written by the helper after
 * each pass and state change). Both are node records on the relay, so there is no new route, the live
 * events already tell every client when one changed, and the relay sees only what it sees of any node:
 * an id, a version and a size. Their own key keeps them out of the file tree and out of any client
 * that doesn't know them (which then reports them as records it can't open, as it would any other).
 */

export type DeviceRecordKind = typeof HELPER_SETTINGS | typeof HELPER_STATUS;

interface RecordBody { v: 1; kind: DeviceRecordKind; deviceId: string; data: unknown }

export interface StoredDeviceRecord { id: string; version: number; kind: DeviceRecordKind; deviceId: string; data: unknown }

const MAX_ATTEMPTS = 5;

function validData(kind: DeviceRecordKind, data: unknown): boolean {
  return kind === HELPER_SETTINGS ? isHelperSettings(data) : isHelperStatus(data);
}

export class DeviceRecords {
  private readonly byId = new Map<string, StoredDeviceRecord>();
  private readonly ids = new Map<string, Promise<string>>();
  private readonly listeners = new Set<() => void>();
  private key: Promise<Uint8Array> | null = null;
  private notifyQueued = false;

  /** `pull` brings the change log up to date (after a compare-and-swap conflict). */
  constructor(private readonly api: RelayApi, private readonly vaultKey: Uint8Array, private readonly accountId: string, private readonly pull: () => Promise<unknown>) {}

  private recordKey(): Promise<Uint8Array> {
    return this.key ??= deriveDeviceRecordKey(this.vaultKey);
  }

  idOf(kind: DeviceRecordKind, deviceId: string): Promise<string> {
    const k = `${kind}\n${deviceId}`;
    let id = this.ids.get(k);
    if (!id) {
      id = this.recordKey().then((key) => deviceRecordIdBytes(key, kind, deviceId)).then(encodeBase64url);
      this.ids.set(k, id);
    }
    return id;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** A record the node key didn't open: true when it is a device record (kept), false when not ours either. */
  async take(change: NodeChange): Promise<boolean> {
    if (change.body === undefined) return false;
    let body: RecordBody;
    try {
      const bytes = await openDeviceRecord(await this.recordKey(), decodeBase64url(change.body), { accountId: this.accountId, nodeId: change.id, version: change.version });
      body = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as RecordBody;
    } catch {
      return false;
    }
    // Opened under our key, so we wrote it; it must also sit at the id its kind and device give.
    if (body?.v !== 1 || (body.kind !== HELPER_SETTINGS && body.kind !== HELPER_STATUS) || typeof body.deviceId !== 'string'
      || !validData(body.kind, body.data) || await this.idOf(body.kind, body.deviceId) !== change.id) return false;
    const known = this.byId.get(change.id);
    if (known && known.version > change.version) {
      throw new ClientError('rollback', `The relay shows version ${change.version} of a device record this client saw at ${known.version}.`, { nodeId: change.id });
    }
    this.byId.set(change.id, { id: change.id, version: change.version, kind: body.kind, deviceId: body.deviceId, data: body.data });
    if (known?.version !== change.version) this.changed();
    return true;
  }

  /** A deleted id: true when it was a device record. */
  forget(id: string): boolean {
    if (!this.byId.delete(id)) return false;
    this.changed();
    return true;
  }

  get(kind: DeviceRecordKind, deviceId: string): StoredDeviceRecord | null {
    for (const r of this.byId.values()) if (r.kind === kind && r.deviceId === deviceId) return r;
    return null;
  }

  list(): StoredDeviceRecord[] {
    return [...this.byId.values()];
  }

  /** Called (once per burst) whenever a record arrived, changed or went. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    if (this.notifyQueued) return;
    this.notifyQueued = true;
    queueMicrotask(() => {
      this.notifyQueued = false;
      for (const l of this.listeners) {
        try { l(); } catch { /* a listener's failure is its own */ }
      }
    });
  }

  /** Writes `kind`'s record for `deviceId` as `update` makes it from the current one (null: none yet); retried on a concurrent write. */
  async write<T>(kind: DeviceRecordKind, deviceId: string, update: (current: T | null) => T): Promise<T> {
    const id = await this.idOf(kind, deviceId);
    for (let attempt = 1; ; attempt++) {
      const current = this.byId.get(id);
      const data = update(current ? current.data as T : null);
      if (!validData(kind, data)) throw new ClientError('server', `A ${kind} record of the wrong shape was about to be written.`);
      const version = (current?.version ?? 0) + 1;
      const body: RecordBody = { v: 1, kind, deviceId, data };
      const sealed = await sealDeviceRecord(await this.recordKey(), new TextEncoder().encode(JSON.stringify(body)), { accountId: this.accountId, nodeId: id, version });
      try {
        const answer = await this.api.putNode(id, current?.version ?? 0, encodeBase64url(sealed));
        this.byId.set(id, { id, version: answer.version, kind, deviceId, data });
        return data;
      } catch (error) {
        if (!isRelayError(error, 'version_conflict') || attempt >= MAX_ATTEMPTS) throw toClientError(error, { nodeId: id });
        await this.pull();
      }
    }
  }

  /** Deletes every record of the device (when it is removed from the account). */
  async removeDevice(deviceId: string): Promise<void> {
    for (const kind of [HELPER_SETTINGS, HELPER_STATUS] as const) {
      const id = await this.idOf(kind, deviceId);
      for (let attempt = 1; this.byId.has(id); attempt++) {
        try {
          await this.api.deleteNode(id, this.byId.get(id)!.version);
          this.forget(id);
        } catch (error) {
          if (isRelayError(error, 'node_not_found') || isRelayError(error, 'node_deleted')) this.forget(id);
          else if (!isRelayError(error, 'version_conflict') || attempt >= MAX_ATTEMPTS) throw toClientError(error, { nodeId: id });
          else await this.pull();
        }
      }
    }
  }

  wipe(): void {
    void this.key?.then((k) => k.fill(0), () => undefined);
    this.key = null;
    this.byId.clear();
    this.listeners.clear();
  }
}
