// The account usage counter ([Note: Account usage counter] in rows.ts): after every kind of change
// (uploads created, aborted and committed, batches, blobs deleted, nodes growing, shrinking and
// deleted, drops closed and deleted, an account deleted) it equals the sum over the rows that it
// replaced; and a database from before the counter (schema 2) gets the right totals when migrated.
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { newId } from '../../lib/ids.js';
import type { MetaStore } from '../meta-store.js';
import type { AccountRecord, UploadRecord } from '../meta-records.js';
import { openSqliteMetaStore } from '../sqlite-meta-store.js';
import { migrate } from './migrations.js';

/** What USAGE_SQL computed before the counter: the ground truth here. */
const SUM_SQL = `SELECT
  (SELECT COALESCE(SUM(size), 0) FROM blobs WHERE account_id = @id)
  + (SELECT COALESCE(SUM(size), 0) FROM uploads WHERE account_id = @id)
  + (SELECT COALESCE(SUM(size), 0) FROM nodes WHERE account_id = @id) AS usage`;

const QUOTA = 10_000_000;

function account(name: string): AccountRecord {
  return {
    id: newId(), name, kdf: { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 1 },
    salt: randomBytes(16), authHash: 'h', passwordWrap: randomBytes(92), recoveryWrap: randomBytes(92), recoveryHash: 'r',
    quota: QUOTA, revision: 0, createdAt: 1, lastSeenAt: null,
  };
}

function upload(accountId: string, size: number, dropId: string | null = null): UploadRecord {
  return { id: newId(), accountId, dropId, size, partSize: 1 << 20, partCount: Math.ceil(size / (1 << 20)), handle: '', createdAt: 1, expiresAt: 1e15 };
}

