// Row ↔ record mapping shared by the SQLite repositories: column names stay in this folder.
import type { Database } from 'better-sqlite3';
import type { KdfParams } from '../../config.js';
import type { AccountRecord, BlobRecord, DeviceRecord, DropRecord, PairingRecord, SessionRecord, ShareRecord, UploadRecord } from '../meta-records.js';

export type Db = Database;
export type Row = Record<string, unknown>;

const num = (v: unknown) => v as number;
const numOrNull = (v: unknown) => (v === null || v === undefined ? null : (v as number));
const bytes = (v: unknown) => v as Buffer;
const bytesOrNull = (v: unknown) => (v === null || v === undefined ? null : (v as Buffer));
const str = (v: unknown) => v as string;
const strOrNull = (v: unknown) => (v === null || v === undefined ? null : (v as string));

export function toAccount(r: Row): AccountRecord {
  return {
    id: str(r.id), name: str(r.name), kdf: JSON.parse(str(r.kdf)) as KdfParams, salt: bytes(r.salt),
    authHash: str(r.auth_hash), passwordWrap: bytes(r.password_wrap), recoveryWrap: bytes(r.recovery_wrap),
    recoveryHash: str(r.recovery_hash), quota: num(r.quota), revision: num(r.revision),
    createdAt: num(r.created_at), lastSeenAt: numOrNull(r.last_seen_at),
  };
}

export function toSession(r: Row): SessionRecord {
  return {
    tokenHash: bytes(r.token_hash), accountId: str(r.account_id), deviceId: strOrNull(r.device_id),
    createdAt: num(r.created_at), expiresAt: numOrNull(r.expires_at), lastSeenAt: num(r.last_seen_at),
  };
}

export function toDevice(r: Row): DeviceRecord {
  return {
    id: str(r.id), accountId: str(r.account_id), name: str(r.name), wrap: bytesOrNull(r.wrap),
    createdAt: num(r.created_at), lastSeenAt: numOrNull(r.last_seen_at),
  };
}

export function toPairing(r: Row): PairingRecord {
  return {
    id: str(r.id), accountId: str(r.account_id), tokenHash: bytes(r.token_hash), payload: bytesOrNull(r.payload),
    createdAt: num(r.created_at), expiresAt: num(r.expires_at), attempts: num(r.attempts),
    deviceId: strOrNull(r.device_id), claimedAt: numOrNull(r.claimed_at),
  };
}

export function toUpload(r: Row): UploadRecord {
  return {
    id: str(r.id), accountId: str(r.account_id), dropId: strOrNull(r.drop_id), size: num(r.size),
    partSize: num(r.part_size), partCount: num(r.part_count), handle: str(r.handle),
    createdAt: num(r.created_at), expiresAt: num(r.expires_at),
  };
}

export function toBlob(r: Row): BlobRecord {
  return { id: str(r.id), accountId: str(r.account_id), dropId: strOrNull(r.drop_id), size: num(r.size), createdAt: num(r.created_at) };
}

export function toShare(r: Row, blobIds: string[]): ShareRecord {
  const hash = strOrNull(r.password_hash);
  return {
    id: str(r.id), accountId: str(r.account_id), tokenHash: bytes(r.token_hash), manifest: bytesOrNull(r.manifest),
    blobIds, createdAt: num(r.created_at), expiresAt: numOrNull(r.expires_at), downloadLimit: numOrNull(r.download_limit),
    downloadsUsed: num(r.downloads_used),
    password: hash === null ? null : { hash, kdf: JSON.parse(str(r.password_kdf)) as KdfParams, salt: bytes(r.password_salt) },
    passwordFailures: num(r.password_failures), revokedAt: numOrNull(r.revoked_at),
  };
}

export function toDrop(r: Row): DropRecord {
  return {
    id: str(r.id), accountId: str(r.account_id), tokenHash: bytes(r.token_hash), info: bytesOrNull(r.info),
    publicInfo: bytesOrNull(r.public_info), createdAt: num(r.created_at), expiresAt: num(r.expires_at),
    sizeCap: num(r.size_cap), closedAt: numOrNull(r.closed_at),
  };
}

// [Note: Account usage counter] An account's usage is committed blobs + declared sizes of open
// uploads + node bodies: every `size` of its rows in blobs (drop blobs included: they are the
// owner's), uploads (drop uploads included) and nodes (a tombstone has size 0). Summing those rows on
// every upload and node write made a sync of N files cost O(N²), so the total is kept in
// `account_usage`, one row per account, by triggers on INSERT, DELETE and UPDATE OF size/account_id
// of the three tables (SQLite migration 3, PostgreSQL migration 2). Any statement that changes those
// rows keeps it exact: account deletion (the cascade removes the total with the account), drops,
// the sweeper, admin tools. Never write these tables with INSERT OR REPLACE: its implicit delete
// fires no DELETE trigger in SQLite (recursive_triggers is off) and the total would drift.

/** Bytes account `a` holds ([Note: Account usage counter]): one indexed row. */
export const USAGE_SQL = `COALESCE((SELECT bytes FROM account_usage WHERE account_id = a.id), 0)`;

