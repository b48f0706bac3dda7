// The records the metadata store keeps. Everything that came from a client as ciphertext (wraps,
// node bodies, manifests, drop records) is an opaque byte string here; the relay never parses it.
import type { KdfParams } from '../config.js';

export type Bytes = Uint8Array;

export interface AccountRecord {
  id: string;
  name: string;
  kdf: KdfParams;
  salt: Bytes;
  /** Slow hash (scrypt, own salt) of the client's authKey; see auth/password-hash.ts. */
  authHash: string;
  passwordWrap: Bytes;
  recoveryWrap: Bytes;
  recoveryHash: string;
  quota: number;
  revision: number;
  createdAt: number;
  lastSeenAt: number | null;
}

export interface AccountSummary {
  id: string;
  name: string;
  quota: number;
  usage: number;
  createdAt: number;
  lastSeenAt: number | null;
}

export interface InviteRecord {
  codeHash: Bytes;
  /** A name reserved for this invite (admin `add-user`), or null for any name. */
  name: string | null;
  quota: number | null;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

export interface SessionRecord {
  tokenHash: Bytes;
  accountId: string;
  /** Set for device tokens (bearer); null for a login session. */
  deviceId: string | null;
  createdAt: number;
  /** Null for device tokens: they live until the device is revoked. */
  expiresAt: number | null;
  lastSeenAt: number;
}

export interface DeviceRecord {
  id: string;
  accountId: string;
  name: string;
  wrap: Bytes | null;
  createdAt: number;
  lastSeenAt: number | null;
}

export interface PairingRecord {
  id: string;
  accountId: string;
  tokenHash: Bytes;
  payload: Bytes | null;
  createdAt: number;
  expiresAt: number;
  attempts: number;
  deviceId: string | null;
  claimedAt: number | null;
}

export interface NodeRecord {
  id: string;
  version: number;
  /** Null for a tombstone. */
  body: Bytes | null;
  revision: number;
  deleted: boolean;
}

export type NodeOp =
  | { kind: 'put'; id: string; /** 0 = must not exist (or be a tombstone) */ expectedVersion: number; body: Bytes }
  | { kind: 'delete'; id: string; expectedVersion: number };

export interface UploadRecord {
  id: string;
  accountId: string;
  dropId: string | null;
  size: number;
  partSize: number;
  partCount: number;
  /** Blob-store handle of the multipart upload (empty for the file store; an S3 UploadId later). */
  handle: string;
  createdAt: number;
  expiresAt: number;
}

export interface PartRecord { index: number; size: number; tag: string }

export interface BlobRecord {
  id: string;
  accountId: string;
  dropId: string | null;
  size: number;
  createdAt: number;
}

export interface SharePassword {
  hash: string;
  /** Opaque to the relay: the share page needs them to derive the verifier. */
  kdf: KdfParams;
  salt: Bytes;
}

export interface ShareRecord {
  id: string;
  accountId: string;
  tokenHash: Bytes;
  manifest: Bytes | null;
  blobIds: string[];
  createdAt: number;
  expiresAt: number | null;
  downloadLimit: number | null;
  downloadsUsed: number;
  password: SharePassword | null;
  passwordFailures: number;
  revokedAt: number | null;
}

export interface DropRecord {
  id: string;
  accountId: string;
  tokenHash: Bytes;
  info: Bytes | null;
  publicInfo: Bytes | null;
  createdAt: number;
  expiresAt: number;
  sizeCap: number;
  closedAt: number | null;
}

export interface DropItemRecord {
  id: string;
  dropId: string;
  record: Bytes;
  blobIds: string[];
  createdAt: number;
}
