// Changes made offline against a real relay: one device loses the network (its fetch fails as a cut
// cable does), makes folders, renames, moves, trashes and uploads; they show in its tree at once, wait
// sealed on the device (no name, no plaintext at rest), and reach another device in order when the
// network is back. Meanwhile the other device changes some of the same items: the sync engine's rules
// decide (a rename made elsewhere wins, an edit wins over a trash, a taken name gives a conflict copy).
// A fresh session on the same device sends what an earlier one left waiting.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  MemoryOfflineChangeStore, MemoryOfflineStore, type ClientEvent, type ClientNode, type FetchLike, type ReplayReport, type VaultCore,
} from '../../worker/src/client/index.js';
import { DEFAULT_HELPER_SETTINGS, HELPER_SETTINGS } from '../../worker/src/client/helper-records.js';
import { newCore, randomBytesOf, startRelay, type TestRelay } from './client-support.js';

interface Ctx { relay: TestRelay }
const offline = suite<Ctx>('changes made offline', { relay: null! });
offline.before(async (ctx) => { ctx.relay = await startRelay(); });
offline.after(async (ctx) => { await ctx.relay.close(); });

/** A device: its stores, and a network it can cut. */
function device(relay: TestRelay) {
  let cut = false;
  const fetchFn: FetchLike = (input, init) => (cut ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init));
  const stores = { offlineStore: new MemoryOfflineStore(), offlineChangeStore: new MemoryOfflineChangeStore() };
  const open = () => newCore(relay, false, { ...stores, fetch: fetchFn, defaultDeviceLabel: 'Laptop' });
  return { stores, open, cut: (value: boolean) => { cut = value; } };
}

async function tree(core: VaultCore): Promise<{ rootId: string; nodes: ClientNode[] }> {
  return core.listTree();
}

function named(nodes: readonly ClientNode[], parentId: string, name: string): ClientNode | undefined {
  return nodes.find((n) => n.parentId === parentId && n.name === name);
}

async function bytesOf(core: VaultCore, id: string): Promise<Uint8Array> {
  const link = await core.downloadTo(id, 'url');
  return new Uint8Array(await link!.blob.arrayBuffer());
}

function reports(core: VaultCore): ReplayReport[] {
  const out: ReplayReport[] = [];
  core.onChange((e: ClientEvent) => { if (e.type === 'offline-changes' && e.report) out.push(e.report); });
  return out;
}

const file = (name: string, bytes: Uint8Array) => ({ file: new File([bytes as Uint8Array<ArrayBuffer>], name), relativePath: name });

