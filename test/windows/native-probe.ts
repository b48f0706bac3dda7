// Run inside a single executable under Wine by packaging.test.ts, beside the install tree's native\
// and node_modules\: the helper's own code on each native dependency of the Windows build (the device
// key through DPAPI, the sync state through SQLite on WebAssembly, the one-sync lock on it, the folder watcher), printed as one
// JSON line. Not part of the helper.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileDeviceStore } from '../../windows-helper/src/device-store-file.js';
import { watchFolder } from '../../windows-helper/src/folder-watcher.js';
import { loadPair, openSyncDb, savePair, SqliteSyncBase } from '../../windows-helper/src/sqlite-sync-base.js';
import { takeSyncLock } from '../../windows-helper/src/sync-lock.js';

/** How long the watcher gets to report a file written into its folder. */
const watchWaitMs = 15_000;

async function probe(): Promise<Record<string, unknown>> {
  const home = mkdtempSync(join(tmpdir(), 'veilbox-probe-'));
  const store = new FileDeviceStore(home);
  await store.saveSecrets(
    { relay: 'https://relay.invalid', login: 'probe', accountId: 'account', deviceId: 'device', pairedAt: '2026-01-01T00:00:00Z' },
    { token: 'token-1', secret: new Uint8Array([1, 2, 3]) },
  );
  const kept = JSON.parse(readFileSync(store.path, 'utf8')) as { protection: string; sealed: string };
  const back = await store.secrets();

  const db = openSyncDb(join(home, 'sync.sqlite'));
  const folder = 'C:\\probe-folder';
  savePair(db, { localFolder: folder, vaultFolderId: 'vault-folder', vaultPath: '/Probe' });
  const base = new SqliteSyncBase(db, folder);
  await base.apply({ put: [{ path: 'a.txt', kind: 'file', nodeId: 'n1', version: 1, size: 3, mtime: 5, contentHash: 'h1' }] });
  await base.apply({ put: [{ path: 'b/c.txt', kind: 'file', nodeId: 'n2', version: 1, size: 4, mtime: 6, contentHash: 'h2' }], removeTrees: ['a.txt'] });

  const lock = takeSyncLock(home);
  const lockResult = { taken: lock !== null, held: lock?.held ?? false, problem: lock?.problem ?? null };
  lock?.release();

  const watched = mkdtempSync(join(tmpdir(), 'veilbox-watch-'));
  let saw: () => void = () => undefined;
  const change = new Promise<boolean>((resolve) => { saw = () => resolve(true); });
  const errors: string[] = [];
  const watch = await watchFolder(watched, () => saw(), (error) => errors.push(String(error)));
  setTimeout(() => writeFileSync(join(watched, 'new.txt'), 'new'), 500);
  const sawChange = await Promise.race([change, new Promise<boolean>((resolve) => setTimeout(() => resolve(false), watchWaitMs))]);
  await watch.close();

  return {
    device: { protection: kept.protection, token: back?.token, secret: Array.from(back?.secret ?? []) },
    sqlite: { pair: loadPair(db, folder), entries: (await base.entries()).map((e) => e.path) },
    watch: { kind: watch.kind, sawChange, errors },
    lock: lockResult,
  };
}

probe().then((result) => {
  console.log(JSON.stringify(result));
  process.exit(0);
}, (error: unknown) => {
  console.log(JSON.stringify({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }));
  process.exit(1);
});
