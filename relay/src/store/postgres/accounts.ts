// PostgreSQL repository for settings, accounts and invites (the SQLite twin is sqlite/accounts.ts).
import type { AccountStore, SettingsStore } from '../meta-store.js';
import { toAccount, toUpload } from '../sqlite/rows.js';
import { type Row, type Sql, isUniqueViolation } from './connection.js';
import { PG_USAGE_SQL } from './usage.js';

export function settingsRepo(sql: Sql): SettingsStore {
  const get = async (name: string) => (await sql`SELECT value FROM settings WHERE name = ${name}`)[0] as Row | undefined;
  return {
    async secret(name, make) {
      await sql`INSERT INTO settings (name, value) VALUES (${name}, ${Buffer.from(make())}) ON CONFLICT (name) DO NOTHING`;
      return (await get(name))!.value as Buffer;
    },
    async getSetting(name) {
      const row = await get(name);
      return row ? (row.value as Buffer) : null;
    },
    async putSetting(name, value) {
      await sql`INSERT INTO settings (name, value) VALUES (${name}, ${Buffer.from(value)}) ON CONFLICT (name) DO UPDATE SET value = excluded.value`;
    },
  };
}

export function accountsRepo(sql: Sql): AccountStore {
  return {
    async createAccount(a, invite) {
      try {
        return await sql.begin(async (tx) => {
          let quota = a.quota;
          if (invite) {
            const [row] = await tx`SELECT * FROM invites WHERE code_hash = ${Buffer.from(invite.codeHash)} FOR UPDATE`;
            if (!row || row.used_at !== null || (row.expires_at as number) <= invite.now) return 'invite_invalid' as const;
            if (row.name !== null && row.name !== a.name) return 'invite_invalid' as const;
            if (row.quota !== null) quota = row.quota as number;
          }
          if ((await tx`SELECT 1 FROM accounts WHERE name = ${a.name}`).length) return 'name_taken' as const;
          if ((await tx`SELECT 1 FROM accounts WHERE id = ${a.id}`).length) return 'id_taken' as const;
          const codeHash = invite ? Buffer.from(invite.codeHash) : null;
          if ((await tx`SELECT 1 FROM invites WHERE name = ${a.name} AND used_at IS NULL AND expires_at > ${a.createdAt}
              AND code_hash IS DISTINCT FROM ${codeHash}::bytea`).length) return 'name_reserved' as const;
          await tx`INSERT INTO accounts (id, name, kdf, salt, auth_hash, password_wrap, recovery_wrap, recovery_hash, quota, revision, created_at, last_seen_at)
            VALUES (${a.id}, ${a.name}, ${JSON.stringify(a.kdf)}, ${Buffer.from(a.salt)}, ${a.authHash}, ${Buffer.from(a.passwordWrap)},
              ${Buffer.from(a.recoveryWrap)}, ${a.recoveryHash}, ${quota}, 0, ${a.createdAt}, ${a.createdAt})`;
          if (invite) await tx`UPDATE invites SET used_at = ${invite.now} WHERE code_hash = ${codeHash}`;
          return 'ok' as const;
        });
      } catch (error) {
        // Two instances signing up the same name at once: the loser meets the UNIQUE constraint.
        if (isUniqueViolation(error, 'accounts_name_key')) return 'name_taken';
        if (isUniqueViolation(error, 'accounts_pkey')) return 'id_taken';
        throw error;
      }
    },
    async getAccount(id) {
      const [row] = await sql`SELECT * FROM accounts WHERE id = ${id}`;
      return row ? toAccount(row) : null;
    },
    async findAccountByName(name) {
      const [row] = await sql`SELECT * FROM accounts WHERE name = ${name}`;
      return row ? toAccount(row) : null;
    },
    async updateCredentials(id, c) {
      await sql`UPDATE accounts SET kdf = ${JSON.stringify(c.kdf)}, salt = ${Buffer.from(c.salt)}, auth_hash = ${c.authHash},
        password_wrap = ${Buffer.from(c.passwordWrap)},
        recovery_wrap = COALESCE(${c.recoveryWrap ? Buffer.from(c.recoveryWrap) : null}::bytea, recovery_wrap),
        recovery_hash = COALESCE(${c.recoveryHash ?? null}::text, recovery_hash) WHERE id = ${id}`;
    },
    async setQuota(id, quota) { await sql`UPDATE accounts SET quota = ${quota} WHERE id = ${id}`; },
    async touchAccount(id, now) { await sql`UPDATE accounts SET last_seen_at = ${now} WHERE id = ${id}`; },
    async deleteAccount(id) {
      return sql.begin(async (tx) => {
        if (!(await tx`SELECT 1 FROM accounts WHERE id = ${id} FOR UPDATE`).length) return null;
        const blobIds = (await tx`SELECT id FROM blobs WHERE account_id = ${id}`).map((r) => r.id as string);
        const uploads = (await tx`SELECT * FROM uploads WHERE account_id = ${id}`).map(toUpload);
        await tx`DELETE FROM accounts WHERE id = ${id}`;
        return { blobIds, uploads };
      });
    },
    async listAccounts() {
      const rows = await sql.unsafe(`SELECT a.id, a.name, a.quota, a.created_at, a.last_seen_at, ${PG_USAGE_SQL} AS usage FROM accounts a ORDER BY a.name`);
      return rows.map((r) => ({
        id: r.id as string, name: r.name as string, quota: r.quota as number, usage: r.usage as number,
        createdAt: r.created_at as number, lastSeenAt: (r.last_seen_at as number | null) ?? null,
      }));
    },
    async usage(accountId) {
      const [row] = await sql.unsafe(`SELECT ${PG_USAGE_SQL} AS usage FROM accounts a WHERE a.id = $1`, [accountId]);
      return row ? (row.usage as number) : 0;
    },
    async createInvite(inv) {
      try {
        return await sql.begin(async (tx) => {
          if (inv.name !== null) {
            if ((await tx`SELECT 1 FROM accounts WHERE name = ${inv.name}`).length) return 'name_taken' as const;
            await tx`DELETE FROM invites WHERE name = ${inv.name} AND (used_at IS NOT NULL OR expires_at <= ${inv.createdAt})`;
            if ((await tx`SELECT 1 FROM invites WHERE name = ${inv.name}`).length) return 'name_taken' as const;
          }
          await tx`INSERT INTO invites (code_hash, name, quota, created_at, expires_at, used_at)
            VALUES (${Buffer.from(inv.codeHash)}, ${inv.name}, ${inv.quota}, ${inv.createdAt}, ${inv.expiresAt}, NULL)`;
          return 'ok' as const;
        });
      } catch (error) {
        if (isUniqueViolation(error, 'invites_name_key')) return 'name_taken';
        throw error;
      }
    },
    async listInvites() {
      return (await sql`SELECT * FROM invites ORDER BY created_at`).map((r) => ({
        codeHash: r.code_hash as Buffer, name: (r.name as string | null) ?? null, quota: (r.quota as number | null) ?? null,
        createdAt: r.created_at as number, expiresAt: r.expires_at as number, usedAt: (r.used_at as number | null) ?? null,
      }));
    },
  };
}
