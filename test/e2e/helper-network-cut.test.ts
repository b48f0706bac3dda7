// E2E: the network between the helper and the relay drops and comes back while the relay stays up
// (helper-sync.test.ts restarts the relay instead). The helper CLI talks to the real relay through a
// TCP proxy on loopback (test/support/cutting-proxy.ts); in the middle of a first pass that sends files
// and brings others down both ways, every open connection is cut and new ones are dropped for a while,
// twice. Then the folder and the vault must hold exactly the same files, byte for byte: nothing lost,
// nothing doubled, no conflict copy, no temp file left behind, and live changes flow again.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
import { CuttingProxy } from '../support/cutting-proxy.js';
import { randomBytesOf } from './client-support.js';
import { helperHomeDir, pairHome, startHelper, waitFor, type HelperProcess } from './helper-support.js';
import { vaultPut } from './support/sync-device.js';

const VAULT_FOLDER = 'Cut';
const MiB = 1024 * 1024;
let dataDir: string;
let relay: RelayProcess;
let proxy: CuttingProxy;
let owner: VaultCore;
let home: string;
let folder: string;
let helper: HelperProcess | null = null;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** What each side must end with: path → SHA-256 of its bytes. */
const expected = new Map<string, string>();

function localFiles(): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name).slice(folder.length + 1);
    out.set(path, sha(readFileSync(join(folder, path))));
  }
  return out;
}

async function vaultFileHashes(folderId: string): Promise<Map<string, string>> {
  const remote = new VaultRemote(owner, folderId);
  const out = new Map<string, string>();
  for (const node of await remote.list()) {
    if (node.kind !== 'file') continue;
    const hash = createHash('sha256');
    await remote.download(node.id, new WritableStream({ write(chunk) { hash.update(chunk); } }));
    out.set(node.path, hash.digest('hex'));
  }
  return out;
}

function sameFiles(actual: Map<string, string>): boolean {
  return actual.size === expected.size && [...expected].every(([path, hash]) => actual.get(path) === hash);
}

test.before(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'veilbox-helper-cut-relay-'));
  relay = await startRelay(dataDir, ['--scrypt-cost', '10', '--open-signup']);
  proxy = await CuttingProxy.start(relay.url);
  owner = new VaultCore({ baseUrl: relay.url, sessionMode: 'bearer', deviceStore: new MemoryDeviceStore(), webSocket: null });
  await owner.signUp('helper-cut', 'a password for the network cut test');
  home = helperHomeDir();
  folder = await mkdtemp(join(tmpdir(), 'veilbox-helper-cut-folder-'));
  // The helper knows the relay only through the proxy.
  await pairHome(owner, relay.url, home, { deviceName: 'Cut PC', confirm: true, helperRelayUrl: proxy.url });
});

test.after(async () => {
  if (helper) { helper.child.kill('SIGKILL'); await helper.exited; }
  await proxy.close();
  await relay.stop();
  for (const dir of [dataDir, home, folder]) rmSync(dir, { recursive: true, force: true });
});

test('the network cut twice during a first pass both ways: the folder and the vault end the same, nothing lost or doubled', async () => {
  // The folder: many small files and a few large ones (resumable uploads in 8 MiB parts).
  for (let i = 0; i < 300; i++) {
    mkdirSync(join(folder, `up${i % 10}`), { recursive: true });
    const bytes = randomBytesOf(16 * 1024 + i * 97, i + 1);
    writeFileSync(join(folder, `up${i % 10}`, `small-${i}.bin`), bytes);
    expected.set(`up${i % 10}/small-${i}.bin`, sha(bytes));
  }
  for (let i = 0; i < 4; i++) {
    const bytes = randomBytesOf(12 * MiB + i, 1000 + i);
    writeFileSync(join(folder, `large-up-${i}.bin`), bytes);
    expected.set(`large-up-${i}.bin`, sha(bytes));
  }
  // The vault: files the helper must bring down, sent straight to the relay as the PWA would.
  const made = await owner.createFolder((await owner.listTree()).rootId, VAULT_FOLDER);
  const remote = new VaultRemote(owner, made.id);
  for (let i = 0; i < 4; i++) {
    const bytes = randomBytesOf(10 * MiB + i, 2000 + i);
    await remote.upload(`down/large-down-${i}.bin`, new File([bytes], `large-down-${i}.bin`), { replaceId: null });
    expected.set(`down/large-down-${i}.bin`, sha(bytes));
  }

  helper = startHelper(home, ['sync', '--folder', folder, '--vault-folder', VAULT_FOLDER, '--rescan-seconds', '3']);
  // Cut once the pass is well under way, hold the network down, bring it back; then once more.
  for (const afterBytes of [6 * MiB, 30 * MiB]) {
    await waitFor(`${afterBytes / MiB} MiB sent through the proxy`, () => proxy.upstreamBytes >= afterBytes, 300_000, 5);
    proxy.cut();
    await new Promise((r) => setTimeout(r, 1500));
    proxy.restore();
  }
  assert.ok(proxy.cutOpen > 0, 'no connection was open when the network was cut');

  await waitFor('the folder and the vault to hold the same files', async () => sameFiles(localFiles()) && sameFiles(await vaultFileHashes(made.id)), 600_000, 2000);
  assert.equal(readdirSync(folder).filter((n) => n.startsWith('.veilbox-tmp-')), [], 'a temp file left behind');
  assert.not.ok(existsSync(join(folder, '.veilbox-trash')), 'nothing was deleted, so nothing is in the trash');
  assert.equal([...localFiles().keys()].filter((p) => p.includes('conflict')), []);
  const status = await waitFor('a pass without errors after the cuts', () => {
    const s = readStatus(home);
    return s && s.state !== 'syncing' && s.lastPass && s.lastPass.counts.errors === 0 ? s : undefined;
  }, 120_000, 500);
  assert.ok(status.totals.sent >= 304, `sent ${status.totals.sent}`);

  // Live again: a change in the vault reaches the folder through the proxy's new connections.
  await vaultPut(owner, made.id, 'after-the-cut.txt', 'the network is back');
  await waitFor('a vault change after the cuts', () => existsSync(join(folder, 'after-the-cut.txt')) && readFileSync(join(folder, 'after-the-cut.txt'), 'utf8') === 'the network is back', 120_000);
});

test.run();
