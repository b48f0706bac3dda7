// Unit tests for the restart check: received parts survive a relay crash and a clean stop, and are
// forgotten after an OS restart without a clean stop.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { openStores, type Stores } from '../store/open-stores.js';
import { checkRestart, markCleanStop } from './restart-check.js';

async function withUpload(run: (stores: Stores, id: string) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-restart-'));
  const stores = openStores(dir);
  const now = Date.now();
  await stores.meta.createAccount({
    id: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'alice', kdf: { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 1 },
    salt: Buffer.alloc(16), authHash: 'x', passwordWrap: Buffer.alloc(4), recoveryWrap: Buffer.alloc(4), recoveryHash: 'x',
    quota: 1e9, revision: 0, createdAt: now, lastSeenAt: null,
  });
  const id = 'BBBBBBBBBBBBBBBBBBBBBA';
  await stores.meta.createUpload({ id, accountId: 'AAAAAAAAAAAAAAAAAAAAAA', dropId: null, size: 20, partSize: 10, partCount: 2, handle: '', createdAt: now, expiresAt: now + 1e6 }, { quota: 1e9, dropCap: null });
  await stores.blobs.beginUpload(id, 20);
  await stores.meta.recordPart(id, { index: 0, size: 10, tag: '' }, now + 1e6);
  try {
    await run(stores, id);
  } finally {
    await stores.meta.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const parts = async (stores: Stores, id: string) => (await stores.meta.listParts(id)).map((p) => p.index);

test('first start and a relay crash in the same boot keep received parts', async () => {
  await withUpload(async (stores, id) => {
    assert.is(await checkRestart(stores, 'boot-1'), 0);
    assert.is(await checkRestart(stores, 'boot-1'), 0, 'killed, restarted, same boot');
    assert.equal(await parts(stores, id), [0]);
  });
});

test('an OS restart without a clean stop forgets received parts', async () => {
  await withUpload(async (stores, id) => {
    await checkRestart(stores, 'boot-1');
    assert.is(await checkRestart(stores, 'boot-2'), 1);
    assert.equal(await parts(stores, id), []);
    assert.ok(await stores.meta.getUpload(id), 'the upload itself stays: the client resends its parts');
  });
});

test('a clean stop keeps parts across an OS restart; no boot id counts as a new boot', async () => {
  await withUpload(async (stores, id) => {
    await checkRestart(stores, 'boot-1');
    await markCleanStop(stores, 'boot-1');
    assert.is(await checkRestart(stores, 'boot-2'), 0);
    assert.equal(await parts(stores, id), [0]);
    assert.is(await checkRestart(stores, null), 1, 'unclean stop, boot unknown: assume the worst');
  });
});

test.run();
