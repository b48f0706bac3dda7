// [Note: Key labels] Every HKDF label and Cobblestone context label of the key hierarchy, one per
// purpose, written once (DESIGN.md §3–§4, docs/FORMAT.md "Keys"). Changing one changes the format.

/** HKDF salt of every split in the key hierarchy: empty (the inputs are already uniform keys). */
export const HKDF_SALT = new Uint8Array(0);

/** HKDF-SHA-256 info: Argon2id output → key the relay checks at login (via its own slow hash). */
export const LABEL_PASSWORD_AUTH = 'veilbox/v1/password/auth';
/** HKDF-SHA-256 info: Argon2id output → key that wraps the vault key; never leaves the client. */
export const LABEL_PASSWORD_KEK = 'veilbox/v1/password/kek';
/** HKDF-SHA-256 info: recovery key → second login key (the relay keeps its slow hash too). */
export const LABEL_RECOVERY_AUTH = 'veilbox/v1/recovery/auth';
/** HKDF-SHA-256 info: recovery key → key that wraps the vault key. */
export const LABEL_RECOVERY_KEK = 'veilbox/v1/recovery/kek';
/** HKDF-SHA-256 info: vault key → key that seals node (file and folder) records. */
export const LABEL_VAULT_NODE_KEY = 'veilbox/v1/vault/node-key';
/**
 * HKDF-SHA-256 info: vault key → key that seals device records (a paired helper's sync settings and
 * status, device-records.ts): records kept among the nodes but never part of the file tree.
 */
export const LABEL_VAULT_DEVICE_RECORD_KEY = 'veilbox/v1/vault/device-record-key';
/** HKDF-SHA-256 info prefix: device-record key → the 128-bit node id of one device's record (‖ kind ‖ deviceId, as a context). */
export const LABEL_DEVICE_RECORD_ID = 'veilbox/v1/device-record/id';
/** HKDF-SHA-256 info: share secret → key that seals the share manifest. */
export const LABEL_SHARE_MANIFEST_KEY = 'veilbox/v1/share/manifest';
/** HKDF-SHA-256 info: share secret → token that gates reads of the share on the relay. */
export const LABEL_SHARE_AUTH = 'veilbox/v1/share/auth';
/**
 * HKDF-SHA-256 info: drop secret (the #fragment of a /d/ link) → key that wraps the file keys sent
 * through the drop and seals its item records and its public label (drop-keys.ts).
 */
export const LABEL_DROP_KEY = 'veilbox/v1/drop/key';
/** HKDF-SHA-256 info: drop secret → token the uploader sends as X-Drop-Token; the relay keeps its SHA-256. */
export const LABEL_DROP_AUTH = 'veilbox/v1/drop/auth';
/** HKDF-SHA-256 info: vault key ‖ share id (as a context) → the secret of a share this vault made (share-owner.ts). */
export const LABEL_SHARE_OWNED_SECRET = 'veilbox/v1/share/owned-secret';
/** HKDF-SHA-256 info: Argon2id output of a share password → the verifier the relay checks (via its own slow hash). */
export const LABEL_SHARE_PASSWORD_VERIFIER = 'veilbox/v1/share/password-verifier';
/** HKDF-SHA-256 info: Argon2id output of a share password → key mixed into the protected manifest's key. */
export const LABEL_SHARE_PASSWORD_KEY = 'veilbox/v1/share/password-key';
/** HKDF-SHA-256 info: manifest key ‖ password key → key that seals a password share's file list. */
export const LABEL_SHARE_PROTECTED_KEY = 'veilbox/v1/share/protected-key';

/** Cobblestone context label of a wrapped key: ‖ keyType ‖ ownerId. */
export const CONTEXT_WRAP = 'veilbox/v1/wrap';
/** Cobblestone context label of a node record: ‖ accountId ‖ nodeId ‖ version. */
export const CONTEXT_NODE = 'veilbox/v1/node';
/** Cobblestone context label of a device record: ‖ accountId ‖ nodeId ‖ version. */
export const CONTEXT_DEVICE_RECORD = 'veilbox/v1/device-record';
/** Cobblestone context label of a share manifest: ‖ shareId. */
export const CONTEXT_SHARE = 'veilbox/v1/share';
/** Cobblestone context label of a password share's file list, inside its manifest: ‖ shareId. */
export const CONTEXT_SHARE_PROTECTED = 'veilbox/v1/share/protected';
/** Cobblestone context label of an interrupted upload kept on this device: ‖ accountId ‖ pendingId. */
export const CONTEXT_PENDING_UPLOAD = 'veilbox/v1/local/pending-upload';
/** Cobblestone context label of a change made offline, kept on this device until sent: ‖ accountId ‖ changeId. */
export const CONTEXT_OFFLINE_CHANGE = 'veilbox/v1/local/offline-change';
/** Cobblestone context label of a drop item record (what the phone sent: name, sizes, wrapped file key): ‖ dropId. */
export const CONTEXT_DROP_ITEM = 'veilbox/v1/drop/item';
/** Cobblestone context label of a drop's public label, shown on the phone (the target folder's name): ‖ dropId. */
export const CONTEXT_DROP_LABEL = 'veilbox/v1/drop/label';

/** Which key is wrapped by what; part of every wrap context so a wrap can't be used for another purpose. */
export const WRAP_KEY_TYPES = {
  /** The vault key under passwordKek; owner = account id. */
  vaultByPassword: 'vault-key/password',
  /** The vault key under the recovery KEK; owner = account id. */
  vaultByRecovery: 'vault-key/recovery',
  /** The vault key under a paired device's key; owner = device id. */
  vaultByDevice: 'vault-key/device',
  /** A file key under a drop secret; owner = drop id. */
  fileByDrop: 'file-key/drop',
} as const;

export type WrapKeyType = (typeof WRAP_KEY_TYPES)[keyof typeof WRAP_KEY_TYPES];
