// Keys of one pairing (DESIGN.md §3 "Pairing"), all from the one-time secret by HKDF-SHA-256: the
// pairing id (so the typed code carries it), the claim token whose SHA-256 the relay keeps, the key
// the offered vault key is wrapped under, and the 6-digit verification code both screens show, bound
// to the device id the relay gave the claimer (a code claimed by anyone else shows other digits).
import { randomBytes, utf8 } from '../format/bytes.js';
import { hkdf } from '../format/hkdf.js';
import { sha256Of } from '../format/sha256-hasher.js';
import { KEY_BYTES } from '../keys/key-sizes.js';
import { HKDF_SALT, WRAP_KEY_TYPES } from '../keys/labels.js';
import { unwrapKey, wrapKey } from '../keys/wrap.js';
import { decodeBase64url, encodeBase64url } from './base64url.js';
import { PAIRING_SECRET_BYTES } from './pairing-code.js';

const LABEL_ID = 'veilbox/v1/pairing/id';
const LABEL_AUTH = 'veilbox/v1/pairing/auth';
const LABEL_KEY = 'veilbox/v1/pairing/key';
const LABEL_VERIFY = 'veilbox/v1/pairing/verify';
/** The relay's ids are 16 random bytes in base64url. */
const ID_BYTES = 16;

export interface PairingKeys {
  pairingId: string;
  /** Sent by the claimer; the relay keeps SHA-256 of it. base64url, 43 characters. */
  token: string;
  /** Wraps the vault key in the pairing's payload (wrap type vault-key/device, owner `pairing:<id>`). */
  key: Uint8Array;
}

export function newPairingSecret(): Uint8Array {
  return randomBytes(PAIRING_SECRET_BYTES);
}

export async function derivePairingKeys(secret: Uint8Array): Promise<PairingKeys> {
  const [id, token, key] = await Promise.all([
    hkdf('SHA-256', secret, HKDF_SALT, utf8(LABEL_ID), ID_BYTES),
    hkdf('SHA-256', secret, HKDF_SALT, utf8(LABEL_AUTH), 32),
    hkdf('SHA-256', secret, HKDF_SALT, utf8(LABEL_KEY), KEY_BYTES),
  ]);
  return { pairingId: encodeBase64url(id), token: encodeBase64url(token), key };
}

/** SHA-256 of the token's raw bytes, as the relay hashes it (relay/src/auth/tokens.ts). */
export async function pairingTokenHash(token: string): Promise<string> {
  return encodeBase64url(await sha256Of(decodeBase64url(token)));
}

function payloadOwner(pairingId: string): string {
  return `pairing:${pairingId}`;
}

export function wrapForPairing(keys: PairingKeys, vaultKey: Uint8Array): Promise<Uint8Array> {
  return wrapKey(keys.key, vaultKey, WRAP_KEY_TYPES.vaultByDevice, payloadOwner(keys.pairingId));
}

export function unwrapFromPairing(keys: PairingKeys, payload: Uint8Array): Promise<Uint8Array> {
  return unwrapKey(keys.key, payload, WRAP_KEY_TYPES.vaultByDevice, payloadOwner(keys.pairingId));
}

/** Six digits both sides compute from the secret and the device id the relay gave the claimer. */
export async function verificationCode(secret: Uint8Array, deviceId: string): Promise<string> {
  const bytes = await hkdf('SHA-256', secret, HKDF_SALT, utf8(`${LABEL_VERIFY}/${deviceId}`), 4);
  const n = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0;
  return String(n % 1_000_000).padStart(6, '0');
}
