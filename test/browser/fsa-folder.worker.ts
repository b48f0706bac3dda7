// Runs the LocalFolder contract (worker/src/sync/local-folder-contract.ts) on FsaFolder inside a Web
// Worker, where the PWA's sync engine runs, each test on a fresh OPFS directory. The contract's uvu
// tests are collected by a stand-in `test` function and run one by one on request, through comlink.
import * as Comlink from 'comlink';
import type { Test } from 'uvu';
import { FsaFolder } from '../../worker/src/sync/fsa-folder.js';
import { localFolderContract, type FolderFixture } from '../../worker/src/sync/local-folder-contract.js';
import { TEMP_PREFIX } from '../../worker/src/sync/local-folder.js';

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

export type FsaContractApi = typeof api;
Comlink.expose(api);
