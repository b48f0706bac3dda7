// Files and folders through the client core against a real relay: folders, uploads of 0 B, 1 B,
// 16 KiB and 9 MiB (two parts), downloads compared byte for byte, rename/move/trash/restore, replace
// with versions, ZIP of a folder, text previews, cancel, and a blob altered on the relay's disk.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { unzipSync } from 'fflate';
import type { VaultCore } from '../../worker/src/client/index.js';
import { newCore, randomBytesOf, startRelay, type TestRelay, rejectsWith } from './client-support.js';
import { flipStoredByte, newStoredBlobs, storedBlobIds } from '../support/stored-blobs.js';

const files = suite<{ relay: TestRelay; core: VaultCore; rootId: string }>('client files', { relay: null!, core: null!, rootId: '' });

files.before(async (ctx) => {
  ctx.relay = await startRelay();
  ctx.core = newCore(ctx.relay);
  await ctx.core.signUp('carol', 'carol password 123');
  ctx.rootId = (await ctx.core.listTree()).rootId;
});
files.after(async (ctx) => {
  await ctx.relay.close();
});

async function download(core: VaultCore, id: string): Promise<Uint8Array> {
  const link = await core.downloadTo(id, 'url');
  return new Uint8Array(await link!.blob.arrayBuffer());
}

async function nodeNamed(core: VaultCore, parentId: string, name: string) {
  return (await core.listTree()).nodes.find((n) => n.parentId === parentId && n.name === name);
}

files('folders: create, name clash, invalid names', async ({ core, rootId }) => {
  const docs = await core.createFolder(rootId, 'Docs');
  assert.is(docs.type, 'folder');
  assert.is(docs.parentId, rootId);
  await rejectsWith('name-taken', () => core.createFolder(rootId, 'docs'));
  await rejectsWith('invalid-name', () => core.createFolder(rootId, 'a/b'));
  await rejectsWith('invalid-name', () => core.createFolder(rootId, '..'));
});

files('uploads of 0 B, 1 B, 16 KiB and 9 MiB come back byte for byte', async ({ core, rootId }) => {
  const sizes = [0, 1, 16 * 1024, 9 * 1024 * 1024];
  const contents = sizes.map((size, i) => randomBytesOf(size, i + 1));
  const items = sizes.map((size, i) => ({ file: new File([contents[i]], `file-${size}.bin`), relativePath: `sizes/file-${size}.bin` }));
  const progress: { index: number; phase: string; bytesDone: number }[] = [];
  const result = await core.upload(rootId, items, { conflict: 'keep-both', onProgress: (p) => progress.push(p) });
  assert.is(result.failed.length, 0, JSON.stringify(result.failed.map((f) => f.error.message)));
  assert.is(result.done.length, 4);
  assert.not.ok(result.cancelled);
  assert.ok(progress.some((p) => p.index === 3 && p.phase === 'uploading' && p.bytesDone > 0 && p.bytesDone < sizes[3]), 'progress within the 9 MiB file');
  assert.ok(progress.filter((p) => p.phase === 'done').length === 4);
  const tree = await core.listTree();
  const folder = tree.nodes.find((n) => n.name === 'sizes')!;
  for (const [i, { nodeId }] of result.done.entries()) {
    const node = tree.nodes.find((n) => n.id === nodeId)!;
    assert.is(node.parentId, folder.id);
    assert.is(node.size, sizes[i]);
    assert.equal(await download(core, nodeId), contents[i], `file of ${sizes[i]} bytes`);
  }
  // A streamed target gets the same bytes.
  const parts: Uint8Array[] = [];
  await core.downloadTo(result.done[3].nodeId, new WritableStream({ write(c) { parts.push(c.slice()); } }));
  assert.is(parts.reduce((s, p) => s + p.length, 0), sizes[3]);
});

