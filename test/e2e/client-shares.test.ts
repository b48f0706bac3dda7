// Share links through the worker's share API (worker/src/share-api.ts) against a real relay with a
// clock the test moves: a file share and a folder share (ZIP) read back byte for byte by a reader
// with no account, password right and wrong (the list stays sealed without it), expiry, download
// limit, revocation, the owner's list, and a blob changed on the relay's disk. What crosses the
// worker boundary is checked too: errors are plain objects with a kind and no secret in them.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { unzipSync } from 'fflate';
import type { VaultCore } from '../../worker/src/client/index.js';
import { shareApi, type ShareApi } from '../../worker/src/share-api.js';
import { newCore, randomBytesOf, startRelay, type TestRelay } from './client-support.js';
import { flipStoredByte, newStoredBlobs, storedBlobIds } from '../support/stored-blobs.js';

interface Ctx { relay: TestRelay; core: VaultCore; owner: ShareApi; rootId: string; clock: { now: number }; fileId: string; folderId: string; readerCore: VaultCore }
const shares = suite<Ctx>('client shares', { relay: null!, core: null!, owner: null!, rootId: '', clock: { now: 0 }, fileId: '', folderId: '', readerCore: null! });

const fileBytes = randomBytesOf(70_000, 3);
const nested = randomBytesOf(20_000, 4);

shares.before(async (ctx) => {
  ctx.clock.now = Date.now();
  ctx.relay = await startRelay({ now: () => ctx.clock.now });
  ctx.core = newCore(ctx.relay);
  ctx.owner = shareApi(ctx.core, () => ctx.clock.now);
  await ctx.core.signUp('sharer', 'sharer password 123');
  ctx.rootId = (await ctx.core.listTree()).rootId;
  const up = await ctx.core.upload(ctx.rootId, [
    { file: new File([fileBytes], 'report.bin', { type: 'application/octet-stream' }), relativePath: 'report.bin' },
    { file: new File(['hello'], 'a.txt', { type: 'text/plain' }), relativePath: 'Trip/a.txt' },
    { file: new File([nested], 'b.bin'), relativePath: 'Trip/deep/b.bin' },
  ], { conflict: 'keep-both' });
  assert.is(up.failed.length, 0);
  const tree = await ctx.core.listTree();
  ctx.fileId = tree.nodes.find((n) => n.name === 'report.bin')!.id;
  ctx.folderId = tree.nodes.find((n) => n.name === 'Trip')!.id;
  await ctx.core.createFolder(ctx.folderId, 'empty');
  ctx.readerCore = newCore(ctx.relay);
});
shares.after(async (ctx) => { await ctx.relay.close(); });

/** A fresh reader with no account, as a visitor's browser would be. */
function reader(ctx: Ctx): ShareApi {
  return shareApi(newCore(ctx.relay));
}

function split(linkPath: string): { id: string; secret: string } {
  const m = /^\/s\/([A-Za-z0-9_-]{22})#([A-Za-z0-9_-]{43})$/.exec(linkPath);
  assert.ok(m, linkPath);
  return { id: m[1], secret: m[2] };
}

async function bytesOf(api: ShareApi, id: string, selection: { all: true } | { path: string }): Promise<{ bytes: Uint8Array; left: number | null }> {
  const result = await api.shareDownload(id, selection, 'url');
  return { bytes: new Uint8Array(await result.blob!.arrayBuffer()), left: result.downloadsLeft };
}

async function failsWith(kind: string, run: () => Promise<unknown>): Promise<{ kind: string; message: string; attemptsLeft?: number }> {
  try {
    await run();
  } catch (error) {
    const e = error as { __shareError?: boolean; kind: string; message: string; attemptsLeft?: number };
    assert.ok(e.__shareError, `a plain share error crossed: ${String(error)}`);
    assert.is(e.kind, kind, e.message);
    return e;
  }
  assert.unreachable(`expected a '${kind}' failure`);
  throw new Error('unreachable');
}

