// Unit tests of local-state.ts: which files a pass reads and hashes. A file the base knows unchanged is
// not read; a new file is read only when something will compare its hash (the vault holds its path, or
// a known file went missing and may have been renamed to it); hashes come out right and in scan order.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ContentHasher } from '../format/content-hasher.js';
import type { BaseEntry } from './base-store.js';
import { readLocalTree } from './local-state.js';
import { MemoryFolder } from './memory-folder.js';
import type { RemoteNode } from './remote-vault.js';

async function hashOf(text: string): Promise<string> {
  const h = await ContentHasher.create();
  h.update(new TextEncoder().encode(text));
  return h.digest();
}

/** A MemoryFolder counting reads per path. */
function countingFolder(): { folder: MemoryFolder; reads: string[] } {
  const folder = new MemoryFolder();
  const reads: string[] = [];
  const read = folder.read.bind(folder);
  folder.read = (path) => { reads.push(path); return read(path); };
  return { folder, reads };
}

/** A vault file at `path` (node id `n-<path>`, like `known`'s). */
const inVault = (path: string): RemoteNode => ({ id: `n-${path}`, path, kind: 'file', version: 1, size: 5, mtime: 1, contentHash: null });

const known = (path: string, contentHash: string, mtime: number): BaseEntry => ({ path, kind: 'file', nodeId: `n-${path}`, version: 1, size: 5, mtime, contentHash });

test('without the vault\'s paths every new file is hashed, as before', async () => {
  const { folder, reads } = countingFolder();
  folder.put('a.txt', 'alpha', 1);
  folder.put('d/b.txt', 'bravo', 1);
  const tree = await readLocalTree(folder, []);
  assert.equal(reads.sort(), ['a.txt', 'd/b.txt']);
  assert.is(tree.states.find((s) => s.path === 'a.txt')?.contentHash, await hashOf('alpha'));
});

test('a first pass reads only the new files the vault also holds', async () => {
  const { folder, reads } = countingFolder();
  folder.put('a.txt', 'alpha', 1);
  folder.put('d/b.txt', 'bravo', 1);
  folder.put('d/c.txt', 'charlie', 1);
  const tree = await readLocalTree(folder, [], [inVault('d/b.txt')]);
  assert.equal(reads, ['d/b.txt']);
  assert.is(tree.states.find((s) => s.path === 'd/b.txt')?.contentHash, await hashOf('bravo'));
  assert.is(tree.states.find((s) => s.path === 'a.txt')?.contentHash, null);
  assert.equal(tree.states.map((s) => s.path), (await folder.scan()).entries.map((e) => e.path), 'scan order kept');
});

test('unchanged known files are not read; a missing known file makes new files candidates for a rename', async () => {
  const { folder, reads } = countingFolder();
  folder.put('kept.txt', 'kept!', 7);
  folder.put('new.txt', 'moved', 1);
  const hash = await hashOf('kept!');
  await readLocalTree(folder, [known('kept.txt', hash, 7)], [inVault('kept.txt')]);
  assert.equal(reads, [], 'nothing compares new.txt, kept.txt is as the base says');
  await readLocalTree(folder, [known('kept.txt', hash, 7), known('old.txt', await hashOf('moved'), 1)], [inVault('kept.txt')]);
  assert.equal(reads, ['new.txt'], 'old.txt is gone: new.txt may be it, renamed');
});

test('a known node moved in the vault makes every new file a candidate (the planner re-homes paths under it)', async () => {
  const { folder, reads } = countingFolder();
  folder.put('docs/a.txt', 'alpha', 7);
  folder.put('docs/new.txt', 'fresh', 1);
  const base = [known('docs/a.txt', await hashOf('alpha'), 7)];
  await readLocalTree(folder, base, [inVault('docs/a.txt')]);
  assert.equal(reads, [], 'nothing moved: new.txt is not read');
  await readLocalTree(folder, base, [{ ...inVault('docs/a.txt'), path: 'papers/a.txt' }]);
  assert.equal(reads, ['docs/new.txt']);
});

test.run();