function open(): { meta: MetaStore; db: Database.Database; dir: string; close(): Promise<void> } {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-usage-'));
  const meta = openSqliteMetaStore(join(dir, 'relay.db'));
  const db = new Database(join(dir, 'relay.db'));
  return { meta, db, dir, async close() { db.close(); await meta.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function same(meta: MetaStore, db: Database.Database, accountId: string, what: string): Promise<number> {
  const sum = (db.prepare(SUM_SQL).get({ id: accountId }) as { usage: number }).usage;
  assert.is(await meta.usage(accountId), sum, what);
  return sum;
}

test('the counter equals the sum of the rows after every kind of change', async () => {
  const s = open();
  const { meta, db } = s;
  const alice = account('alice');
  const bob = account('bob');
  assert.is(await meta.createAccount(alice), 'ok');
  assert.is(await meta.createAccount(bob), 'ok');
  assert.is(await same(meta, db, alice.id, 'new account'), 0);

  const [u1, u2, u3] = [upload(alice.id, 1000), upload(alice.id, 2500), upload(alice.id, 7)];
  for (const u of [u1, u2, u3]) assert.is(await meta.createUpload(u, { quota: QUOTA, dropCap: null }), 'ok');
  assert.is(await same(meta, db, alice.id, 'uploads created'), 3507);
  await meta.deleteUpload(u2.id);
  await same(meta, db, alice.id, 'upload aborted');
  assert.ok(await meta.commitUpload(u1.id, 2));
  await same(meta, db, alice.id, 'upload committed');
  const batch = [300, 1, 4096].map((size) => ({ id: newId(), accountId: alice.id, dropId: null, size, createdAt: 3 }));
  assert.is(await meta.insertBlobs(alice.id, batch, QUOTA), 'ok');
  assert.is(await same(meta, db, alice.id, 'batch inserted'), 1000 + 7 + 300 + 1 + 4096);
  assert.is(await meta.insertBlobs(alice.id, batch.map((b) => ({ ...b, id: newId() })), 5000), 'quota_exceeded');
  await same(meta, db, alice.id, 'batch refused');
  assert.ok(await meta.deleteBlob(alice.id, batch[2].id));
  await same(meta, db, alice.id, 'blob deleted');

  const [n1, n2] = [newId(), newId()];
  const put = (id: string, expectedVersion: number, size: number) => ({ kind: 'put' as const, id, expectedVersion, body: randomBytes(size) });
  assert.is((await meta.writeNodes(alice.id, [put(n1, 0, 500), put(n2, 0, 20)], QUOTA)).status, 'ok');
  await same(meta, db, alice.id, 'nodes created');
  assert.is((await meta.writeNodes(alice.id, [put(n1, 1, 900)], QUOTA)).status, 'ok');
  await same(meta, db, alice.id, 'node grown');
  assert.is((await meta.writeNodes(alice.id, [put(n1, 2, 10)], QUOTA)).status, 'ok');
  await same(meta, db, alice.id, 'node shrunk');
  assert.is((await meta.writeNodes(alice.id, [{ kind: 'delete', id: n2, expectedVersion: 1 }], QUOTA)).status, 'ok');
  await same(meta, db, alice.id, 'node deleted (tombstone)');
  assert.is((await meta.writeNodes(alice.id, [put(n2, 0, 33)], QUOTA)).status, 'ok');
  await same(meta, db, alice.id, 'node recreated over its tombstone');

  // Drops: their uploads and blobs count for the owner; closing keeps the blobs, deleting frees them.
  const drop = { id: newId(), accountId: alice.id, tokenHash: randomBytes(32), info: null, publicInfo: null, createdAt: 1, expiresAt: 1e15, sizeCap: QUOTA, closedAt: null };
  const drop2 = { ...drop, id: newId(), tokenHash: randomBytes(32) };
  assert.is(await meta.createDrop(drop), 'ok');
  assert.is(await meta.createDrop(drop2), 'ok');
  const [d1, d2, d3] = [upload(alice.id, 111, drop.id), upload(alice.id, 222, drop.id), upload(alice.id, 333, drop2.id)];
  for (const u of [d1, d2, d3]) assert.is(await meta.createUpload(u, { quota: QUOTA, dropCap: QUOTA }), 'ok');
  await meta.commitUpload(d1.id, 4);
  await meta.commitUpload(d3.id, 4);
  await same(meta, db, alice.id, 'drop uploads');
  await meta.closeDrop(alice.id, drop.id, 5);
  await same(meta, db, alice.id, 'drop closed');
  await meta.deleteDrop(alice.id, drop2.id);
  await same(meta, db, alice.id, 'drop deleted');

  // Bob's rows never move Alice's total; deleting Bob removes his total with him.
  const b1 = upload(bob.id, 4444);
  await meta.createUpload(b1, { quota: QUOTA, dropCap: null });
  await meta.commitUpload(b1.id, 6);
  assert.is((await meta.writeNodes(bob.id, [put(newId(), 0, 50)], QUOTA)).status, 'ok');
  assert.is(await same(meta, db, bob.id, 'bob'), 4494);
  const aliceBefore = await same(meta, db, alice.id, 'alice untouched by bob');
  assert.ok(await meta.deleteAccount(bob.id));
  assert.is(await meta.usage(bob.id), 0);
  assert.equal(db.prepare('SELECT COUNT(*) AS n FROM account_usage WHERE account_id = ?').get(bob.id), { n: 0 }, 'the total went with the account');
  assert.is(await same(meta, db, alice.id, 'alice after bob is gone'), aliceBefore);
  assert.equal((await meta.listAccounts()).map((a) => [a.name, a.usage]), [['alice', aliceBefore]]);
  await s.close();
});

test('a database from before the counter gets each account\'s total when migrated', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-usage-'));
  const file = join(dir, 'relay.db');
  const old = new Database(file);
  migrate(old, 2);
  const ids = [newId(), newId(), newId()];
  const addAccount = old.prepare(`INSERT INTO accounts (id, name, kdf, salt, auth_hash, password_wrap, recovery_wrap, recovery_hash, quota, created_at)
    VALUES (?, ?, '{}', X'00', 'h', X'00', X'00', 'r', ?, 1)`);
  ids.forEach((id, i) => addAccount.run(id, `user${i}`, QUOTA));
  const addBlob = old.prepare('INSERT INTO blobs (id, account_id, drop_id, size, created_at) VALUES (?, ?, ?, ?, 1)');
  const addUpload = old.prepare(`INSERT INTO uploads (id, account_id, drop_id, size, part_size, part_count, handle, created_at, expires_at)
    VALUES (?, ?, ?, ?, 1048576, 1, '', 1, 1000000000000000)`);
  const addNode = old.prepare('INSERT INTO nodes (account_id, id, version, body, size, revision, deleted) VALUES (?, ?, 1, ?, ?, 1, ?)');
  addBlob.run(newId(), ids[0], null, 1000);
  addBlob.run(newId(), ids[0], newId(), 234);
  addUpload.run(newId(), ids[0], null, 50);
  addUpload.run(newId(), ids[0], newId(), 6);
  addNode.run(ids[0], newId(), Buffer.alloc(70), 70, 0);
  addNode.run(ids[0], newId(), null, 0, 1);
  addNode.run(ids[1], newId(), Buffer.alloc(9), 9, 0);
  old.close();

  const meta = openSqliteMetaStore(file);
  const db = new Database(file);
  assert.is(db.pragma('user_version', { simple: true }), 3);
  assert.is(await same(meta, db, ids[0], 'blobs, drop blobs, uploads, nodes and a tombstone'), 1000 + 234 + 50 + 6 + 70);
  assert.is(await same(meta, db, ids[1], 'nodes only'), 9);
  assert.is(await same(meta, db, ids[2], 'nothing'), 0);
  // And the triggers take over from there.
  const u = upload(ids[2], 77);
  assert.is(await meta.createUpload(u, { quota: QUOTA, dropCap: null }), 'ok');
  assert.is(await same(meta, db, ids[2], 'after migration'), 77);
  db.close();
  await meta.close();
  rmSync(dir, { recursive: true, force: true });
});

test.run();
