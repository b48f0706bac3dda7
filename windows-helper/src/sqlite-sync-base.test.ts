// Unit tests of sqlite-sync-base.ts: the same behaviour as MemorySyncBase (case-free keys, removeTrees,
// copies out), kept across a reopen of the file, separate per pair; changes made together commit in one
// transaction in their order ([Note: Base changes together]), and a failed one fails them all, leaving nothing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BaseEntry } from '../../worker/src/sync/index.js';
import { loadPair, openSyncDb, savePair, SqliteSyncBase } from './sqlite-sync-base.js';

const entry = (path: string, kind: 'file' | 'folder' = 'file'): BaseEntry => ({ path, kind, nodeId: `n-${path}`, version: 1, size: 3, mtime: 1000, contentHash: kind === 'file' ? 'h' : null });

test('entries, case-free keys, trees, reopen, pairs', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vb-sqlite-base-'));
  try {
    const file = join(dir, 'sync.sqlite');
    let db = openSyncDb(file);
    const a = new SqliteSyncBase(db, '/a');
    const b = new SqliteSyncBase(db, '/b');
    await a.apply({ put: [entry('Docs', 'folder'), entry('Docs/x.txt'), entry('Docs/Sub', 'folder'), entry('Docs/Sub/y.txt'), entry('Docsy.txt')] });
    await b.apply({ put: [entry('only-b.txt')] });
    await a.apply({ remove: ['docs/X.TXT'], put: [{ ...entry('DOCS/x.txt'), version: 2 }] });
    assert.equal((await a.entries()).map((e) => e.path).sort(), ['DOCS/x.txt', 'Docs', 'Docs/Sub', 'Docs/Sub/y.txt', 'Docsy.txt'].sort());
    await a.apply({ removeTrees: ['docs/sub'] });
    assert.equal((await a.entries()).map((e) => e.path).sort(), ['DOCS/x.txt', 'Docs', 'Docsy.txt'].sort());
    savePair(db, { localFolder: '/a', vaultFolderId: 'f1', vaultPath: 'A' });
    db.close();
    db = openSyncDb(file);
    assert.equal((await new SqliteSyncBase(db, '/a').entries()).map((e) => e.path).sort(), ['DOCS/x.txt', 'Docs', 'Docsy.txt'].sort());
    assert.equal((await new SqliteSyncBase(db, '/b').entries()).map((e) => e.path), ['only-b.txt']);
    assert.equal(loadPair(db, '/a'), { localFolder: '/a', vaultFolderId: 'f1', vaultPath: 'A' });
    savePair(db, { localFolder: '/a', vaultFolderId: 'f2', vaultPath: 'A' });
    assert.equal(await new SqliteSyncBase(db, '/a').entries(), []);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('changes made in the same turn commit together, in order; a failed transaction fails each and keeps none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'vb-sqlite-base-'));
  try {
    const db = openSyncDb(join(dir, 'sync.sqlite'));
    const base = new SqliteSyncBase(db, '/p');
    const settled = await Promise.all([
      base.apply({ put: [entry('a.txt')] }),
      base.apply({ remove: ['a.txt'], put: [{ ...entry('A.TXT'), version: 2 }] }),
      base.apply({ put: [entry('b.txt')] }),
    ]);
    assert.is(settled.length, 3);
    assert.equal((await base.entries()).map((e) => `${e.path} v${e.version}`), ['A.TXT v2', 'b.txt v1'], 'the later change of the same path wins');

    // entries() commits what waits, so a pass reading the base sees every finished step.
    const pending = base.apply({ put: [entry('c.txt')] });
    assert.equal((await base.entries()).map((e) => e.path), ['A.TXT', 'b.txt', 'c.txt']);
    await pending;

    // A batch whose transaction fails (a null kind breaks the table's NOT NULL) rejects every caller in it.
    const broken = { ...entry('d.txt'), kind: null as unknown as 'file' };
    const results = await Promise.allSettled([base.apply({ put: [entry('e.txt')] }), base.apply({ put: [broken] })]);
    assert.equal(results.map((r) => r.status), ['rejected', 'rejected']);
    assert.equal((await base.entries()).map((e) => e.path), ['A.TXT', 'b.txt', 'c.txt'], 'nothing of the failed batch was kept');
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