files('many small files into new nested folders, side by side: each folder made once, same names kept apart, all byte-exact', async ({ core, rootId }) => {
  const items = Array.from({ length: 60 }, (_, i) => ({ file: new File([randomBytesOf(1000 + i * 37, 100 + i)], `f${i}.bin`), relativePath: `many/d${i % 5}/e${i % 3}/f${i}.bin` }));
  // The same name twice in one batch: keep-both must not give both the same new name.
  items.push({ file: new File(['first'], 'same.txt'), relativePath: 'many/same.txt' }, { file: new File(['second'], 'same.txt'), relativePath: 'many/same.txt' });
  const result = await core.upload(rootId, items, { conflict: 'keep-both' });
  assert.is(result.failed.length, 0, JSON.stringify(result.failed.map((f) => f.error.message)));
  assert.equal(result.done.map((d) => d.index), items.map((_, i) => i), 'every item done, reported in order');
  const tree = await core.listTree();
  const folders = tree.nodes.filter((n) => n.type === 'folder' && !n.trashed);
  const keys = folders.map((n) => `${n.parentId}/${n.name}`);
  assert.is(new Set(keys).size, keys.length, 'no folder made twice');
  assert.is(folders.filter((n) => /^d\d$/.test(n.name)).length, 5);
  assert.is(folders.filter((n) => /^e\d$/.test(n.name)).length, 15);
  for (const [i, { nodeId }] of result.done.slice(0, 60).entries()) {
    assert.equal(await download(core, nodeId), randomBytesOf(1000 + i * 37, 100 + i), `f${i}.bin`);
  }
  const same = result.done.slice(60).map((d) => tree.nodes.find((n) => n.id === d.nodeId)!);
  assert.is(new Set(same.map((n) => n.name)).size, 2, `two names: ${same.map((n) => n.name).join(', ')}`);
  assert.equal((await Promise.all(same.map(async (n) => new TextDecoder().decode(await download(core, n.id))))).sort(), ['first', 'second']);
});

files('side by side, names compare as the tree does: one folder for Caps/caps, and keep-both never takes a name another file is writing', async ({ core, rootId }) => {
  const first = await core.upload(rootId, [{ file: new File(['old'], 'a.txt'), relativePath: 'names/a.txt' }], { conflict: 'keep-both' });
  assert.is(first.done.length, 1);
  const result = await core.upload(rootId, [
    { file: new File(['one'], 'x.bin'), relativePath: 'names/Photos/x.bin' },
    { file: new File(['two'], 'y.bin'), relativePath: 'names/photos/y.bin' },
    { file: new File(['new a'], 'a.txt'), relativePath: 'names/a.txt' },
    { file: new File(['literal a (2)'], 'a (2).txt'), relativePath: 'names/a (2).txt' },
  ], { conflict: 'keep-both' });
  assert.is(result.failed.length, 0, JSON.stringify(result.failed.map((f) => f.error.message)));
  const tree = await core.listTree();
  const names = tree.nodes.find((n) => n.parentId === rootId && n.name === 'names')!;
  const inNames = tree.nodes.filter((n) => n.parentId === names.id && !n.trashed);
  assert.is(inNames.filter((n) => n.type === 'folder').length, 1, `one folder for Photos and photos: ${inNames.map((n) => n.name).join(', ')}`);
  const files = inNames.filter((n) => n.type === 'file').map((n) => n.name.toLowerCase());
  assert.is(new Set(files).size, files.length, `no two files share a name: ${files.join(', ')}`);
  assert.is(files.length, 3);
});

files('compressible text round-trips; readText and readBytes return the start', async ({ core, rootId }) => {
  const text = 'Hello, vault. '.repeat(5000);
  const result = await core.upload(rootId, [{ file: new File([text], 'hello.txt', { type: 'text/plain' }), relativePath: 'hello.txt' }], { conflict: 'keep-both' });
  const id = result.done[0].nodeId;
  assert.is(new TextDecoder().decode(await download(core, id)), text);
  assert.equal(await core.readText(id, { maxBytes: 12 }), { text: 'Hello, vault', truncated: true });
  assert.equal(await core.readText(id, { maxBytes: 1_000_000 }), { text, truncated: false });
  assert.is((await core.readBytes(id, { maxBytes: 5 })).length, 5);
});

files('rename, move (no cycles), trash and restore', async ({ core, rootId }) => {
  const a = await core.createFolder(rootId, 'A');
  const b = await core.createFolder(a.id, 'B');
  const up = await core.upload(b.id, [{ file: new File(['x'], 'x.txt'), relativePath: 'x.txt' }], { conflict: 'keep-both' });
  const x = up.done[0].nodeId;
  const renamed = await core.rename(x, 'y.txt');
  assert.is(renamed.name, 'y.txt');
  assert.is(renamed.version, 2);
  await rejectsWith('invalid-name', () => core.move([a.id], b.id));
  await rejectsWith('invalid-name', () => core.move([a.id], a.id));
  await core.move([b.id], rootId);
  assert.is((await nodeNamed(core, rootId, 'B'))?.id, b.id);
  await core.createFolder(rootId, 'Clash');
  const clash = await core.createFolder(a.id, 'Clash');
  await rejectsWith('name-taken', () => core.move([clash.id], rootId));
  await core.trash([b.id]);
  let tree = await core.listTree();
  const trashed = tree.nodes.find((n) => n.id === b.id)!;
  assert.ok(trashed.trashed);
  assert.type(trashed.trashedAt, 'number');
  await core.restore([x]); // its parent is trashed: restoring the file brings the parent back
  tree = await core.listTree();
  assert.not.ok(tree.nodes.find((n) => n.id === b.id)!.trashed);
  await core.trash([b.id]);
  await rejectsWith('invalid-name', () => core.deleteForever([a.id]));
  const blobsBefore = storedBlobIds(ctxRelay().dataDir).length;
  await core.emptyTrash();
  tree = await core.listTree();
  assert.not.ok(tree.nodes.some((n) => n.id === b.id || n.id === x));
  assert.is(storedBlobIds(ctxRelay().dataDir).length, blobsBefore - 1, 'the file\'s blob is deleted with it');
});

