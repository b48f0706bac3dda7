// Device records (docs/FORMAT.md "Device records"): small per-device records that travel among the node
// records, such as a paired helper's sync settings (written by the PWA) and status (written by the
// helper). Sealed under their own key, HKDF-SHA-256(vaultKey, "veilbox/v1/vault/device-record-key"),
// with context "veilbox/v1/device-record" ‖ accountId ‖ nodeId ‖ version, so a node key never opens
// one and the relay can't move or replay one. Their node ids come from the same key, so each device has
// exactly one record of each kind and the relay can't tell them from file and folder ids.
import { utf8 } from '../format/bytes.js';
import { cobblestoneDecrypt, cobblestoneEncrypt } from '../format/cobblestone.js';
import { hkdf } from '../format/hkdf.js';
import { encodeContext } from './context.js';
import { KEY_BYTES } from './key-sizes.js';
import { CONTEXT_DEVICE_RECORD, HKDF_SALT, LABEL_DEVICE_RECORD_ID, LABEL_VAULT_DEVICE_RECORD_KEY } from './labels.js';
import type { NodePlace } from './records.js';
import { checkKey } from './vault-key.js';

/** Node ids are 128 bits. */
const RECORD_ID_BYTES = 16;

export async function deriveDeviceRecordKey(vaultKey: Uint8Array): Promise<Uint8Array> {
  checkKey(vaultKey, 'vault key');
  return hkdf('SHA-256', vaultKey, HKDF_SALT, utf8(LABEL_VAULT_DEVICE_RECORD_KEY), KEY_BYTES);
}

/** The 16 id bytes of `kind`'s record for `deviceId` (the caller encodes them as a node id). */
export function deviceRecordIdBytes(recordKey: Uint8Array, kind: string, deviceId: string): Promise<Uint8Array> {
  checkKey(recordKey, 'device-record key');
  return hkdf('SHA-256', recordKey, HKDF_SALT, encodeContext(LABEL_DEVICE_RECORD_ID, kind, deviceId), RECORD_ID_BYTES);
}

export function deviceRecordContext(place: NodePlace): Uint8Array {
  return encodeContext(CONTEXT_DEVICE_RECORD, place.accountId, place.nodeId, place.version);
}

export function sealDeviceRecord(recordKey: Uint8Array, body: Uint8Array, place: NodePlace): Promise<Uint8Array> {
  return cobblestoneEncrypt(recordKey, body, deviceRecordContext(place));
}

/** A node record (other key), or a record moved to another id or version, fails as 'wrong-key'. */
export function openDeviceRecord(recordKey: Uint8Array, sealed: Uint8Array, place: NodePlace): Promise<Uint8Array> {
  return cobblestoneDecrypt(recordKey, sealed, deviceRecordContext(place));
}
