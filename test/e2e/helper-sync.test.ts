// E2E: the helper's `sync` as a real child process against the real relay process. A 1,000-file tree is
// sent on the first pass; then live changes both ways (add, edit, rename, delete, each from the folder and
// from the vault through another VaultCore), a concurrent edit made while the helper is stopped gives a
// conflict copy with nothing lost, and `status --json` reports the counts. Faults: SIGKILL during a
// download leaves only a temp-prefixed partial and a restart converges; the relay restarted while a pass
// runs; revoking the device stops the helper with exit code 3 and the message.
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryDeviceStore } from '../../worker/src/client/remembered-device.js';
import { VaultCore } from '../../worker/src/client/vault-core.js';
import { VaultRemote } from '../../worker/src/sync/index.js';
import { readStatus } from '../../windows-helper/src/status-file.js';
import { startRelay, type RelayProcess } from '../relay/support/relay-process.js';
import { randomBytesOf } from './client-support.js';
import { helperHomeDir, pairHome, runHelper, startHelper, waitFor, type HelperProcess } from './helper-support.js';
import { vaultFiles, vaultPut } from './support/sync-device.js';

const VAULT_FOLDER = 'PC Sync';
let dataDir: string;
let relay: RelayProcess;
let port = 0;
let owner: VaultCore;
let home: string;
let folder: string;
let folderId: string;
let deviceId: string;
let helper: HelperProcess | null = null;

async function startTheRelay(): Promise<void> {
  relay = await startRelay(dataDir, ['--scrypt-cost', '10', '--open-signup', ...(port ? ['--port', String(port)] : [])]);
  port = relay.port;
}

function startSync(): HelperProcess {
  helper = startHelper(home, ['sync', '--folder', folder, '--vault-folder', VAULT_FOLDER, '--rescan-seconds', '3']);
  return helper;
}

async function stopSync(): Promise<void> {
  if (!helper) return;
  helper.child.kill('SIGTERM');
  await helper.exited;
  helper = null;
}

function local(path: string): string | null {
  const p = join(folder, path);
  return existsSync(p) ? readFileSync(p, 'utf8') : null;
}

async function vaultMap(): Promise<Map<string, { id: string; kind: string }>> {
  const nodes = await new VaultRemote(owner, folderId).list();
  return new Map(nodes.map((n) => [n.path, { id: n.id, kind: n.kind }]));
}

async function vaultText(path: string): Promise<string | null> {
  const node = (await vaultMap()).get(path);
  if (!node) return null;
  const parts: Uint8Array[] = [];
  await new VaultRemote(owner, folderId).download(node.id, new WritableStream({ write(c) { parts.push(c); } }));
  return Buffer.concat(parts).toString('utf8');
}

test.before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'veilbox-helper-sync-relay-'));
  await startTheRelay();
  owner = new VaultCore({ baseUrl: relay.url, sessionMode: 'bearer', deviceStore: new MemoryDeviceStore(), webSocket: null });
  await owner.signUp('helper-sync', 'a password for the helper test');
  home = helperHomeDir();
  folder = await mkdtemp(join(tmpdir(), 'veilbox-helper-folder-'));
  deviceId = await pairHome(owner, relay.url, home, { deviceName: 'Test PC', confirm: true });
});

test.after(async () => {
  if (helper) { helper.child.kill('SIGKILL'); await helper.exited; }
  await relay.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
  rmSync(folder, { recursive: true, force: true });
});

test('initial pass sends a 1,000-file tree', async () => {
  for (let d = 0; d < 20; d++) {
    mkdirSync(join(folder, `dir${d}`), { recursive: true });
    for (let f = 0; f < 50; f++) writeFileSync(join(folder, `dir${d}`, `file${f}.txt`), `dir ${d} file ${f}\n`);
  }
  startSync();
  const status = await waitFor('the first pass', () => {
    const s = readStatus(home);
    return s && s.passes >= 1 && s.totals.sent >= 1000 ? s : undefined;
  }, 600_000, 500);
  assert.is(status.totals.errors, 0, JSON.stringify(status.errors));
  const tree = await owner.listTree();
  folderId = tree.nodes.find((n) => n.parentId === tree.rootId && n.name === VAULT_FOLDER && !n.trashed)!.id;
  const nodes = await vaultMap();
  assert.is([...nodes.values()].filter((n) => n.kind === 'file').length, 1000);
  assert.is(await vaultText('dir7/file33.txt'), 'dir 7 file 33\n');
  const json = JSON.parse((await runHelper(home, ['status', '--json'])).stdout) as { running: boolean; status: { totals: { sent: number } } };
  assert.ok(json.running);
  assert.ok(json.status.totals.sent >= 1000);
});

