// The helper's DeviceStore (worker/src/client/remembered-device.ts): the device token and device secret
// from pairing, in one file in the helper's home. On Windows the secret part is protected with DPAPI for
// the current user (@primno/dpapi, loaded only there: if it is missing the helper refuses to store the
// key rather than keep it unprotected); elsewhere the file is written with mode 0600 in a 0700 folder.
// VaultCore gets a fresh in-memory DeviceRecord from it on each load (the record's CryptoKey can't be
// written to a file), so `unlockWithDevice` opens the vault with no password.
import { chmodSync, existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeBase64url, encodeBase64url } from '../../worker/src/client/base64url.js';
import { openDeviceRecord, sealDeviceRecord, type DeviceRecord, type DeviceSecrets, type DeviceStore } from '../../worker/src/client/remembered-device.js';
import { ensureHome, HOME_FILES } from './helper-home.js';

export interface PairedDevice { relay: string; login: string; accountId: string; deviceId: string; pairedAt: string }

interface DeviceFile extends PairedDevice {
  format: 1;
  protection: 'dpapi' | 'file-0600';
  /** JSON { token, secret } as base64url, DPAPI-protected when `protection` says so. */
  sealed: string;
}

interface Dpapi {
  protectData(data: Uint8Array, entropy: Uint8Array | null, scope: 'CurrentUser' | 'LocalMachine'): Uint8Array;
  unprotectData(data: Uint8Array, entropy: Uint8Array | null, scope: 'CurrentUser' | 'LocalMachine'): Uint8Array;
}

async function dpapi(): Promise<Dpapi> {
  const name = '@primno/dpapi';
  try {
    const mod = (await import(name)) as { Dpapi?: Dpapi; default?: { Dpapi?: Dpapi } };
    const api = mod.Dpapi ?? mod.default?.Dpapi;
    if (api) return api;
  } catch { /* reported below */ }
  throw new Error('DPAPI is not available (the @primno/dpapi package did not load), so the device key can\'t be stored protected. Reinstall the helper.');
}

const ENTROPY = new TextEncoder().encode('veilbox-helper/device-key');

export class FileDeviceStore implements DeviceStore {
  readonly path: string;

  constructor(readonly home: string, private readonly platform: NodeJS.Platform = process.platform) {
    this.path = join(home, HOME_FILES.device);
  }

  paired(): PairedDevice | null {
    const file = this.read();
    return file && { relay: file.relay, login: file.login, accountId: file.accountId, deviceId: file.deviceId, pairedAt: file.pairedAt };
  }

  private read(): DeviceFile | null {
    if (!existsSync(this.path)) return null;
    const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as DeviceFile;
    return parsed.format === 1 ? parsed : null;
  }

  /** What pairing gives: kept at once, replacing any earlier pairing. */
  async saveSecrets(device: PairedDevice, secrets: DeviceSecrets): Promise<void> {
    const plain = new TextEncoder().encode(JSON.stringify({ token: secrets.token, secret: encodeBase64url(secrets.secret) }));
    const protection = this.platform === 'win32' ? 'dpapi' : 'file-0600';
    const sealed = protection === 'dpapi' ? (await dpapi()).protectData(plain, ENTROPY, 'CurrentUser') : plain;
    const file: DeviceFile = { format: 1, ...device, protection, sealed: encodeBase64url(sealed) };
    plain.fill(0);
    ensureHome(this.home);
    const tmp = `${this.path}.tmp`;
    writeFileSync(tmp, JSON.stringify(file, null, 2), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.path);
  }

  async secrets(): Promise<DeviceSecrets | null> {
    const file = this.read();
    if (!file) return null;
    const raw = decodeBase64url(file.sealed);
    const plain = file.protection === 'dpapi' ? (await dpapi()).unprotectData(raw, ENTROPY, 'CurrentUser') : raw;
    const parsed = JSON.parse(new TextDecoder().decode(plain)) as { token: string; secret: string };
    plain.fill(0);
    return { token: parsed.token, secret: decodeBase64url(parsed.secret) };
  }

  async load(): Promise<DeviceRecord | null> {
    const file = this.read();
    const secrets = await this.secrets();
    if (!file || !secrets) return null;
    const record = await sealDeviceRecord({ login: file.login, accountId: file.accountId, deviceId: file.deviceId }, secrets);
    secrets.secret.fill(0);
    return record;
  }

  async save(record: DeviceRecord): Promise<void> {
    const current = this.paired();
    if (!current) throw new Error('The helper stores a device only through pairing.');
    const secrets = await openDeviceRecord(record);
    await this.saveSecrets({ ...current, login: record.login, accountId: record.accountId, deviceId: record.deviceId }, secrets);
    secrets.secret.fill(0);
  }

  async clear(): Promise<void> {
    rmSync(this.path, { force: true });
  }
}
