// PostgreSQL repository for sessions (login sessions and device tokens), devices and pairings (the
// SQLite twin is sqlite/devices.ts). A pairing claim locks its row, so two instances racing on one
// pairing count every attempt and create at most one device.
import { timingSafeEqual } from 'node:crypto';
import type { ClaimResult, DeviceStore, SessionStore } from '../meta-store.js';
import type { DeviceRecord, SessionRecord } from '../meta-records.js';
import { toDevice, toPairing, toSession } from '../sqlite/rows.js';
import type { Sql, Tx } from './connection.js';

const buf = (b: Uint8Array) => Buffer.from(b);
const bufOrNull = (b: Uint8Array | null) => (b ? Buffer.from(b) : null);

async function insertDevice(tx: Sql | Tx, d: DeviceRecord): Promise<void> {
  await tx`INSERT INTO devices (id, account_id, name, wrap, created_at, last_seen_at)
    VALUES (${d.id}, ${d.accountId}, ${d.name}, ${bufOrNull(d.wrap)}, ${d.createdAt}, ${d.lastSeenAt})`;
}

async function insertSession(tx: Sql | Tx, s: SessionRecord): Promise<void> {
  await tx`INSERT INTO sessions (token_hash, account_id, device_id, created_at, expires_at, last_seen_at)
    VALUES (${buf(s.tokenHash)}, ${s.accountId}, ${s.deviceId}, ${s.createdAt}, ${s.expiresAt}, ${s.lastSeenAt})`;
}

export function sessionsRepo(sql: Sql): SessionStore {
  return {
    async createSession(s) { await insertSession(sql, s); },
    async getSession(hash) {
      const [row] = await sql`SELECT * FROM sessions WHERE token_hash = ${buf(hash)}`;
      return row ? toSession(row) : null;
    },
    async touchSession(hash, now) {
      await sql`UPDATE sessions SET last_seen_at = ${now} WHERE token_hash = ${buf(hash)}`;
      await sql`UPDATE devices SET last_seen_at = ${now} WHERE id = (SELECT device_id FROM sessions WHERE token_hash = ${buf(hash)})`;
    },
    async deleteSession(hash) { await sql`DELETE FROM sessions WHERE token_hash = ${buf(hash)}`; },
    async deleteLoginSessions(accountId, keep) {
      const rows = await sql`DELETE FROM sessions WHERE account_id = ${accountId} AND device_id IS NULL
        AND token_hash IS DISTINCT FROM ${bufOrNull(keep)}::bytea RETURNING token_hash`;
      return rows.map((r) => r.token_hash as Buffer);
    },
  };
}

export function devicesRepo(sql: Sql): DeviceStore {
  return {
    async createDevice(device, token, registeredBy = null) {
      await sql.begin(async (tx) => {
        await insertDevice(tx, device);
        await insertSession(tx, token);
        if (registeredBy) {
          await tx`UPDATE sessions SET bound_device_id = ${device.id} WHERE token_hash = ${buf(registeredBy)} AND device_id IS NULL`;
        }
      });
    },
    async listDevices(accountId) {
      return (await sql`SELECT * FROM devices WHERE account_id = ${accountId} ORDER BY created_at`).map(toDevice);
    },
    async getDevice(accountId, id) {
      const [row] = await sql`SELECT * FROM devices WHERE id = ${id} AND account_id = ${accountId}`;
      return row ? toDevice(row) : null;
    },
    async setDeviceWrap(accountId, id, wrap) {
      return (await sql`UPDATE devices SET wrap = ${buf(wrap)} WHERE id = ${id} AND account_id = ${accountId}`).count > 0;
    },
    async deleteDevice(accountId, id, keep = null) {
      return sql.begin(async (tx) => {
        if (!(await tx`SELECT 1 FROM devices WHERE id = ${id} AND account_id = ${accountId} FOR UPDATE`).length) return null;
        // The asking session survives its own device: forgetting this browser is not logging out.
        if (keep) await tx`UPDATE sessions SET bound_device_id = NULL WHERE token_hash = ${buf(keep)} AND bound_device_id = ${id}`;
        const hashes = (await tx`SELECT token_hash FROM sessions WHERE device_id = ${id} OR bound_device_id = ${id}`).map((r) => r.token_hash as Buffer);
        // ON DELETE CASCADE removes the device's token and the sessions bound to it.
        await tx`DELETE FROM devices WHERE id = ${id}`;
        return hashes;
      });
    },
    async createPairing(p) {
      const inserted = await sql`INSERT INTO pairings (id, account_id, token_hash, payload, created_at, expires_at, attempts, device_id, claimed_at)
        VALUES (${p.id}, ${p.accountId}, ${buf(p.tokenHash)}, ${bufOrNull(p.payload)}, ${p.createdAt}, ${p.expiresAt}, ${p.attempts}, ${p.deviceId}, ${p.claimedAt})
        ON CONFLICT (id) DO NOTHING`;
      return inserted.count === 1 ? 'ok' : 'id_taken';
    },
    async getPairing(id) {
      const [row] = await sql`SELECT * FROM pairings WHERE id = ${id}`;
      return row ? toPairing(row) : null;
    },
    async deletePairing(accountId, id) {
      return (await sql`DELETE FROM pairings WHERE id = ${id} AND account_id = ${accountId}`).count > 0;
    },
    async claimPairing(id, tokenHash, now, maxAttempts, device, token): Promise<ClaimResult> {
      return sql.begin(async (tx): Promise<ClaimResult> => {
        const [row] = await tx`SELECT * FROM pairings WHERE id = ${id} FOR UPDATE`;
        if (!row) return { status: 'not_found' };
        const pairing = toPairing(row);
        if (pairing.claimedAt !== null) return { status: 'used' };
        if (pairing.expiresAt <= now) return { status: 'expired' };
        if (pairing.attempts >= maxAttempts) return { status: 'used' };
        const stored = Buffer.from(pairing.tokenHash);
        if (stored.length !== tokenHash.length || !timingSafeEqual(stored, tokenHash)) {
          const attempts = pairing.attempts + 1;
          // Burnt after the last allowed attempt: the payload goes, so nothing is left to guess at.
          await tx`UPDATE pairings SET attempts = ${attempts}, payload = CASE WHEN ${attempts}::int >= ${maxAttempts}::int THEN NULL ELSE payload END WHERE id = ${id}`;
          return { status: 'wrong', attemptsLeft: Math.max(0, maxAttempts - attempts) };
        }
        await insertDevice(tx, { ...device, accountId: pairing.accountId });
        await insertSession(tx, { ...token, accountId: pairing.accountId, deviceId: device.id });
        await tx`UPDATE pairings SET claimed_at = ${now}, device_id = ${device.id}, payload = NULL WHERE id = ${id}`;
        return { status: 'ok', pairing };
      });
    },
  };
}
