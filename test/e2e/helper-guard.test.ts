// E2E: the mass-deletion pause through `veilbox-helper status`. The helper (a real process) syncs 60
// files; 55 deleted from the folder at once make the next pass pause with nothing removed from the
// vault; `status` lists them and says how to go ahead; `status --confirm-deletions` lets the next pass
// move them to the vault's trash. A second `sync` beside the running one refuses to start.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VaultRemote } from '../../worker/src/sync/index.js';
import { readStatus } from '../../windows-helper/src/status-file.js';
import { startRelay, type TestRelay } from './client-support.js';
import { helperHomeDir, pairHome, runHelper, startHelper, waitFor, type HelperProcess } from './helper-support.js';
import { loggedIn } from './support/sync-device.js';

let relay: TestRelay;
let helper: HelperProcess | null = null;
const home = helperHomeDir();
const folder = mkdtempSync(join(tmpdir(), 'veilbox-helper-guard-'));

test.before(async () => { relay = await startRelay(); });
test.after(async () => {
  if (helper) { helper.child.kill('SIGKILL'); await helper.exited; }
  await relay.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
});

test('a mass deletion pauses until confirmed through status', async () => {
  const owner = await loggedIn(relay, 'guard-owner', 'a password for the guard test', true);
  await pairHome(owner, relay.baseUrl, home, { deviceName: 'Guard PC' });
  for (let i = 0; i < 60; i++) writeFileSync(join(folder, `f${i}.txt`), `file ${i}`);
  helper = startHelper(home, ['sync', '--folder', folder, '--vault-folder', 'Guarded', '--rescan-seconds', '2']);
  await waitFor('the first pass', () => { const s = readStatus(home); return s && s.totals.sent === 60 && s.state === 'idle'; }, 300_000, 500);
  const tree = await owner.listTree();
  const guarded = tree.nodes.find((n) => n.name === 'Guarded' && !n.trashed);
  assert.ok(guarded, 'the helper made the vault folder');
  const folderId = guarded!.id;
  const files = async () => (await new VaultRemote(owner, folderId).list()).filter((n) => n.kind === 'file').length;
  assert.is(await files(), 60);
  // A second sync on the same home (a manual start beside the logon one) stops at once, saying why.
  const second = await runHelper(home, ['sync', '--folder', folder]);
  assert.is(second.code, 1, second.stdout + second.stderr);
  assert.match(second.stderr, /Another veilbox-helper sync is already running here \(process \d+/);

  for (let i = 0; i < 55; i++) rmSync(join(folder, `f${i}.txt`));
  const paused = await waitFor('the pause', () => { const s = readStatus(home); return s?.state === 'confirm-deletions' ? s : undefined; }, 120_000, 200);
  assert.is(paused.pendingDeletions?.length, 55);
  assert.is(await files(), 60, 'nothing removed from the vault while paused');
  const text = await runHelper(home, ['status']);
  assert.match(text.stdout, /Waiting for you: the next pass would remove 55 files/);
  assert.match(text.stdout, /status --confirm-deletions/);

  const confirm = await runHelper(home, ['status', '--confirm-deletions']);
  assert.is(confirm.code, 0, confirm.stderr);
  await waitFor('the confirmed deletions in the vault', async () => await files() === 5, 120_000, 500);
  const s = await waitFor('an idle status', () => { const st = readStatus(home); return st?.state === 'idle' && st.pendingDeletions === null ? st : undefined; }, 60_000);
  assert.ok(s.totals.removed >= 55);
  assert.ok((await owner.listTree()).nodes.filter((n) => n.trashed && /^f\d+\.txt$/.test(n.name)).length >= 55);
});

test.run();
