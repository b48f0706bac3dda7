// Unit tests of node-folder.ts against a temporary directory: the LocalFolder contract
// (local-folder-contract.ts) on a real disk, and what it adds: mtimes in whole ms, links not followed.
import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { suite, test } from 'uvu';
import * as assert from 'uvu/assert';
import { localFolderContract, type FolderFixture } from './local-folder-contract.js';
import { NodeFolder } from './node-folder.js';

async function walk(root: string, dir = root): Promise<string[]> {
  const out: string[] = [];
  for (const d of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, d.name);
    if (d.isDirectory()) out.push(...await walk(root, p));
    else out.push(relative(root, p).split('\\').join('/'));
  }
  return out.sort();
}

function fixture(root: string): FolderFixture {
  return {
    folder: new NodeFolder(root, { caseInsensitive: false, windowsNames: false }),
    put: async (path, text) => { await mkdir(dirname(join(root, path)), { recursive: true }); await writeFile(join(root, path), text); },
    get: async (path) => readFile(join(root, path), 'utf8').catch(() => null),
    allFiles: () => walk(root),
  };
}

const contract = suite<{ fx: FolderFixture; root: string }>('NodeFolder contract', { fx: null!, root: '' });
contract.before.each(async (ctx) => {
  ctx.root = await mkdtemp(join(tmpdir(), 'veilbox-node-folder-'));
  ctx.fx = fixture(ctx.root);
});
contract.after.each(async (ctx) => { await rm(ctx.root, { recursive: true, force: true }); });
localFolderContract(contract);
contract.run();

test('mtimes are whole ms and match what the disk says; links are not followed', async () => {
  const root = await mkdtemp(join(tmpdir(), 'veilbox-node-folder-'));
  try {
    await writeFile(join(root, 'a.txt'), 'a');
    await mkdir(join(root, 'outside-target'));
    await symlink(join(root, 'outside-target'), join(root, 'link'));
    const folder = new NodeFolder(root);
    const scan = await folder.scan();
    assert.equal(scan.entries.map((e) => e.path), ['a.txt', 'outside-target']);
    const a = scan.entries[0];
    assert.ok(Number.isInteger(a.mtime));
    assert.is(a.mtime, Math.floor((await stat(join(root, 'a.txt'))).mtimeMs));
  } finally {
    await rm(root, { recursive: true, force: true });
  }
});

test.run();
