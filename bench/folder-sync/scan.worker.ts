// Bench worker for bench/folder-sync.ts: makes N small files in an OPFS folder (50 subfolders), then
// times FsaFolder.scan() (what each polling tick of BrowserSyncRunner costs where FileSystemObserver is
// missing) against a bare walk of the same tree that lists names only (the least the API can do).
import * as Comlink from 'comlink';
import { FsaFolder } from '../../worker/src/sync/fsa-folder.js';

type Listable = FileSystemDirectoryHandle & { entries(): AsyncIterableIterator<[string, FileSystemHandle]> };

async function bareWalk(dir: FileSystemDirectoryHandle): Promise<number> {
  let n = 0;
  for await (const [, child] of (dir as Listable).entries()) {
    n++;
    if (child.kind === 'directory') n += await bareWalk(child as FileSystemDirectoryHandle);
  }
  return n;
}

async function best(runs: number, work: () => Promise<unknown>): Promise<number> {
  let fastest = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    fastest = Math.min(fastest, performance.now() - t);
  }
  return fastest;
}

const api = {
  async run(files: number): Promise<{ makeMs: number; entries: number; scanMs: number; bareMs: number }> {
    const root = await (await navigator.storage.getDirectory()).getDirectoryHandle(`bench-${crypto.randomUUID()}`, { create: true });
    const started = performance.now();
    const body = new Uint8Array(100);
    for (let i = 0; i < files; i++) {
      const dir = await root.getDirectoryHandle(`d${i % 50}`, { create: true });
      const w = await (await dir.getFileHandle(`f${i}.txt`, { create: true })).createWritable();
      await w.write(body);
      await w.close();
    }
    const makeMs = performance.now() - started;
    const folder = await FsaFolder.open(root, { caseInsensitive: false });
    const entries = (await folder.scan()).entries.length;
    const scanMs = await best(3, () => folder.scan());
    const bareMs = await best(3, () => bareWalk(root));
    await (await navigator.storage.getDirectory()).removeEntry(root.name, { recursive: true });
    return { makeMs, entries, scanMs, bareMs };
  },
};

export type ScanBenchApi = typeof api;
Comlink.expose(api);
