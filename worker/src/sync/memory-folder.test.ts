// Unit tests of memory-folder.ts: the LocalFolder contract (local-folder-contract.ts), and what only the
// fake does: the case-insensitive mode and the faults the engine tests use.
import { suite, test } from 'uvu';
import * as assert from 'uvu/assert';
import { isLocalFolderError } from './local-folder.js';
import { localFolderContract, type FolderFixture } from './local-folder-contract.js';
import { MemoryFolder } from './memory-folder.js';

function fixture(folder: MemoryFolder): FolderFixture {
  return {
    folder,
    put: async (path, text) => folder.put(path, text),
    get: async (path) => folder.get(path),
    allFiles: async () => Object.keys(folder.files({ all: true })),
  };
}

for (const caseInsensitive of [false, true]) {
  const contract = suite<{ fx: FolderFixture }>(`MemoryFolder contract (caseInsensitive ${caseInsensitive})`, { fx: null! });
  contract.before.each((ctx) => { ctx.fx = fixture(new MemoryFolder({ caseInsensitive })); });
  localFolderContract(contract);
  contract.run();
}

test('case-insensitive: one entry per name whatever the case, the first case kept', async () => {
  const folder = new MemoryFolder({ caseInsensitive: true });
  folder.put('Docs/Read.me', 'one');
  folder.put('docs/READ.ME', 'two');
  assert.equal(folder.files(), { 'Docs/Read.me': 'two' });
  assert.is((await folder.stat('DOCS/read.ME'))?.path, 'Docs/Read.me');
  // A rename to the same name in another case is "taken", as on a careless disk: the engine must go around it.
  try {
    await folder.rename('Docs/Read.me', 'Docs/READ.ME');
    assert.unreachable('a case-only rename should be refused');
  } catch (error) {
    assert.ok(isLocalFolderError(error, 'exists'));
  }
});

test('case-sensitive: two names differing in case are two files', () => {
  const folder = new MemoryFolder();
  folder.put('a.txt', 'lower');
  folder.put('A.txt', 'upper');
  assert.equal(folder.files(), { 'A.txt': 'upper', 'a.txt': 'lower' });
});

test('faults: an unreadable file fails to read but is listed; an unreadable folder is reported and not listed into', async () => {
  const folder = new MemoryFolder();
  folder.put('locked.txt', 'x');
  folder.put('private/secret.txt', 'y');
  folder.unreadable.add('locked.txt');
  folder.unreadable.add('private');
  const scan = await folder.scan();
  assert.equal(scan.entries.map((e) => e.path), ['locked.txt', 'private']);
  assert.equal(scan.unreadable.map((u) => u.path), ['private']);
  try {
    await folder.read('locked.txt');
    assert.unreachable('read should fail');
  } catch (error) {
    assert.ok(isLocalFolderError(error, 'unreadable'));
  }
});

test('every write moves the clock on, so mtimes differ', async () => {
  const folder = new MemoryFolder();
  folder.put('a', '1');
  const first = (await folder.stat('a'))!.mtime;
  folder.put('a', '1');
  assert.ok((await folder.stat('a'))!.mtime > first);
});

test.run();
