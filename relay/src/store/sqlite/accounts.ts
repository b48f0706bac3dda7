// SQLite repository for settings, accounts and invites.
import type { AccountStore, SettingsStore } from '../meta-store.js';
import type { AccountRecord, InviteRecord, UploadRecord } from '../meta-records.js';
import { type Db, type Row, USAGE_SQL, toAccount, toUpload } from './rows.js';

export function settingsRepo(db: Db): SettingsStore {
  const get = db.prepare('SELECT value FROM settings WHERE name = ?');
  const put = db.prepare('INSERT OR IGNORE INTO settings (name, value) VALUES (?, ?)');
  return {
    async secret(name, make) {
      const row = get.get(name) as Row | undefined;
      if (row) return row.value as Buffer;
      put.run(name, make());
      return (get.get(name) as Row).value as Buffer;
    },
    async getSetting(name) {
      const row = get.get(name) as Row | undefined;
      return row ? (row.value as Buffer) : null;
    },
    async putSetting(name, value) {
      db.prepare('INSERT INTO settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value').run(name, value);
    },
  };
}

export function accountsRepo(db: Db): AccountStore {
  const byId = db.prepare('SELECT * FROM accounts WHERE id = ?');
  const byName = db.prepare('SELECT * FROM accounts WHERE name = ?');
  const inviteByHash = db.prepare('SELECT * FROM invites WHERE code_hash = ?');
  const reservedElsewhere = db.prepare('SELECT 1 FROM invites WHERE name = ? AND used_at IS NULL AND expires_at > ? AND code_hash IS NOT ?');
  const insert = db.prepare(`INSERT INTO accounts (id, name, kdf, salt, auth_hash, password_wrap, recovery_wrap, recovery_hash, quota, revision, created_at, last_seen_at)
    VALUES (@id, @name, @kdf, @salt, @authHash, @passwordWrap, @recoveryWrap, @recoveryHash, @quota, 0, @createdAt, @createdAt)`);
  const useInvite = db.prepare('UPDATE invites SET used_at = ? WHERE code_hash = ?');
  const usage = db.prepare(`SELECT ${USAGE_SQL} AS usage FROM accounts a WHERE a.id = ?`);

  const create = db.transaction((a: AccountRecord, invite: { codeHash: Uint8Array; now: number } | undefined) => {
    let quota = a.quota;
    if (invite) {
      const row = inviteByHash.get(invite.codeHash) as Row | undefined;
      if (!row || row.used_at !== null || (row.expires_at as number) <= invite.now) return 'invite_invalid' as const;
      if (row.name !== null && row.name !== a.name) return 'invite_invalid' as const;
      if (row.quota !== null) quota = row.quota as number;
    }
    if (byName.get(a.name)) return 'name_taken' as const;
    if (byId.get(a.id)) return 'id_taken' as const;
    if (reservedElsewhere.get(a.name, a.createdAt, invite?.codeHash ?? null)) return 'name_reserved' as const;
    insert.run({ ...a, kdf: JSON.stringify(a.kdf), quota });
    if (invite) useInvite.run(invite.now, invite.codeHash);
    return 'ok' as const;
  });

  const remove = db.transaction((id: string) => {
    if (!byId.get(id)) return null;
    const blobIds = (db.prepare('SELECT id FROM blobs WHERE account_id = ?').all(id) as Row[]).map((r) => r.id as string);
    const uploads: UploadRecord[] = (db.prepare('SELECT * FROM uploads WHERE account_id = ?').all(id) as Row[]).map(toUpload);
    db.prepare('DELETE FROM accounts WHERE id = ?').run(id);
    return { blobIds, uploads };
  });

  const addInvite = db.transaction((inv: InviteRecord) => {
    if (inv.name !== null) {
      if (byName.get(inv.name)) return 'name_taken' as const;
      db.prepare('DELETE FROM invites WHERE name = ? AND (used_at IS NOT NULL OR expires_at <= ?)').run(inv.name, inv.createdAt);
      if (db.prepare('SELECT 1 FROM invites WHERE name = ?').get(inv.name)) return 'name_taken' as const;
    }
    db.prepare('INSERT INTO invites (code_hash, name, quota, created_at, expires_at, used_at) VALUES (?, ?, ?, ?, ?, NULL)')
      .run(inv.codeHash, inv.name, inv.quota, inv.createdAt, inv.expiresAt);
    return 'ok' as const;
  });

  return {
    async createAccount(account, invite) { return create.immediate(account, invite); },
    async getAccount(id) {
      const row = byId.get(id) as Row | undefined;
      return row ? toAccount(row) : null;
    },
    async findAccountByName(name) {
      const row = byName.get(name) as Row | undefined;
      return row ? toAccount(row) : null;
    },
    async updateCredentials(id, c) {
      db.prepare(`UPDATE accounts SET kdf = ?, salt = ?, auth_hash = ?, password_wrap = ?,
        recovery_wrap = COALESCE(?, recovery_wrap), recovery_hash = COALESCE(?, recovery_hash) WHERE id = ?`)
        .run(JSON.stringify(c.kdf), c.salt, c.authHash, c.passwordWrap, c.recoveryWrap ?? null, c.recoveryHash ?? null, id);
    },
    async setQuota(id, quota) { db.prepare('UPDATE accounts SET quota = ? WHERE id = ?').run(quota, id); },
    async touchAccount(id, now) { db.prepare('UPDATE accounts SET last_seen_at = ? WHERE id = ?').run(now, id); },
    async deleteAccount(id) { return remove.immediate(id); },
    async listAccounts() {
      const rows = db.prepare(`SELECT a.id, a.name, a.quota, a.created_at, a.last_seen_at, ${USAGE_SQL} AS usage FROM accounts a ORDER BY a.name`).all() as Row[];
      return rows.map((r) => ({
        id: r.id as string, name: r.name as string, quota: r.quota as number, usage: r.usage as number,
        createdAt: r.created_at as number, lastSeenAt: (r.last_seen_at as number | null) ?? null,
      }));
    },
    async usage(accountId) {
      const row = usage.get(accountId) as Row | undefined;
      return row ? (row.usage as number) : 0;
    },
    async createInvite(invite) { return addInvite.immediate(invite); },
    async listInvites() {
      return (db.prepare('SELECT * FROM invites ORDER BY created_at').all() as Row[]).map((r) => ({
        codeHash: r.code_hash as Buffer, name: (r.name as string | null) ?? null, quota: (r.quota as number | null) ?? null,
        createdAt: r.created_at as number, expiresAt: r.expires_at as number, usedAt: (r.used_at as number | null) ?? null,
      }));
    },
  };
}
