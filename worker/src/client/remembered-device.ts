// "Remember this device": how a browser (or the helper) keeps what it needs to open the vault without
// the password. See [Note: Remembered device keys].
import { randomBytes } from '../format/bytes.js';
import { openOnDevice, sealOnDevice } from '../format/device-local-seal.js';
import { KEY_BYTES } from '../keys/key-sizes.js';
import { WRAP_KEY_TYPES } from '../keys/labels.js';
import { wrapKey } from '../keys/wrap.js';
import { decodeBase64url, encodeBase64url } from './base64url.js';
import { ClientError } from './client-error.js';

/*
 * [Note: Remembered device keys]
 * Registering a device gives a device id and a bearer token from the relay (POST /devices). The client
 * then makes a random 256-bit device secret and stores on the relay (PUT /devices/self/wrap) the vault
 * key wrapped under that secret, with context `veilbox/v1/wrap ‖ vault-key/device ‖ deviceId`.
 * Locally it keeps `DeviceRecord`: the token and the secret, encrypted with AES-256-GCM under a
 * *non-extractable* CryptoKey made for this purpose, plus that CryptoKey itself (IndexedDB stores
 * CryptoKeys by structured clone; script can use it but never read it out).
 * Why this shape: the format's wrapKey needs raw key bytes, so the device key can't itself be a
 * non-extractable CryptoKey; putting the raw secret behind one keeps it unreadable to anything that
 * only copies IndexedDB contents out through script (an injected script can still *use* the key while
 * the app runs — nothing in a browser prevents that). Opening the vault needs both halves: the local
 * record and the relay's wrap, so revoking the device on the relay (which deletes wrap and token) makes
 * the local record useless, and a stolen relay database holds only a wrap under a key it never saw.
 * Nothing secret is in localStorage, and the vault key itself is never stored on the device.
 * The Node helper passes a DeviceStore that protects the record with DPAPI instead.
 */
export interface DeviceRecord {
  login: string;
  accountId: string;
  deviceId: string;
  /** AES-GCM IV of `sealed`. */
  iv: Uint8Array;
  /** AES-256-GCM of JSON { token, secret } under `key`. */
  sealed: Uint8Array;
  key: CryptoKey;
}

/** Where the one remembered-device record of this browser (or helper) lives. */
export interface DeviceStore {
  load(): Promise<DeviceRecord | null>;
  save(record: DeviceRecord): Promise<void>;
  clear(): Promise<void>;
}

export class MemoryDeviceStore implements DeviceStore {
  private record: DeviceRecord | null = null;
  async load() { return this.record; }
  async save(record: DeviceRecord) { this.record = record; }
  async clear() { this.record = null; }
}

export interface DeviceSecrets { token: string; secret: Uint8Array }

export async function sealDeviceRecord(base: { login: string; accountId: string; deviceId: string }, secrets: DeviceSecrets): Promise<DeviceRecord> {
  const plain = new TextEncoder().encode(JSON.stringify({ token: secrets.token, secret: encodeBase64url(secrets.secret) }));
  const { key, iv, sealed } = await sealOnDevice(plain);
  plain.fill(0);
  return { ...base, iv, sealed, key };
}

export async function openDeviceRecord(record: DeviceRecord): Promise<DeviceSecrets> {
  try {
    const plain = await openOnDevice(record);
    const parsed = JSON.parse(new TextDecoder().decode(plain)) as { token: string; secret: string };
    return { token: parsed.token, secret: decodeBase64url(parsed.secret) };
  } catch {
    throw new ClientError('device-revoked', 'This browser\'s saved device key can\'t be read any more. Log in with your password.');
  }
}

export function newDeviceSecret(): Uint8Array {
  return randomBytes(KEY_BYTES);
}

export async function deviceWrap(secret: Uint8Array, vaultKey: Uint8Array, deviceId: string): Promise<string> {
  return encodeBase64url(await wrapKey(secret, vaultKey, WRAP_KEY_TYPES.vaultByDevice, deviceId));
}
