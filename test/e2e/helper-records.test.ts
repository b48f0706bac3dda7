// E2E (in-process relay): the device records behind a helper's web settings ([Note: Helper settings
// through device records] in worker/src/client/device-records.ts). They never enter the file tree, a
// second client sees them (live, through the relay's events), concurrent writers merge by compare-
// and-swap, a record moved to another id is refused as tampered, and removing a device deletes them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { VaultCore } from '../../worker/src/client/vault-core.js';
import { helperViews, setHelperSettings } from '../../worker/src/client/helper-settings-api.js';
import { HELPER_STATUS, type HelperStatusRecord } from '../../worker/src/client/helper-records.js';
import { emptyCounts } from '../../worker/src/sync/sync-report.js';
import { newCore, startRelay, type TestRelay } from './client-support.js';
import { waitFor } from './helper-support.js';

let relay: TestRelay;
let a: VaultCore;
let b: VaultCore;
const password = 'a password for the records test';

test.before(async () => {
  relay = await startRelay();
  a = newCore(relay, true);
  await a.signUp('records-owner', password);
  b = newCore(relay, true);
  await b.logIn('records-owner', password);
});

test.after(async () => {
  await a.lock();
  await b.lock();
  await relay.close();
});

const status = (state: HelperStatusRecord['state']): HelperStatusRecord => ({
  state, message: 'Up to date.', localFolder: '/home/me/Veilbox', vaultFolderId: null, lastPass: null, totals: emptyCounts(), passes: 1,
  queue: 0, errors: [], pendingDeletions: null, helperVersion: '0.1.0', updatedAt: Date.now(),
});

test('settings and status travel between clients, live, and stay out of the tree', async () => {
  const before = (await a.listTree()).nodes.length;
  const folder = await a.createFolder((await a.listTree()).rootId, 'Synced');
  let changes = 0;
  const off = await b.withSession(async (s) => s.deviceRecords.onChange(() => { changes++; }));
  await setHelperSettings(a, 'device-1', { vaultFolderId: folder.id });
  await a.withSession((s) => s.deviceRecords.write(HELPER_STATUS, 'device-1', () => status('idle')));
  await waitFor('the live change at the second client', () => changes > 0, 30_000);
  off();
  const [view] = await helperViews(b, { refresh: true });
  assert.is(view.deviceId, 'device-1');
  assert.is(view.settings.vaultFolderId, folder.id);
  assert.equal(view.vaultFolderPath, ['Synced']);
  assert.is(view.status?.state, 'idle');
  assert.is((await b.listTree()).nodes.length, before + 1, 'only the folder is in the tree');
  assert.ok((await b.listTree()).nodes.every((n) => n.type === 'file' || n.type === 'folder'));
});

test('two writers at once: both changes stand', async () => {
  await helperViews(a, { refresh: true });
  await helperViews(b, { refresh: true });
  await Promise.all([setHelperSettings(a, 'device-1', { paused: true }), setHelperSettings(b, 'device-1', { vaultFolderId: null })]);
  const [view] = await helperViews(a, { refresh: true });
  assert.is(view.settings.paused, true);
  assert.is(view.settings.vaultFolderId, null);
});

test('a record moved to another id is tampered; a folder that is gone is refused', async () => {
  const id = await a.withSession((s) => s.deviceRecords.idOf('helper-settings', 'device-1'));
  const change = (await a.api.changes(0)).changes.find((c) => c.id === id)!;
  const c = newCore(relay);
  await c.logIn('records-owner', password);
  await a.api.putNode('AAAAAAAAAAAAAAAAAAAAAA', 0, change.body!);
  await c.listTree().then(() => assert.unreachable('a moved record was accepted'), (e: { kind: string }) => assert.is(e.kind, 'tampered'));
  await a.api.deleteNode('AAAAAAAAAAAAAAAAAAAAAA', 1);
  await c.lock();
  const gone = await a.createFolder((await a.listTree()).rootId, 'Gone soon');
  await a.trash([gone.id]);
  await setHelperSettings(a, 'device-1', { vaultFolderId: gone.id }).then(() => assert.unreachable(), (e: { kind: string }) => assert.is(e.kind, 'not-found'));
});

test('removing the device deletes its records', async () => {
  await a.withSession((s) => s.deviceRecords.removeDevice('device-1'));
  assert.equal(await helperViews(a), []);
  await waitFor('the second client to see them go', async () => (await helperViews(b, { refresh: true })).length === 0, 30_000);
});

test.run();
