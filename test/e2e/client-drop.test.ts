// "Upload from your phone" through the worker's drop API (worker/src/client/drop-api.ts) against a real
// relay, without a browser: the desktop's core makes a drop into a folder and hears arrivals on its
// live socket; a second core with no account plays the phone. Files of 0 B, 1 B and two parts land in
// the folder byte for byte, the batch closes the drop, the phone learns it, and a closed, an expired
// and a made-up drop are refused in words. The relay's clock is the test's, so expiry needs no wait.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { dropApi, type WireDropEvent } from '../../worker/src/client/drop-api.js';
import type { VaultCore } from '../../worker/src/client/index.js';
import { newCore, nodeWebSocket, randomBytesOf, startRelay, type TestRelay } from './client-support.js';

interface Ctx { relay: TestRelay; desktop: VaultCore; phone: VaultCore; folderId: string; clock: { now: number } }
const drops = suite<Ctx>('client drop', { relay: null!, desktop: null!, phone: null!, folderId: '', clock: { now: 0 } });

drops.before(async (ctx) => {
  ctx.clock = { now: Date.now() };
  // Small parts, so a two-part file stays cheap.
  ctx.relay = await startRelay({ partSize: 64 * 1024, now: () => ctx.clock.now });
  ctx.desktop = newCore(ctx.relay, true);
  await ctx.desktop.signUp('dora', 'dora password 123');
  const rootId = (await ctx.desktop.listTree()).rootId;
  ctx.folderId = (await ctx.desktop.createFolder(rootId, 'From phone')).id;
  ctx.phone = newCore(ctx.relay);
});
drops.after(async (ctx) => {
  // Locking stops the desktop's live socket, whose reconnect timers would otherwise keep the process alive.
  await ctx.desktop.lock();
  await ctx.relay.close();
});

async function download(core: VaultCore, id: string): Promise<Uint8Array> {
  const link = await core.downloadTo(id, 'url');
  return new Uint8Array(await link!.blob.arrayBuffer());
}

