// Runs the LocalFolder contract (worker/src/sync/local-folder-contract.ts) on FsaFolder inside a Web
// Worker, where the PWA's sync engine runs, each test on a fresh OPFS directory. The contract's uvu
// tests are collected by a stand-in `test` function and run one by one on request, through comlink.
import * as Comlink from 'comlink';
import type { Test } from 'uvu';
import { FsaFolder } from '../../worker/src/sync/fsa-folder.js';
import { localFolderContract, type FolderFixture } from '../../worker/src/sync/local-folder-contract.js';
import { TEMP_PREFIX } from '../../worker/src/sync/local-folder.js';
import { IdbSyncBase } from '../../worker/src/sync/base-store-idb.js';
import { IdbSyncPairs, LOG_PASSES } from '../../worker/src/sync/sync-pairs-idb.js';
import type { BaseEntry } from '../../worker/src/sync/base-store.js';
import { emptyCounts } from '../../worker/src/sync/sync-report.js';
import { localDb } from '../../worker/src/client/local-db.js';

type Context = { fx: FolderFixture };
type Body = (ctx: Context) => Promise<void> | void;

const tests: { name: string; body: Body }[] = [];
const collect = Object.assign((name: string, body: Body) => { tests.push({ name, body }); }, { only: () => undefined, skip: () => undefined });
localFolderContract(collect as unknown as Test<Context>);

type Listable = FileSystemDirectoryHandle & { entries(): AsyncIterableIterator<[string, FileSystemHandle]> };

async function walk(dir: FileSystemDirectoryHandle, prefix = ''): Promise<string[]> {
  const out: string[] = [];
  for await (const [name, child] of (dir as Listable).entries()) {
    const path = prefix === '' ? name : `${prefix}/${name}`;
    if (child.kind === 'directory') out.push(...await walk(child as FileSystemDirectoryHandle, path));
    else out.push(path);
  }
  return out.sort();
}

async function dirOf(root: FileSystemDirectoryHandle, path: string, create: boolean): Promise<FileSystemDirectoryHandle> {
  let cur = root;
  for (const part of path.split('/').slice(0, -1)) cur = await cur.getDirectoryHandle(part, { create });
  return cur;
}

async function freshRoot(): Promise<FileSystemDirectoryHandle> {
  const opfs = await navigator.storage.getDirectory();
  return opfs.getDirectoryHandle(`fsa-contract-${crypto.randomUUID()}`, { create: true });
}

async function fixture(root: FileSystemDirectoryHandle): Promise<FolderFixture> {
  return {
    folder: await FsaFolder.open(root),
    setsMtime: false,
    put: async (path, text) => {
      const handle = await (await dirOf(root, path, true)).getFileHandle(path.split('/').pop()!, { create: true });
      const w = await handle.createWritable();
      await w.write(text);
      await w.close();
    },
    get: async (path) => {
      try {
        return await (await (await (await dirOf(root, path, false)).getFileHandle(path.split('/').pop()!)).getFile()).text();
      } catch {
        return null;
      }
    },
    allFiles: () => walk(root),
  };
}

function failure(e: unknown): { ok: false; message: string } {
  return { ok: false, message: e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ''}` : String(e) };
}

const api = {
  list(): string[] {
    return tests.map((t) => t.name);
  },
  async run(name: string): Promise<{ ok: boolean; message?: string }> {
    const test = tests.find((t) => t.name === name);
    if (!test) return { ok: false, message: `no contract test "${name}" in the bundle` };
    try {
      await test.body({ fx: await fixture(await freshRoot()) });
      return { ok: true };
    } catch (e) {
      return failure(e);
    }
  },
  async idb(): Promise<{ ok: boolean; message?: string }> {
    try {
      await idbChecks();
      return { ok: true };
    } catch (e) {
      return failure(e);
    }
  },
  /** What only this adapter does: OPFS is found case-sensitive, Chromium's .crswap staging files are skipped. */
  async adapterChecks(): Promise<{ ok: boolean; message?: string; caseInsensitive?: boolean; scanned?: string[]; during?: string[] }> {
    try {
      const root = await freshRoot();
      const fx = await fixture(root);
      await fx.put('a.txt', 'a');
      const open = await (await root.getFileHandle('a.txt')).createWritable();
      await open.write('changing');
      const during = await walk(root);
      const scanned = (await fx.folder.scan()).entries.map((e) => e.path);
      await open.close();
      const leftovers = (await walk(root)).filter((p) => p.startsWith(TEMP_PREFIX));
      if (leftovers.length > 0) return { ok: false, message: `the case probe left ${leftovers.join(', ')}` };
      return { ok: true, caseInsensitive: fx.folder.caseInsensitive, scanned, during };
    } catch (e) {
      return failure(e);
    }
  },
};

const entry = (path: string, kind: 'file' | 'folder' = 'file'): BaseEntry => ({ path, kind, nodeId: `id-${path}`, version: 1, size: 1, mtime: 1, contentHash: kind === 'file' ? 'h' : null });

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(what);
}

/** The IndexedDB base and log: keys ignore case, removeTrees spares prefix siblings, pairs stay apart, rows outlive the object, the log is trimmed. */
async function idbChecks(): Promise<void> {
  const db = localDb();
  const pair = `pair-${crypto.randomUUID()}`;
  const other = new IdbSyncBase(db, `other-${pair}`);
  await other.apply({ put: [entry('docs/a.txt')] });
  const base = new IdbSyncBase(db, pair);
  await base.apply({ put: [entry('Docs', 'folder'), entry('Docs/a.txt'), entry('Docs/sub/b.txt'), entry('Docs2/c.txt'), entry('Docs.txt')] });
  await base.apply({ put: [entry('docs/A.TXT')] });
  const paths = async (b: IdbSyncBase) => (await b.entries()).map((e) => e.path).join(',');
  check(await paths(base) === 'Docs,Docs.txt,docs/A.TXT,Docs/sub/b.txt,Docs2/c.txt', `one row per key, in key order: ${await paths(base)}`);
  await base.apply({ removeTrees: ['DOCS'] });
  await base.apply({ remove: ['docs.txt'], put: [{ ...entry('Docs.txt'), path: 'moved.txt' }] });
  check(await paths(new IdbSyncBase(db, pair)) === 'Docs2/c.txt,moved.txt', `subtree and move: ${await paths(base)}`);
  check(await paths(other) === 'docs/a.txt', 'another pair is untouched');
  const pairs = new IdbSyncPairs(db);
  for (let i = 0; i < LOG_PASSES + 3; i++) await pairs.addLog({ pairId: pair, startedAt: i, finishedAt: i, status: 'done', counts: { ...emptyCounts(), sent: i }, errors: [], steps: [] });
  const log = await pairs.log(pair);
  check(log.length === LOG_PASSES && log[0].counts.sent === LOG_PASSES + 2 && log[LOG_PASSES - 1].counts.sent === 3, `log trimmed, newest first: ${log.map((l) => l.counts.sent).join(',')}`);
  await pairs.remove(pair);
  check((await base.entries()).length === 0 && (await pairs.log(pair)).length === 0, 'removing a pair drops its base and log');
}

export type FsaContractApi = typeof api;
Comlink.expose(api);