let relayRef: TestRelay | null = null;
function ctxRelay(): TestRelay { return relayRef!; }
files.before((ctx) => { relayRef = ctx.relay; });

files('replace keeps versions; restoring a version makes it current again', async ({ core, rootId }) => {
  const first = await core.upload(rootId, [{ file: new File(['version one'], 'notes.txt'), relativePath: 'notes.txt' }], { conflict: 'keep-both' });
  const id = first.done[0].nodeId;
  const second = await core.upload(rootId, [{ file: new File(['version two!'], 'notes.txt'), relativePath: 'notes.txt' }], { conflict: 'replace' });
  assert.is(second.done[0].nodeId, id);
  const both = await core.upload(rootId, [{ file: new File(['other'], 'notes.txt'), relativePath: 'notes.txt' }], { conflict: 'keep-both' });
  assert.is((await core.listTree()).nodes.find((n) => n.id === both.done[0].nodeId)!.name, 'notes (2).txt');
  assert.is(new TextDecoder().decode(await download(core, id)), 'version two!');
  const versions = await core.versions(id);
  assert.is(versions.length, 2);
  assert.ok(versions[0].current);
  assert.is(versions[1].size, 'version one'.length);
  await core.restoreVersion(id, versions[1].version);
  assert.is(new TextDecoder().decode(await download(core, id)), 'version one');
  assert.is((await core.versions(id)).length, 2);
});

files('a folder downloads as a ZIP of its files', async ({ core, rootId }) => {
  const up = await core.upload(rootId, [
    { file: new File(['alpha'], 'a.txt'), relativePath: 'zipme/a.txt' },
    { file: new File([randomBytesOf(40_000, 9)], 'b.bin'), relativePath: 'zipme/sub/b.bin' },
  ], { conflict: 'keep-both' });
  assert.is(up.done.length, 2);
  const folder = await nodeNamed(core, rootId, 'zipme');
  const link = await core.downloadTo(folder!.id, 'url');
  assert.is(link!.fileName, 'zipme.zip');
  const entries = unzipSync(new Uint8Array(await link!.blob.arrayBuffer()));
  assert.equal(Object.keys(entries).sort(), ['a.txt', 'sub/b.bin']);
  assert.is(new TextDecoder().decode(entries['a.txt']), 'alpha');
  assert.equal(entries['sub/b.bin'], randomBytesOf(40_000, 9));
});

files('an aborted upload is cancelled and leaves no node', async ({ core, rootId }) => {
  const controller = new AbortController();
  const result = await core.upload(rootId, [{ file: new File([randomBytesOf(9 * 1024 * 1024, 5)], 'big.bin'), relativePath: 'big.bin' }], {
    conflict: 'keep-both', signal: controller.signal,
    onProgress: (p) => { if (p.phase === 'uploading' && p.bytesDone > 0) controller.abort(); },
  });
  assert.ok(result.cancelled);
  assert.is(result.done.length, 0);
  assert.is(await nodeNamed(core, rootId, 'big.bin'), undefined);
});

files('a blob changed on the relay\'s disk is refused as tampered', async ({ core, rootId, relay }) => {
  const before = storedBlobIds(relay.dataDir);
  const up = await core.upload(rootId, [{ file: new File([randomBytesOf(50_000, 7)], 'secret.bin'), relativePath: 'secret.bin' }], { conflict: 'keep-both' });
  const id = up.done[0].nodeId;
  const [blob] = newStoredBlobs(relay.dataDir, before);
  flipStoredByte(blob, -100);
  await rejectsWith('tampered', () => core.downloadTo(id, 'url'));
  await rejectsWith('tampered', () => core.previewBlob(id));
  const written: Uint8Array[] = [];
  let aborted = false;
  await rejectsWith('tampered', () => core.downloadTo(id, new WritableStream({ write(c) { written.push(c); }, abort() { aborted = true; } })));
  assert.ok(aborted, 'a streamed target is aborted, not closed');
  // The header changed: nothing at all is released.
  flipStoredByte(blob, -100);
  flipStoredByte(blob, 20);
  await rejectsWith('tampered', () => core.readBytes(id, { maxBytes: 10 }));
});

files.run();