shares('a file share: the reader lists it and downloads the exact bytes; downloads are counted', async (ctx) => {
  const made = await ctx.owner.createShare(ctx.fileId, { downloadLimit: 3, expiresInSeconds: 3600 });
  const { id, secret } = split(made.linkPath!);
  assert.is(made.summary?.name, 'report.bin');
  const visitor = reader(ctx);
  const view = await visitor.shareOpen(id, secret);
  assert.is(view.state, 'open');
  assert.equal(view.files.map((f) => [f.path, f.size]), [['report.bin', fileBytes.length]]);
  assert.is(view.downloadsLeft, 3);
  assert.equal(await visitor.shareDownloadInfo(id, { all: true }), { fileName: 'report.bin', size: fileBytes.length, mediaType: 'application/octet-stream' });
  const got = await bytesOf(visitor, id, { all: true });
  assert.equal(got.bytes, fileBytes);
  assert.is(got.left, 2);
});

shares('a folder share: every live file below it, as a ZIP or one by one', async (ctx) => {
  const made = await ctx.owner.createShare(ctx.folderId, {});
  const { id, secret } = split(made.linkPath!);
  assert.equal(made.summary && [made.summary.kind, made.summary.name, made.summary.fileCount], ['folder', 'Trip', 2]);
  const visitor = reader(ctx);
  const view = await visitor.shareOpen(id, secret);
  assert.equal(view.files.map((f) => f.path).sort(), ['a.txt', 'deep/b.bin']);
  const zip = unzipSync((await bytesOf(visitor, id, { all: true })).bytes);
  assert.equal(Object.keys(zip).sort(), ['a.txt', 'deep/b.bin', 'empty/']);
  assert.equal(new TextDecoder().decode(zip['a.txt']), 'hello');
  assert.equal(zip['deep/b.bin'], nested);
  assert.equal((await bytesOf(visitor, id, { path: 'deep/b.bin' })).bytes, nested);
  await failsWith('not-found', () => visitor.shareDownload(id, { path: '../etc/passwd' }, 'url'));
});

shares('a mistyped or cut link says so; the relay answers an unknown token like an unknown id', async (ctx) => {
  const { id, secret } = split((await ctx.owner.createShare(ctx.fileId, {})).linkPath!);
  const visitor = reader(ctx);
  const typo = (secret[0] === 'A' ? 'B' : 'A') + secret.slice(1);
  await failsWith('not-found', () => visitor.shareOpen(id, typo));
  await failsWith('not-found', () => visitor.shareOpen(id, secret.slice(0, 10)));
  const e = await failsWith('not-found', () => visitor.shareOpen('AAAAAAAAAAAAAAAAAAAAAA', secret));
  assert.not.match(e.message, secret);
});

shares('a password share: nothing without it, wrong ones counted, the right one opens and downloads', async (ctx) => {
  const made = await ctx.owner.createShare(ctx.fileId, { password: 'correct horse' });
  assert.ok(made.passwordProtected);
  const { id, secret } = split(made.linkPath!);
  const visitor = reader(ctx);
  const view = await visitor.shareOpen(id, secret);
  assert.is(view.state, 'password');
  assert.equal(view.files, []);
  assert.is(view.summary, null, 'not even the name before the password');
  await failsWith('password-required', () => visitor.shareDownload(id, { all: true }, 'url'));
  const wrong = await failsWith('password-wrong', () => visitor.shareUnlock(id, 'wrong horse'));
  assert.is(wrong.attemptsLeft, 9);
  assert.not.match(wrong.message, 'wrong horse');
  const open = await visitor.shareUnlock(id, 'correct horse');
  assert.is(open.state, 'open');
  assert.equal((await bytesOf(visitor, id, { all: true })).bytes, fileBytes);
  const listed = (await ctx.owner.listShares()).find((s) => s.shareId === id)!;
  assert.is(listed.summary?.name, 'report.bin', 'the owner still sees what it shared');
  assert.is(listed.downloadsUsed, 1);
});

