// SQLite repository for sessions (login sessions and device tokens), devices and pairings.
import { timingSafeEqual } from 'node:crypto';
import type { ClaimResult, DeviceStore, SessionStore } from '../meta-store.js';
import type { DeviceRecord, SessionRecord } from '../meta-records.js';
import { type Db, type Row, toDevice, toPairing, toSession } from './rows.js';

export function sessionsRepo(db: Db): SessionStore {
  const insert = db.prepare(`INSERT INTO sessions (token_hash, account_id, device_id, created_at, expires_at, last_seen_at)
    VALUES (@tokenHash, @accountId, @deviceId, @createdAt, @expiresAt, @lastSeenAt)`);
  const get = db.prepare('SELECT * FROM sessions WHERE token_hash = ?');
  return {
    async createSession(s) { insert.run(s); },
    async getSession(hash) {
      const row = get.get(hash) as Row | undefined;
      return row ? toSession(row) : null;
    },
    async touchSession(hash, now) {
      db.prepare('UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?').run(now, hash);
      db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = (SELECT device_id FROM sessions WHERE token_hash = ?)').run(now, hash);
    },
    async deleteSession(hash) { db.prepare('DELETE FROM sessions WHERE token_hash = ?').run(hash); },
    async deleteLoginSessions(accountId, keep) {
      return db.transaction(() => {
        const rows = db.prepare('SELECT token_hash FROM sessions WHERE account_id = ? AND device_id IS NULL AND token_hash IS NOT ?').all(accountId, keep) as Row[];
        db.prepare('DELETE FROM sessions WHERE account_id = ? AND device_id IS NULL AND token_hash IS NOT ?').run(accountId, keep);
        return rows.map((r) => r.token_hash as Buffer);
      }).immediate();
    },
  };
}

export function devicesRepo(db: Db): DeviceStore {
  const insertDevice = db.prepare(`INSERT INTO devices (id, account_id, name, wrap, created_at, last_seen_at)
    VALUES (@id, @accountId, @name, @wrap, @createdAt, @lastSeenAt)`);
  const insertSession = db.prepare(`INSERT INTO sessions (token_hash, account_id, device_id, created_at, expires_at, last_seen_at)
    VALUES (@tokenHash, @accountId, @deviceId, @createdAt, @expiresAt, @lastSeenAt)`);
  const getPairing = db.prepare('SELECT * FROM pairings WHERE id = ?');

  const create = db.transaction((device: DeviceRecord, token: SessionRecord, registeredBy: Uint8Array | null) => {
    insertDevice.run(device);
    insertSession.run(token);
    if (registeredBy) {
      db.prepare('UPDATE sessions SET bound_device_id = ? WHERE token_hash = ? AND device_id IS NULL').run(device.id, registeredBy);
    }
  });

  const claim = db.transaction((id: string, tokenHash: Uint8Array, now: number, maxAttempts: number,
    device: Omit<DeviceRecord, 'accountId'>, token: Omit<SessionRecord, 'accountId' | 'deviceId'>): ClaimResult => {
    const row = getPairing.get(id) as Row | undefined;
    if (!row) return { status: 'not_found' };
    const pairing = toPairing(row);
    if (pairing.claimedAt !== null) return { status: 'used' };
    if (pairing.expiresAt <= now) return { status: 'expired' };
    if (pairing.attempts >= maxAttempts) return { status: 'used' };
    const stored = Buffer.from(pairing.tokenHash);
    if (stored.length !== tokenHash.length || !timingSafeEqual(stored, tokenHash)) {
      const attempts = pairing.attempts + 1;
      // Burnt after the last allowed attempt: the payload goes, so nothing is left to guess at.
      db.prepare('UPDATE pairings SET attempts = ?, payload = CASE WHEN ? >= ? THEN NULL ELSE payload END WHERE id = ?')
        .run(attempts, attempts, maxAttempts, id);
      return { status: 'wrong', attemptsLeft: Math.max(0, maxAttempts - attempts) };
    }
    insertDevice.run({ ...device, accountId: pairing.accountId });
    insertSession.run({ ...token, accountId: pairing.accountId, deviceId: device.id });
    db.prepare('UPDATE pairings SET claimed_at = ?, device_id = ?, payload = NULL WHERE id = ?').run(now, device.id, id);
    return { status: 'ok', pairing };
  });

  return {
    async createDevice(device, token, registeredBy = null) { create.immediate(device, token, registeredBy); },
    async listDevices(accountId) {
      return (db.prepare('SELECT * FROM devices WHERE account_id = ? ORDER BY created_at').all(accountId) as Row[]).map(toDevice);
    },
    async getDevice(accountId, id) {
      const row = db.prepare('SELECT * FROM devices WHERE id = ? AND account_id = ?').get(id, accountId) as Row | undefined;
      return row ? toDevice(row) : null;
    },
    async setDeviceWrap(accountId, id, wrap) {
      return db.prepare('UPDATE devices SET wrap = ? WHERE id = ? AND account_id = ?').run(wrap, id, accountId).changes > 0;
    },
    async deleteDevice(accountId, id, keep = null) {
      return db.transaction(() => {
        if (!db.prepare('SELECT 1 FROM devices WHERE id = ? AND account_id = ?').get(id, accountId)) return null;
        // The asking session survives its own device: forgetting this browser is not logging out.
        if (keep) db.prepare('UPDATE sessions SET bound_device_id = NULL WHERE token_hash = ? AND bound_device_id = ?').run(keep, id);
        const hashes = (db.prepare('SELECT token_hash FROM sessions WHERE device_id = ? OR bound_device_id = ?').all(id, id) as Row[])
          .map((r) => r.token_hash as Buffer);
        // ON DELETE CASCADE removes the device's token and the sessions bound to it.
        db.prepare('DELETE FROM devices WHERE id = ?').run(id);
        return hashes;
      }).immediate();
    },
    async createPairing(p) {
      if (getPairing.get(p.id)) return 'id_taken';
      db.prepare(`INSERT INTO pairings (id, account_id, token_hash, payload, created_at, expires_at, attempts, device_id, claimed_at)
        VALUES (@id, @accountId, @tokenHash, @payload, @createdAt, @expiresAt, @attempts, @deviceId, @claimedAt)`).run(p);
      return 'ok';
    },
    async getPairing(id) {
      const row = getPairing.get(id) as Row | undefined;
      return row ? toPairing(row) : null;
    },
    async deletePairing(accountId, id) {
      return db.prepare('DELETE FROM pairings WHERE id = ? AND account_id = ?').run(id, accountId).changes > 0;
    },
    async claimPairing(id, tokenHash, now, maxAttempts, device, token) {
      return claim.immediate(id, tokenHash, now, maxAttempts, device, token);
    },
  };
}
