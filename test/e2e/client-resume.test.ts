// Interrupted uploads against a real relay: a "tab" (one VaultCore) is abandoned mid-upload while
// parts hang on the wire, as a reload would leave it; a second core on the same device store picks
// the same file again and the upload continues: parts the relay has are not sent again, the bytes and
// the content hash come out right. A connection that drops mid-upload is retried without the user;
// a part that arrived before the drop is not sent twice. A different file of the same name and size starts over with a
// fresh key (the key and salt never seal two plaintexts); discard and cancel keep nothing; the
// record at rest holds no readable name or key.
import { createHash } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryPendingUploadStore, type FetchLike, type VaultCore } from '../../worker/src/client/index.js';
import { newCore, randomBytesOf, startRelay, type TestRelay } from './client-support.js';

const MiB = 1024 * 1024;

/** docs/FORMAT.md §4.5, written out with node:crypto: SHA-256 over the SHA-256 of each 512 KiB block. */
function contentHash(bytes: Uint8Array): string {
  const BLOCK = 512 * 1024;
  const blocks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += BLOCK) blocks.push(createHash('sha256').update(bytes.subarray(at, at + BLOCK)).digest());
  return createHash('sha256').update(Buffer.concat(blocks)).digest('hex');
}
// Past the client's in-memory limit (8 MiB), so it streams; eleven 1 MiB parts once sealed.
const PART = MiB;
const FILE_BYTES = 10 * MiB + 12345;

interface Ctx { relay: TestRelay; store: MemoryPendingUploadStore; login: string }
const resume = suite<Ctx>('resume interrupted uploads', { relay: null!, store: null!, login: '' });

let accounts = 0;
resume.before.each(async (ctx) => {
  ctx.relay ??= await startRelay({ partSize: PART });
  ctx.store = new MemoryPendingUploadStore();
  ctx.login = `dora${++accounts}`;
  const core = newCore(ctx.relay);
  await core.signUp(ctx.login, 'dora password 123');
  await core.logOut();
});
resume.after(async (ctx) => {
  await ctx.relay.close();
});

/** Part PUTs seen, and a switch that leaves every later part PUT hanging (a tab about to be closed). */
function wire() {
  const puts: number[] = [];
  let hangFrom = Infinity;
  const hung = new AbortController();
  const fetchFn: FetchLike = (input, init) => {
    const part = /\/uploads\/[^/]+\/parts\/(\d+)$/.exec(new URL(input).pathname);
    if (part && init?.method === 'PUT') {
      const index = Number(part[1]);
      puts.push(index);
      if (index >= hangFrom) return new Promise((_, reject) => hung.signal.addEventListener('abort', () => reject(new TypeError('tab closed'))));
    }
    return fetch(input, init);
  };
  return { puts, fetchFn, hangFrom: (i: number) => { hangFrom = i; }, close: () => hung.abort() };
}

async function tab(ctx: Ctx, fetchFn: FetchLike): Promise<VaultCore> {
  const core = newCore(ctx.relay, false, { pendingUploadStore: ctx.store, fetch: fetchFn });
  await core.logIn(ctx.login, 'dora password 123');
  return core;
}

async function download(core: VaultCore, id: string): Promise<Uint8Array> {
  const link = await core.downloadTo(id, 'url');
  return new Uint8Array(await link!.blob.arrayBuffer());
}

/** Starts an upload in a first tab and abandons it once parts 0 and 1 are stored and 2 hangs. */
async function interruptedUpload(ctx: Ctx, bytes: Uint8Array<ArrayBuffer>, name: string) {
  const first = wire();
  first.hangFrom(2);
  const core = await tab(ctx, first.fetchFn);
  const rootId = (await core.listTree()).rootId;
  const running = core.upload(rootId, [{ file: new File([bytes], name), relativePath: name }], { conflict: 'keep-both' });
  running.catch(() => undefined);
  while (!first.puts.includes(3)) await new Promise((r) => setTimeout(r, 20));
  const pending = await core.pendingUploads();
  return { rootId, pending, close: first.close };
}

resume('a reload mid-upload: the same file resumes, sends only the parts the relay lacks, and decrypts exactly', async (ctx) => {
  const bytes = randomBytesOf(FILE_BYTES, 7);
  const { rootId, pending, close } = await interruptedUpload(ctx, bytes, 'film.mkv');
  assert.is(pending.length, 1);
  assert.is(pending[0].relativePath, 'film.mkv');
  assert.is(pending[0].size, FILE_BYTES);
  assert.is(pending[0].parentId, rootId);

  const second = wire();
  const core = await tab(ctx, second.fetchFn);
  const kept = await core.pendingUploads();
  assert.equal(kept.map((p) => p.id), [pending[0].id]);
  assert.ok(kept[0].bytesDone >= 2 * PART * 0.9, `progress kept: ${kept[0].bytesDone}`);
  const progress: number[] = [];
  const result = await core.resumeUploads([{ pendingId: kept[0].id, file: new File([bytes], 'film.mkv') }], { onProgress: (p) => progress.push(p.bytesDone) });
  close();
  assert.is(result.failed.length, 0, JSON.stringify(result.failed.map((f) => f.error.message)));
  assert.is(result.done.length, 1);
  assert.equal([...new Set(second.puts)].sort((a, b) => a - b), [2, 3, 4, 5, 6, 7, 8, 9, 10], 'only the parts the relay lacked went out again');
  assert.ok(progress.find((p) => p > 0)! >= 2 * PART * 0.9, 'progress starts from what the relay already had');
  const node = (await core.listTree()).nodes.find((n) => n.id === result.done[0].nodeId)!;
  assert.is(node.name, 'film.mkv');
  assert.equal(await download(core, node.id), bytes);
  assert.is(node.contentHash, contentHash(bytes));
  assert.equal(await core.pendingUploads(), []);
});