shares('expiry: once the relay\'s clock passes it, open and download are refused as expired', async (ctx) => {
  const { id, secret } = split((await ctx.owner.createShare(ctx.fileId, { expiresInSeconds: 60 })).linkPath!);
  const visitor = reader(ctx);
  await visitor.shareOpen(id, secret);
  ctx.clock.now += 61_000;
  await failsWith('expired', () => visitor.shareDownload(id, { all: true }, 'url'));
  await failsWith('expired', () => reader(ctx).shareOpen(id, secret));
  assert.is((await ctx.owner.listShares()).find((s) => s.shareId === id)!.status, 'expired');
});

shares('a download limit of 1: the second download and a later open are refused as used up', async (ctx) => {
  const { id, secret } = split((await ctx.owner.createShare(ctx.fileId, { downloadLimit: 1 })).linkPath!);
  const visitor = reader(ctx);
  await visitor.shareOpen(id, secret);
  assert.equal((await bytesOf(visitor, id, { all: true })).left, 0);
  await failsWith('exhausted', () => visitor.shareDownload(id, { all: true }, 'url'));
  await failsWith('exhausted', () => reader(ctx).shareOpen(id, secret));
  const listed = (await ctx.owner.listShares()).find((s) => s.shareId === id)!;
  assert.equal([listed.status, listed.downloadsUsed, listed.downloadsLeft], ['exhausted', 1, 0]);
});

shares('revoked: readers are told so at once, and the owner\'s list keeps the record without a link', async (ctx) => {
  const { id, secret } = split((await ctx.owner.createShare(ctx.fileId, {})).linkPath!);
  const visitor = reader(ctx);
  await visitor.shareOpen(id, secret);
  await ctx.owner.revokeShare(id);
  await failsWith('revoked', () => visitor.shareDownload(id, { all: true }, 'url'));
  await failsWith('revoked', () => reader(ctx).shareOpen(id, secret));
  const listed = (await ctx.owner.listShares()).find((s) => s.shareId === id)!;
  assert.equal([listed.status, listed.linkPath], ['revoked', null]);
});

shares('the owner\'s list shows each share\'s name and gives the same link again', async (ctx) => {
  const made = await ctx.owner.createShare(ctx.folderId, { downloadLimit: 5 });
  const listed = (await ctx.owner.listShares()).find((s) => s.shareId === made.shareId)!;
  assert.is(listed.linkPath, made.linkPath);
  assert.equal([listed.summary?.name, listed.downloadLimit, listed.downloadsLeft, listed.status], ['Trip', 5, 5, 'active']);
});

shares('a blob changed on the relay\'s disk fails the download as tampered; nothing unverified comes out', async (ctx) => {
  const before = storedBlobIds(ctx.relay.dataDir);
  const bytes = randomBytesOf(50_000, 9);
  await ctx.core.upload(ctx.rootId, [{ file: new File([bytes], 'victim.bin'), relativePath: 'victim.bin' }], { conflict: 'keep-both' });
  const [blob] = newStoredBlobs(ctx.relay.dataDir, before);
  const victimId = (await ctx.core.listTree()).nodes.find((n) => n.name === 'victim.bin')!.id;
  const { id, secret } = split((await ctx.owner.createShare(victimId, {})).linkPath!);
  flipStoredByte(blob, 64 + 2 * 16400 + 7);
  const visitor = reader(ctx);
  await visitor.shareOpen(id, secret);
  await failsWith('tampered', () => visitor.shareDownload(id, { all: true }, 'url'));
});

shares('only an unlocked vault creates shares', async (ctx) => {
  const locked = shareApi(ctx.readerCore);
  try {
    await locked.createShare(ctx.fileId, {});
    assert.unreachable('created without a vault');
  } catch (error) {
    assert.is((error as { kind: string }).kind, 'locked');
  }
});

shares.run();