function waitFor<T>(events: T[], test: (e: T) => boolean, what: string, ms = 20_000): Promise<T> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const look = () => {
      const hit = events.find(test);
      if (hit) return resolve(hit);
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}: ${JSON.stringify(events)}`));
      setTimeout(look, 20);
    };
    look();
  });
}

drops('files sent from the phone land in the folder, exact, and the drop closes', async ({ desktop, phone, folderId }) => {
  const desk = dropApi(desktop, nodeWebSocket);
  const events: WireDropEvent[] = [];
  const offer = await desk.dropReceive(folderId, { label: 'From phone' }, (e) => events.push(e));
  assert.is(offer.secret.length, 22, '128-bit secret, 22 base64url characters');

  const mobile = dropApi(phone, null);
  const state = await mobile.dropOpen(offer.dropId, offer.secret);
  assert.is(state.state, 'open');
  assert.is(state.state === 'open' && state.label, 'From phone');

  const contents = [randomBytesOf(0, 1), randomBytesOf(1, 2), randomBytesOf(150_000, 3)];
  const names = ['empty.txt', 'one.bin', 'photo.jpg'];
  const files = contents.map((c, i) => new File([c], names[i], { type: i === 2 ? 'image/jpeg' : '' }));
  const progress: { index: number; phase: string }[] = [];
  const result = await mobile.dropSend(offer.dropId, files, {}, (p) => progress.push(p));
  assert.equal(result.failed, []);
  assert.equal(result.sent, [0, 1, 2]);
  assert.ok(progress.some((p) => p.index === 2 && p.phase === 'uploading'));

  const closed = await waitFor(events, (e) => e.type === 'closed', 'the drop to close');
  assert.equal(closed, { type: 'closed', received: 3, complete: true });
  assert.equal(events.filter((e) => e.type === 'arrived').map((e) => e.type === 'arrived' && e.name), names);
  assert.equal((await mobile.dropState(offer.dropId)).state, 'closed', 'the phone sees the desktop took them');

  const tree = await desktop.listTree();
  for (const [i, name] of names.entries()) {
    const node = tree.nodes.find((n) => n.parentId === folderId && n.name === name);
    assert.ok(node, `${name} is in the folder`);
    assert.equal(await download(desktop, node.id), contents[i], `${name} decrypts to the bytes sent`);
  }

  // A used drop says so, and nothing more goes in.
  const again = await mobile.dropSend(offer.dropId, [new File(['late'], 'late.txt')], {});
  assert.is(again.stopped, 'closed');
  assert.match(again.failed[0].error.message, /closed/);
});

drops('a name already in the folder is kept as "name (2)", and Done closes an unfinished batch', async ({ desktop, phone, folderId }) => {
  const desk = dropApi(desktop, nodeWebSocket);
  const events: WireDropEvent[] = [];
  const offer = await desk.dropReceive(folderId, {}, (e) => events.push(e));
  const mobile = dropApi(phone, null);
  await mobile.dropOpen(offer.dropId, offer.secret);
  await mobile.dropSend(offer.dropId, [new File(['again'], 'one.bin')], {});
  await waitFor(events, (e) => e.type === 'closed', 'the drop to close');
  const node = (await desktop.listTree()).nodes.find((n) => n.parentId === folderId && n.name === 'one (2).bin');
  assert.ok(node);
  assert.equal(new TextDecoder().decode(await download(desktop, node.id)), 'again');

  // Nothing arrives: Done deletes the drop, and the phone is told it is gone.
  const empty = await desk.dropReceive(folderId, {}, () => undefined);
  await mobile.dropOpen(empty.dropId, empty.secret);
  assert.is(await desk.dropFinish(empty.dropId), 0);
  assert.is((await mobile.dropState(empty.dropId)).state, 'not-found');
});

drops('an expired drop and a made-up one are refused in words', async ({ desktop, phone, folderId, clock }) => {
  const desk = dropApi(desktop, nodeWebSocket);
  const offer = await desk.dropReceive(folderId, { expiresInSeconds: 30 }, () => undefined);
  const mobile = dropApi(phone, null);
  assert.is((await mobile.dropOpen(offer.dropId, offer.secret)).state, 'open');
  clock.now += 31_000;
  assert.is((await mobile.dropState(offer.dropId)).state, 'expired');
  const sent = await mobile.dropSend(offer.dropId, [new File(['x'], 'x.txt')], {});
  assert.is(sent.stopped, 'expired');
  assert.match(sent.failed[0].error.message, /expired/);
  assert.is((await mobile.dropOpen(offer.dropId, 'AAAAAAAAAAAAAAAAAAAAAA')).state, 'not-found', 'a wrong secret is no drop at all');
  await desk.dropFinish(offer.dropId);
});

drops('a file that arrives while the vault is locked is placed after the unlock; Done waits for it', async ({ desktop, phone, folderId }) => {
  const desk = dropApi(desktop, nodeWebSocket);
  const events: WireDropEvent[] = [];
  const offer = await desk.dropReceive(folderId, {}, (e) => events.push(e));
  const mobile = dropApi(phone, null);
  await mobile.dropOpen(offer.dropId, offer.secret);
  await desktop.lock();
  assert.equal((await mobile.dropSend(offer.dropId, [new File(['while locked'], 'locked.txt')], {})).sent, [0]);
  await waitFor(events, (e) => e.type === 'problem' && e.error.kind === 'locked', 'the locked vault to be reported');
  await desk.dropFinish(offer.dropId).then(() => assert.unreachable('Done must not close over an unplaced file'), (e: { kind?: string }) => assert.is(e.kind, 'locked'));
  await desktop.logIn('dora', 'dora password 123');
  await desk.dropRefresh(offer.dropId);
  await waitFor(events, (e) => e.type === 'closed', 'the drop to close after the unlock');
  const node = (await desktop.listTree()).nodes.find((n) => n.parentId === folderId && n.name === 'locked.txt');
  assert.ok(node);
  assert.equal(new TextDecoder().decode(await download(desktop, node.id)), 'while locked');
});

drops.run();