test('live changes both ways: add, edit, rename, delete', async () => {
  // Vault → folder.
  await vaultPut(owner, folderId, 'from-vault.txt', 'made in the browser');
  await waitFor('the vault file in the folder', () => local('from-vault.txt') === 'made in the browser');
  // Folder → vault: a new file and an edit.
  writeFileSync(join(folder, 'from-folder.txt'), 'made on the PC');
  writeFileSync(join(folder, 'dir1/file1.txt'), 'edited on the PC');
  await waitFor('the folder changes in the vault', async () => await vaultText('from-folder.txt') === 'made on the PC' && await vaultText('dir1/file1.txt') === 'edited on the PC');
  // Edit in the vault.
  await vaultPut(owner, folderId, 'dir2/file2.txt', 'edited in the browser');
  await waitFor('the vault edit in the folder', () => local('dir2/file2.txt') === 'edited in the browser');
  // Rename in the folder.
  renameSync(join(folder, 'dir3/file3.txt'), join(folder, 'dir3/renamed-here.txt'));
  await waitFor('the local rename in the vault', async () => { const m = await vaultMap(); return m.has('dir3/renamed-here.txt') && !m.has('dir3/file3.txt'); });
  assert.is(await vaultText('dir3/renamed-here.txt'), 'dir 3 file 3\n');
  // Rename in the vault.
  await owner.rename((await vaultMap()).get('dir4/file4.txt')!.id, 'renamed-there.txt');
  await waitFor('the vault rename in the folder', () => local('dir4/renamed-there.txt') === 'dir 4 file 4\n' && local('dir4/file4.txt') === null);
  // Delete in the folder: into the vault's trash.
  rmSync(join(folder, 'dir5/file5.txt'));
  await waitFor('the local deletion in the vault', async () => !(await vaultMap()).has('dir5/file5.txt'));
  assert.ok((await owner.listTree()).nodes.some((n) => n.name === 'file5.txt' && n.trashed));
  // Delete in the vault: into the local .veilbox-trash.
  await owner.trash([(await vaultMap()).get('dir6/file6.txt')!.id]);
  await waitFor('the vault deletion in the folder', () => local('dir6/file6.txt') === null);
  const trashed = JSON.stringify(readdirSync(join(folder, '.veilbox-trash'), { recursive: true }));
  assert.match(trashed, /file6\.txt/);
});

test('a concurrent edit while the helper is stopped gives a conflict copy; nothing lost', async () => {
  await stopSync();
  writeFileSync(join(folder, 'dir8/file8.txt'), 'PC side of the conflict');
  await vaultPut(owner, folderId, 'dir8/file8.txt', 'browser side of the conflict');
  startSync();
  await waitFor('the conflict copy', async () => {
    const files = await vaultFiles(owner, folderId);
    const copies = Object.entries(files).filter(([p]) => p.startsWith('dir8/file8 (conflict from'));
    return copies.length === 1 && files['dir8/file8.txt'] !== undefined && readdirSync(join(folder, 'dir8')).some((n) => n.startsWith('file8 (conflict from')) ? files : undefined;
  }, 120_000, 1000);
  const texts = readdirSync(join(folder, 'dir8')).filter((n) => n.startsWith('file8')).map((n) => readFileSync(join(folder, 'dir8', n), 'utf8')).sort();
  assert.equal(texts, ['PC side of the conflict', 'browser side of the conflict'].sort());
  const s = await waitFor('a status with the conflict', () => { const st = readStatus(home); return st && st.totals.conflicts >= 1 ? st : undefined; });
  assert.ok(s.totals.conflicts >= 1);
  const json = JSON.parse((await runHelper(home, ['status', '--json'])).stdout) as { status: { totals: Record<string, number>; lastPass: unknown; queue: number } };
  for (const k of ['sent', 'received', 'modified', 'moved', 'removed', 'conflicts', 'errors']) assert.type(json.status.totals[k], 'number');
  assert.ok(json.status.lastPass);
});

test('killed (SIGKILL) during a download: no partial file under the real name, and a restart converges', async () => {
  await stopSync();
  const big = randomBytesOf(40 * 1024 * 1024, 7);
  const remote = new VaultRemote(owner, folderId);
  await remote.upload('big.bin', new File([big], 'big.bin'), { replaceId: null });
  startSync();
  const seen = await waitFor('a temp file of the download', () => {
    const names = readdirSync(folder);
    if (names.includes('big.bin')) return 'finished';
    return names.some((n) => n.startsWith('.veilbox-tmp-') && n.endsWith('big.bin')) ? 'partial' : undefined;
  }, 300_000, 10);
  helper!.child.kill('SIGKILL');
  await helper!.exited;
  helper = null;
  assert.is(seen, 'partial', 'the download finished before it could be cut; make the file bigger');
  assert.not.ok(existsSync(join(folder, 'big.bin')), 'a partial file under the real name');
  startSync();
  await waitFor('the download after the restart', () => existsSync(join(folder, 'big.bin')) && statSync(join(folder, 'big.bin')).size === big.length, 300_000, 500);
  assert.ok(Buffer.from(readFileSync(join(folder, 'big.bin'))).equals(Buffer.from(big)));
  assert.equal(readdirSync(folder).filter((n) => n.startsWith('.veilbox-tmp-')), [], 'the killed helper\'s partial file is cleared at the restart');
});

test('the relay restarted while a pass runs: the helper carries on and converges', async () => {
  for (let i = 0; i < 100; i++) writeFileSync(join(folder, 'dir9', `restart-${i}.txt`), `restart ${i}`);
  await waitFor('a pass running', () => readStatus(home)?.state === 'syncing', 60_000, 20);
  await relay.stop();
  await new Promise((r) => setTimeout(r, 1000));
  await startTheRelay();
  await waitFor('every file of the restart batch in the vault', async () => {
    const m = await vaultMap();
    for (let i = 0; i < 100; i++) if (!m.has(`dir9/restart-${i}.txt`)) return false;
    return true;
  }, 300_000, 1000);
  assert.is(await vaultText('dir9/restart-42.txt'), 'restart 42');
  await vaultPut(owner, folderId, 'after-restart.txt', 'live again');
  await waitFor('a vault change after the restart', () => local('after-restart.txt') === 'live again', 120_000);
});

test('revoking the device stops the helper with the message and exit code 3', async () => {
  const running = helper!;
  await owner.revokeDevice(deviceId);
  const code = await Promise.race([running.exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 120_000))]);
  helper = null;
  assert.is(code, 3, running.output().slice(-2000));
  assert.match(running.output(), /removed from your vault/);
  assert.is(readStatus(home)?.state, 'revoked');
  const again = await runHelper(home, ['sync', '--folder', folder]);
  assert.is(again.code, 2);
  assert.match(again.stderr, /not paired/);
});

test.run();