offline('made offline, shown at once, sent in order with conflicts settled as sync settles them', async ({ relay }) => {
  const laptop = device(relay);
  const a = laptop.open();
  await a.signUp('olive', 'olive password 123');
  const { rootId } = await tree(a);
  const docs = await a.createFolder(rootId, 'Docs');
  await a.upload(rootId, [file('plan.txt', randomBytesOf(2000, 1)), file('clash.txt', randomBytesOf(10, 2)), file('old.txt', randomBytesOf(10, 3)), file('edited.txt', randomBytesOf(10, 4))], { conflict: 'keep-both' });
  const b = newCore(relay);
  await b.logIn('olive', 'olive password 123');

  laptop.cut(true);
  const before = await tree(a);
  const plan = named(before.nodes, rootId, 'plan.txt')!;
  const clash = named(before.nodes, rootId, 'clash.txt')!;
  const old = named(before.nodes, rootId, 'old.txt')!;
  const edited = named(before.nodes, rootId, 'edited.txt')!;
  // The first change finds the network gone and waits; the rest wait behind it.
  await a.rename(plan.id, 'plan v2.txt');
  await a.move([plan.id], docs.id);
  const trip = await a.createFolder(rootId, 'Trip');
  const photo = randomBytesOf(300_000, 5);
  const queued = await a.upload(trip.id, [file('photo.jpg', photo), { file: new File([randomBytesOf(9, 6)], 'same.txt'), relativePath: 'same.txt' }], { conflict: 'keep-both' });
  assert.ok(queued.queued, 'the upload says it was kept for later');
  assert.is(queued.done.length, 2);
  await a.rename(clash.id, 'mine.txt');
  await a.trash([old.id, edited.id]);

  // This device shows it all already, and opens the waiting file from its sealed copy.
  const local = await tree(a);
  assert.is(named(local.nodes, docs.id, 'plan v2.txt')?.id, plan.id);
  const localPhoto = named(local.nodes, trip.id, 'photo.jpg')!;
  assert.is(localPhoto.version, 0, 'not on the relay yet');
  assert.equal(await bytesOf(a, localPhoto.id), photo);
  assert.ok(local.nodes.find((n) => n.id === old.id)?.trashed);
  assert.is((await a.offlineChangesWaiting()).length, 8);

  // What waits on the device is sealed: no name, no plaintext.
  const kept = laptop.stores.offlineChangeStore.all();
  const atRest = Buffer.concat([...kept.changes.map((c) => Buffer.from(c.sealed)), ...await Promise.all(kept.blobs.map(async (x) => Buffer.from(await x.data.arrayBuffer())))]);
  for (const secret of ['plan v2.txt', 'photo.jpg', 'Trip', 'mine.txt']) assert.not.ok(atRest.includes(Buffer.from(secret)), `"${secret}" at rest`);
  assert.not.ok(atRest.includes(Buffer.from(photo.subarray(1000, 1064))), 'the photo\'s bytes at rest');

  // Meanwhile, the other device: renames clash.txt, edits edited.txt, makes "Trip/same.txt".
  const remote = await tree(b);
  await b.rename(clash.id, 'theirs.txt');
  await b.upload(rootId, [file('edited.txt', randomBytesOf(20, 7))], { conflict: 'replace' });
  const theirTrip = await b.createFolder(rootId, 'Trip');
  await b.upload(theirTrip.id, [file('same.txt', randomBytesOf(9, 8))], { conflict: 'keep-both' });
  assert.ok(remote.nodes.length > 0);

  const sent = reports(a);
  laptop.cut(false);
  await a.sendWaitingChanges();
  assert.is((await a.offlineChangesWaiting()).length, 0, 'nothing left waiting');
  assert.is(laptop.stores.offlineChangeStore.all().blobs.length, 0, 'the sealed copies are freed');
  const notes = sent.flatMap((r) => r.notes).join('\n');
  assert.match(notes, /renamed to "theirs.txt" on another device/);
  assert.match(notes, /"edited.txt" was changed on another device, so it was kept/);

  const seen = await tree(b);
  assert.is(named(seen.nodes, docs.id, 'plan v2.txt')?.id, plan.id, 'renamed, then moved, in that order');
  const trips = seen.nodes.filter((n) => n.parentId === rootId && n.name === 'Trip' && !n.trashed);
  assert.is(trips.length, 1, 'the folder made offline merged into the one made meanwhile');
  const tripId = trips[0].id;
  assert.equal(await bytesOf(b, named(seen.nodes, tripId, 'photo.jpg')!.id), photo);
  assert.ok(named(seen.nodes, tripId, 'same.txt'), 'theirs keeps its name');
  assert.ok(seen.nodes.some((n) => n.parentId === tripId && /^same \(conflict from Laptop \d{4}-\d\d-\d\d\)\.txt$/.test(n.name)), 'ours is the conflict copy');
  assert.is(seen.nodes.find((n) => n.id === clash.id)?.name, 'theirs.txt', 'their rename stands');
  assert.ok(seen.nodes.find((n) => n.id === old.id)?.trashed, 'trashed');
  assert.not.ok(seen.nodes.find((n) => n.id === edited.id)?.trashed, 'the edit wins over the trash');
});

offline('what one session left waiting is sent by the next', async ({ relay }) => {
  const phone = device(relay);
  const first = phone.open();
  await first.signUp('pavel', 'pavel password 123');
  const { rootId } = await tree(first);
  phone.cut(true);
  const folder = await first.createFolder(rootId, 'Made offline');
  const bytes = randomBytesOf(9 * 1024 * 1024 + 5, 9); // past the in-memory seal: the streamed path
  await first.upload(folder.id, [file('big.bin', bytes)], { conflict: 'keep-both' });
  await first.lock();

  phone.cut(false);
  const second = phone.open();
  await second.logIn('pavel', 'pavel password 123');
  for (let i = 0; i < 100 && (await second.offlineChangesWaiting()).length > 0; i++) await new Promise((r) => setTimeout(r, 100));
  const other = newCore(relay);
  await other.logIn('pavel', 'pavel password 123');
  const seen = await tree(other);
  const made = named(seen.nodes, rootId, 'Made offline');
  assert.ok(made, 'the folder');
  assert.equal(await bytesOf(other, named(seen.nodes, made!.id, 'big.bin')!.id), bytes);
});

offline('a change can be discarded while it waits', async ({ relay }) => {
  const laptop = device(relay);
  const a = laptop.open();
  await a.signUp('quinn', 'quinn password 123');
  const { rootId } = await tree(a);
  laptop.cut(true);
  await a.createFolder(rootId, 'Drafts'); // finds the network gone: from here on, changes wait
  await a.upload(rootId, [file('draft.txt', randomBytesOf(50, 10))], { conflict: 'keep-both' });
  const waiting = (await a.offlineChangesWaiting())[1];
  assert.is(waiting.kind, 'upload');
  assert.is(waiting.name, 'draft.txt');
  await a.discardOfflineChange(waiting.id);
  assert.not.ok(named((await tree(a)).nodes, rootId, 'draft.txt'));
  assert.is(laptop.stores.offlineChangeStore.all().blobs.length, 0);
  laptop.cut(false);
  await a.sendWaitingChanges();
  const after = await tree(a);
  assert.not.ok(named(after.nodes, rootId, 'draft.txt'));
  assert.ok(named(after.nodes, rootId, 'Drafts'), 'the change before it went out');
});

