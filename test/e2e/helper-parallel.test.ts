// The helper's passes run transfers several at a time ([Note: Transfers in parallel] in
// worker/src/sync/executor.ts; TRANSFERS_AT_ONCE in windows-helper/src/helper-daemon.ts). Against a
// real relay: a tree sent and another received in parallel arrive whole, the log keeps the steps'
// order, and a pass cut in the middle of a parallel run (the test seam's crash) resumes without loss
// or duplicates.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { VaultCore } from '../../worker/src/client/vault-core.js';
import { vaultFolderId } from '../../worker/src/sync/index.js';
import { TRANSFERS_AT_ONCE } from '../../windows-helper/src/helper-daemon.js';
import { startRelay, type TestRelay } from './client-support.js';
import { loggedIn, syncDevice, vaultFiles, vaultPut } from './support/sync-device.js';

let relay: TestRelay;
let core: VaultCore;

test.before(async () => {
  relay = await startRelay();
  core = await loggedIn(relay, 'parallel-owner', 'a password for parallel passes', true);
});
test.after(async () => {
  await core.lock();
  await relay.close();
});

test('transfers in parallel both ways: all arrive, the log keeps the plan\'s order', async () => {
  const fid = await vaultFolderId(core, 'Parallel');
  const d = syncDevice(core, fid, 'Laptop');
  const expected: Record<string, string> = {};
  for (let i = 0; i < 30; i++) { d.folder.put(`up/${i % 3}/f${i}.txt`, `up ${i}`); expected[`up/${i % 3}/f${i}.txt`] = `up ${i}`; }
  for (let i = 0; i < 20; i++) { await vaultPut(core, fid, `down${i}.txt`, `down ${i}`); expected[`down${i}.txt`] = `down ${i}`; }
  const report = await d.pass({ parallel: TRANSFERS_AT_ONCE });
  assert.is(report.status, 'done');
  assert.equal(report.errors, []);
  assert.is(report.counts.sent, 30);
  assert.is(report.counts.received, 20);
  const transfers = report.log.filter((e) => e.op === 'upload' || e.op === 'download');
  assert.is(transfers.length, 50);
  // Logged in the plan's order (all of one kind, then all of the other), not as they finished.
  const ops = transfers.map((e) => e.op).join(' ');
  assert.ok(/^(upload ?)+(download ?)+$|^(download ?)+(upload ?)+$/.test(ops), ops);
  assert.is(new Set(transfers.map((e) => e.path)).size, 50);
  assert.equal(await vaultFiles(core, fid), expected);
  for (let i = 0; i < 20; i++) assert.is(d.folder.get(`down${i}.txt`), `down ${i}`);
  const again = await d.pass({ parallel: TRANSFERS_AT_ONCE });
  assert.equal(again.log, [], 'nothing left to do');
});

test('a pass cut in the middle of a parallel run resumes without loss or duplicates', async () => {
  const fid = await vaultFolderId(core, 'Parallel cut');
  const d = syncDevice(core, fid, 'Laptop');
  const expected: Record<string, string> = {};
  for (let i = 0; i < 24; i++) { d.folder.put(`f${i}.txt`, `file ${i}`); expected[`f${i}.txt`] = `file ${i}`; }
  let started = 0;
  const crash = new Error('the helper was killed');
  await d.pass({ parallel: TRANSFERS_AT_ONCE, beforeStep: (step) => { if (step.op === 'upload' && ++started === 11) throw crash; } })
    .then(() => assert.unreachable('the crash did not stop the pass'), (e: unknown) => assert.is(e, crash));
  const resumed = await d.pass({ parallel: TRANSFERS_AT_ONCE });
  assert.is(resumed.status, 'done');
  assert.equal(resumed.errors, []);
  assert.equal(await vaultFiles(core, fid), expected, 'every file once, none twice');
  assert.equal((await d.pass({ parallel: TRANSFERS_AT_ONCE })).log, []);
});

test.run();
