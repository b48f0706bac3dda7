// Runs BrowserSyncRunner (worker/src/sync/browser-sync-runner.ts) in a Web Worker, where the PWA runs it:
// an OPFS folder through FsaFolder, the IndexedDB base and log, and an in-memory vault (memory-remote.ts),
// with FileSystemObserver turned off so the polling path is the one under test. The checks run in order
// on one pair and report the first that fails. A partial download a closed tab left is removed at start.
import * as Comlink from 'comlink';
import { localDb } from '../../worker/src/client/local-db.js';
import { IdbSyncBase } from '../../worker/src/sync/base-store-idb.js';
import { BrowserSyncRunner, type FolderSyncStatus } from '../../worker/src/sync/browser-sync-runner.js';
import { IdbSyncPairs, type StoredSyncPair } from '../../worker/src/sync/sync-pairs-idb.js';
import { MemoryRemote } from './memory-remote.js';

async function write(root: FileSystemDirectoryHandle, path: string, text: string): Promise<void> {
  let dir = root;
  const parts = path.split('/');
  for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create: true });
  const w = await (await dir.getFileHandle(parts[parts.length - 1], { create: true })).createWritable();
  await w.write(text);
  await w.close();
}

async function read(root: FileSystemDirectoryHandle, path: string): Promise<string | null> {
  try {
    return await (await (await root.getFileHandle(path)).getFile()).text();
  } catch {
    return null;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function runnerChecks(): Promise<{ watching: string | null; totals: Record<string, number>; logStatuses: string[] }> {
  const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(`runner-${crypto.randomUUID()}`, { create: true });
  let permission: PermissionState = 'granted';
  Object.defineProperty(root, 'queryPermission', { value: async () => permission });
  let offline = false;
  let vaultProblem: string | null = null;
  const remote = new MemoryRemote();
  const db = localDb();
  const pairs = new IdbSyncPairs(db);
  const pair: StoredSyncPair = { id: crypto.randomUUID(), accountId: 'runner-test', handle: root, vaultFolderId: 'root', paused: false, createdAt: Date.now() };
  await pairs.put(pair);
  let status: FolderSyncStatus | null = null;
  const runner = new BrowserSyncRunner(pair, {
    remote, offline: async () => offline, vaultFolderProblem: async () => vaultProblem, pairs, base: new IdbSyncBase(db, pair.id), device: 'Runner test',
    pollMs: 100, debounceMs: 20, useObserver: false, onStatus: (s) => { status = s; },
  });
  const until = async (what: string, ok: () => boolean | Promise<boolean>) => {
    for (const started = Date.now(); Date.now() - started < 30_000; await sleep(50)) if (await ok()) return;
    throw new Error(`timed out waiting for: ${what}; status ${JSON.stringify(status)}; vault ${JSON.stringify(remote.files())}`);
  };
  const state = () => (status as FolderSyncStatus | null)?.state;

  await write(root, 'a.txt', 'A');
  // What a tab closed mid-download leaves, and a file caught halfway through a case-only rename.
  await write(root, '.veilbox-tmp-mi3kq2x1-1-half.txt', 'partial');
  await write(root, '.veilbox-tmp-case-Keep.txt', 'keep me');
  await remote.upload('v.txt', new File(['V'], 'v.txt'), { replaceId: null });
  runner.start();
  await until('the first pass sends a.txt and receives v.txt', async () => remote.files()['a.txt'] === 'A' && await read(root, 'v.txt') === 'V' && state() === 'idle');
  const watching = runner.status.watching;
  if (await read(root, '.veilbox-tmp-mi3kq2x1-1-half.txt') !== null) throw new Error('a stale partial download is left');
  if (await read(root, '.veilbox-tmp-case-Keep.txt') !== 'keep me') throw new Error('a file mid case-rename was removed');

  await write(root, 'b.txt', 'B');
  await until('polling notices b.txt', () => remote.files()['b.txt'] === 'B');

  permission = 'prompt';
  runner.request(0);
  await until('a lapsed permission stops the runner', () => state() === 'needs-permission');
  await write(root, 'd.txt', 'D');
  await sleep(400);
  if ('d.txt' in remote.files()) throw new Error('a pass ran without permission');
  permission = 'granted';
  runner.reconnect();
  await until('reconnect syncs again', () => remote.files()['d.txt'] === 'D' && state() === 'idle');

  vaultProblem = 'The vault folder is in the trash.';
  runner.request(0);
  await until('no pass while the vault folder is in the trash', () => state() === 'failed' && runner.status.message === vaultProblem);
  await write(root, 'f.txt', 'F');
  await sleep(400);
  if ('f.txt' in remote.files()) throw new Error('a pass ran while the vault folder was in the trash');
  vaultProblem = null;
  runner.request(0);
  await until('the vault folder back', () => remote.files()['f.txt'] === 'F' && state() === 'idle');

  offline = true;
  runner.request(0);
  await until('offline: no pass', () => state() === 'offline');
  offline = false;
  runner.request(0);
  await until('online again', () => state() === 'idle');

  for (let i = 1; i <= 6; i++) await write(root, `bulk-${i}.txt`, `bulk ${i}`);
  await until('six more files sent', () => Object.keys(remote.files()).filter((p) => p.startsWith('bulk-')).length === 6 && state() === 'idle');
  for (let i = 1; i <= 6; i++) await root.removeEntry(`bulk-${i}.txt`);
  await until('removing six of ten files pauses', () => state() === 'confirm-deletions' && runner.status.pendingDeletions?.length === 6);
  if (Object.keys(remote.files()).filter((p) => p.startsWith('bulk-')).length !== 6) throw new Error('the vault lost files while paused');
  runner.confirmDeletions();
  await until('confirmed: the six go', () => Object.keys(remote.files()).every((p) => !p.startsWith('bulk-')) && state() === 'idle');

  // [Note: One tab syncs a folder]: a second runner on the pair (another tab) waits, then takes over.
  let second: FolderSyncStatus | null = null;
  const other = new BrowserSyncRunner(pair, {
    remote, offline: async () => false, pairs, base: new IdbSyncBase(db, pair.id), device: 'Runner test',
    pollMs: 100, debounceMs: 20, useObserver: false, onStatus: (s) => { second = s; },
  });
  const otherState = () => (second as FolderSyncStatus | null)?.state;
  other.start();
  await until('a second runner on the pair waits', () => otherState() === 'elsewhere');
  await runner.stop();
  if (state() !== 'stopped') throw new Error(`stop leaves state ${state()}`);
  await write(root, 'e.txt', 'E');
  await until('the second runner takes over', () => remote.files()['e.txt'] === 'E' && otherState() === 'idle');
  await other.stop();
  await write(root, 'g.txt', 'G');
  await sleep(400);
  if ('g.txt' in remote.files()) throw new Error('a stopped runner still syncs');

  const log = await pairs.log(pair.id);
  const totals: Record<string, number> = {};
  for (const row of log) for (const [k, v] of Object.entries(row.counts)) totals[k] = (totals[k] ?? 0) + v;
  await pairs.remove(pair.id);
  return { watching, totals, logStatuses: log.map((l) => l.status).reverse() };
}

const api = {
  async run(): Promise<{ ok: boolean; message?: string; result?: Awaited<ReturnType<typeof runnerChecks>> }> {
    try {
      return { ok: true, result: await runnerChecks() };
    } catch (e) {
      return { ok: false, message: e instanceof Error ? `${e.message}\n${e.stack ?? ''}` : String(e) };
    }
  },
};

export type RunnerChecksApi = typeof api;
Comlink.expose(api);
