// Sealing a small secret on this device under a fresh non-extractable AES-256-GCM CryptoKey: the key
// can be stored (IndexedDB keeps CryptoKeys) but its bytes can never be read back out, not even by
// this app. Used for what a remembered browser keeps ([Note: Remembered device keys]).
import { AEAD_NONCE_BYTES } from './constants.js';
import { randomBytes } from './bytes.js';

export interface DeviceLocalSealed {
  /** Non-extractable; usable only for encrypt/decrypt. */
  key: CryptoKey;
  iv: Uint8Array;
  sealed: Uint8Array;
}

export async function sealOnDevice(plain: Uint8Array): Promise<DeviceLocalSealed> {
  const key = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
  const iv = randomBytes(AEAD_NONCE_BYTES);
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer> }, key, plain as Uint8Array<ArrayBuffer>));
  return { key, iv, sealed };
}

/** Rejects when the record was altered or the key is not the one it was sealed with. */
export async function openOnDevice(record: DeviceLocalSealed): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: record.iv as Uint8Array<ArrayBuffer> }, record.key, record.sealed as Uint8Array<ArrayBuffer>));
}