offline('a connection that drops again mid-send keeps the rest waiting, in order, and nothing twice', async ({ relay }) => {
  let uploadsCreated = 0;
  let cutAtUpload = Infinity;
  let cut = false;
  const fetchFn: FetchLike = (input, init) => {
    if (!cut && init?.method === 'POST' && /\/uploads$/.test(new URL(input).pathname) && ++uploadsCreated >= cutAtUpload) cut = true;
    return cut ? Promise.reject(new TypeError('fetch failed')) : fetch(input, init);
  };
  const a = newCore(relay, false, { offlineStore: new MemoryOfflineStore(), offlineChangeStore: new MemoryOfflineChangeStore(), fetch: fetchFn });
  await a.signUp('tomas', 'tomas password 123');
  const { rootId } = await tree(a);
  cut = true;
  const first = randomBytesOf(1000, 12);
  const second = randomBytesOf(2000, 13);
  await a.createFolder(rootId, 'Before');
  await a.upload(rootId, [file('first.bin', first), file('second.bin', second)], { conflict: 'keep-both' });
  cut = false;
  uploadsCreated = 0;
  cutAtUpload = 2; // the network goes again as the second file starts out
  await a.sendWaitingChanges();
  const left = await a.offlineChangesWaiting();
  assert.equal(left.map((c) => c.name), ['second.bin'], 'the folder and the first file went; the second waits');
  cut = false;
  cutAtUpload = Infinity;
  await a.sendWaitingChanges();
  assert.is((await a.offlineChangesWaiting()).length, 0);
  const b = newCore(relay);
  await b.logIn('tomas', 'tomas password 123');
  const seen = (await tree(b)).nodes.filter((n) => n.parentId === rootId && !n.trashed).map((n) => n.name).sort();
  assert.equal(seen, ['Before', 'first.bin', 'second.bin'], 'each once');
  assert.equal(await bytesOf(b, named((await tree(b)).nodes, rootId, 'second.bin')!.id), second);
});

offline('a queued upload the relay refuses for good (quota) stays waiting with its reason; the rest goes out', async () => {
  const small = await startRelay({ defaultQuotaBytes: 256 * 1024 });
  try {
    const laptop = device(small);
    const a = laptop.open();
    await a.signUp('rosa', 'rosa password 123');
    const { rootId } = await tree(a);
    laptop.cut(true);
    await a.createFolder(rootId, 'Fits');
    const big = randomBytesOf(400 * 1024, 11);
    await a.upload(rootId, [file('too big.bin', big)], { conflict: 'keep-both' });
    await a.createFolder(rootId, 'After');
    const sent = reports(a);
    laptop.cut(false);
    await a.sendWaitingChanges();
    assert.match(sent.flatMap((r) => r.notes).join('\n'), /"too big.bin" was not uploaded: .*(quota|storage|space)/i);
    const left = await a.offlineChangesWaiting();
    assert.is(left.length, 1, 'only the refused upload waits');
    assert.is(left[0].name, 'too big.bin');
    assert.ok(left[0].error, 'with its reason');
    const now = await tree(a);
    assert.ok(named(now.nodes, rootId, 'Fits') && named(now.nodes, rootId, 'After'), 'the others went out');
    const waitingFile = named(now.nodes, rootId, 'too big.bin');
    assert.ok(waitingFile, 'still shown here');
    assert.equal(await bytesOf(a, waitingFile!.id), big, 'nothing lost');
  } finally {
    await small.close();
  }
});

offline('a vault with a paired helper\'s settings record opens offline from the cache', async ({ relay }) => {
  const laptop = device(relay);
  const a = laptop.open();
  await a.signUp('sigrid', 'sigrid password 123');
  const { rootId } = await tree(a);
  await a.createFolder(rootId, 'Kept');
  await a.withSession((s) => s.deviceRecords.write(HELPER_SETTINGS, 'helper-1', () => ({ ...DEFAULT_HELPER_SETTINGS, updatedAt: 1 })));
  await a.listTree();
  await a.lock();
  laptop.cut(true);
  const again = laptop.open();
  await again.logIn('sigrid', 'sigrid password 123');
  assert.ok(named((await tree(again)).nodes, rootId, 'Kept'), 'the tree opens from the cached records, helper record and all');
});

offline.run();
