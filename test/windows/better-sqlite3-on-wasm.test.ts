// The Windows build's SQLite (windows-helper/scripts/better-sqlite3-on-wasm.ts) against the real
// node-sqlite3-wasm package the installer ships, fetched as the build fetches it: the calls the
// helper's SqliteSyncBase makes answer as better-sqlite3's do, and transactions are all or nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { betterSqliteOnWasm, type WasmSqlite } from '../../windows-helper/scripts/better-sqlite3-on-wasm.js';
import { shippedPackages } from '../../windows-helper/scripts/native-modules.js';
import { npmPackageDir } from '../../windows-helper/scripts/npm-package-file.js';
import { windowsPaths } from '../../windows-helper/scripts/windows-paths.js';

const root = new URL('../..', import.meta.url).pathname;
const shipped = shippedPackages.find((p) => p.name === 'node-sqlite3-wasm');
if (!shipped) throw new Error('node-sqlite3-wasm is no longer shipped: update this test.');
const packageDir = npmPackageDir(windowsPaths(join(root, 'windows-helper')).cacheDir, shipped.name, shipped.version);
const Database = betterSqliteOnWasm(createRequire(import.meta.url)(packageDir) as WasmSqlite);
const dir = mkdtempSync(join(tmpdir(), 'veilbox-sqlite-wasm-'));
const schema = 'CREATE TABLE IF NOT EXISTS base (pair TEXT NOT NULL, key TEXT NOT NULL, size INTEGER NOT NULL, hash TEXT, PRIMARY KEY (pair, key));';

test('prepare: get answers undefined for no row, run counts changes, all lists rows', () => {
  const db = new Database(join(dir, 'a.sqlite'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(schema);
  assert.is(db.prepare('SELECT * FROM base WHERE pair = ?').get('p'), undefined);
  const put = db.prepare('INSERT OR REPLACE INTO base (pair, key, size, hash) VALUES (?, ?, ?, ?)');
  assert.equal(put.run('p', 'a', 0, null), { changes: 1 });
  put.run('p', 'b/c', 5, 'h');
  assert.equal(db.prepare('SELECT key, size, hash FROM base WHERE pair = ? ORDER BY key').all('p'), [
    { key: 'a', size: 0, hash: null }, { key: 'b/c', size: 5, hash: 'h' },
  ]);
  assert.equal(db.prepare("DELETE FROM base WHERE pair = ? AND (key = ? OR substr(key, 1, length(?) + 1) = ? || '/')").run('p', 'b', 'b', 'b'), { changes: 1 });
  db.close();
});

test('transaction: kept whole when it returns, undone whole when it throws, and on disk', () => {
  const file = join(dir, 'b.sqlite');
  const db = new Database(file);
  db.exec(schema);
  const put = db.prepare('INSERT INTO base (pair, key, size) VALUES (?, ?, ?)');
  assert.is(db.transaction((n: number) => { put.run('p', 'x', n); put.run('p', 'y', n); return n; })(7), 7);
  assert.throws(() => db.transaction(() => { put.run('p', 'z', 1); put.run('p', 'x', 1); })(), /UNIQUE/);
  // A nested transaction undone alone leaves the outer one's rows.
  db.transaction(() => {
    put.run('p', 'outer', 1);
    assert.throws(() => db.transaction(() => { put.run('p', 'inner', 1); throw new Error('undo inner'); })(), /undo inner/);
  })();
  db.close();
  const again = new Database(file);
  assert.equal(again.prepare('SELECT key FROM base ORDER BY key').all().map((r) => (r as { key: string }).key), ['outer', 'x', 'y']);
  again.close();
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