resume('a different file with the same name and size starts over under a fresh key', async (ctx) => {
  const original = randomBytesOf(FILE_BYTES, 8);
  const { pending, close } = await interruptedUpload(ctx, original, 'same.bin');
  const changed = original.slice();
  changed[100] ^= 1; // inside part 0: already on the relay, sealed under the old key and salt
  const second = wire();
  const core = await tab(ctx, second.fetchFn);
  const result = await core.resumeUploads([{ pendingId: pending[0].id, file: new File([changed], 'same.bin') }], {});
  close();
  assert.is(result.done.length, 1, JSON.stringify(result.failed.map((f) => f.error.message)));
  assert.equal([...new Set(second.puts)].sort((a, b) => a - b), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'every part went out again, into a new blob');
  assert.equal(await download(core, result.done[0].nodeId), changed);
});

resume('discard frees the relay\'s upload and forgets it; a cancelled upload keeps nothing', async (ctx) => {
  const bytes = randomBytesOf(FILE_BYTES, 9);
  const { pending, close } = await interruptedUpload(ctx, bytes, 'drop-me.bin');
  close();
  const core = await tab(ctx, fetch);
  const usedBefore = (await core.usage()).usedBytes;
  await core.discardPendingUpload(pending[0].id);
  assert.equal(await core.pendingUploads(), []);
  assert.ok((await core.usage()).usedBytes < usedBefore || usedBefore === 0, 'the reservation is released');

  const abort = new AbortController();
  const rootId = (await core.listTree()).rootId;
  const running = core.upload(rootId, [{ file: new File([bytes], 'stop.bin'), relativePath: 'stop.bin' }], {
    conflict: 'keep-both', signal: abort.signal,
    onProgress: (p) => { if (p.bytesDone > 0) abort.abort(); },
  });
  const result = await running;
  assert.ok(result.cancelled);
  assert.equal(await core.pendingUploads(), []);
});

resume('every file of a batch is kept until placed: the ones not reached resume as fresh uploads', async (ctx) => {
  const big = randomBytesOf(FILE_BYTES, 10);
  const small = randomBytesOf(3000, 11);
  const first = wire();
  first.hangFrom(2);
  const core1 = await tab(ctx, first.fetchFn);
  const rootId = (await core1.listTree()).rootId;
  void core1.upload(rootId, [
    { file: new File([small], 'a.txt'), relativePath: 'docs/a.txt' },
    { file: new File([big], 'b.bin'), relativePath: 'docs/b.bin' },
    { file: new File([small], 'c.txt'), relativePath: 'docs/c.txt' },
  ], { conflict: 'keep-both' }).catch(() => undefined);
  while (!first.puts.includes(3)) await new Promise((r) => setTimeout(r, 20));
  first.close();

  const core = await tab(ctx, fetch);
  const kept = await core.pendingUploads();
  assert.equal(kept.map((p) => p.relativePath), ['docs/b.bin', 'docs/c.txt']);
  const result = await core.resumeUploads([
    { pendingId: kept[1].id, file: new File([small], 'c.txt') },
    { pendingId: kept[0].id, file: new File([big], 'b.bin') },
  ], {});
  assert.is(result.done.length, 2);
  const tree = await core.listTree();
  const docs = tree.nodes.find((n) => n.parentId === rootId && n.name === 'docs')!;
  assert.equal(tree.nodes.filter((n) => n.parentId === docs.id).map((n) => n.name).sort(), ['a.txt', 'b.bin', 'c.txt']);
  assert.equal(await download(core, tree.nodes.find((n) => n.parentId === docs.id && n.name === 'b.bin')!.id), big);
});

resume('a dropped connection mid-upload is retried by itself; a part whose answer was lost is not sent twice', async (ctx) => {
  const bytes = randomBytesOf(FILE_BYTES, 13);
  const puts: number[] = [];
  const dropped = new Set<number>();
  const fetchFn: FetchLike = async (input, init) => {
    const part = /\/uploads\/[^/]+\/parts\/(\d+)$/.exec(new URL(input).pathname);
    if (part && init?.method === 'PUT') {
      const index = Number(part[1]);
      puts.push(index);
      if (index === 2 && !dropped.has(2)) { dropped.add(2); throw new TypeError('connection reset before the part arrived'); }
      if (index === 4 && !dropped.has(4)) { dropped.add(4); await fetch(input, init); throw new TypeError('connection reset before the answer'); }
    }
    return fetch(input, init);
  };
  const core = await tab(ctx, fetchFn);
  const rootId = (await core.listTree()).rootId;
  const result = await core.upload(rootId, [{ file: new File([bytes], 'flaky.bin'), relativePath: 'flaky.bin' }], { conflict: 'keep-both' });
  assert.is(result.done.length, 1, JSON.stringify(result.failed.map((f) => f.error.message)));
  assert.equal(puts.filter((i) => i === 2).length, 2, 'part 2 was sent again');
  assert.equal(puts.filter((i) => i === 4).length, 1, 'part 4 arrived the first time; the relay said so and it was not resent');
  assert.equal(await download(core, result.done[0].nodeId), bytes);
  assert.equal(await core.pendingUploads(), []);
});

resume('the kept record holds no readable name, path or key', async (ctx) => {
  const { close } = await interruptedUpload(ctx, randomBytesOf(FILE_BYTES, 12), 'secret-plans.pdf');
  close();
  const stored = ctx.store.all();
  assert.ok(stored.length > 0);
  for (const r of stored) {
    const text = Buffer.from(r.sealed).toString('latin1');
    assert.not.ok(text.includes('secret-plans'), 'the file name is sealed');
  }
});

resume.run();
