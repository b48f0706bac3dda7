// Two clients on one account against a real relay: changes reach the other through the live-event
// socket and the change log; concurrent renames never overwrite each other silently; a rename and a
// move made at the same time both apply; a record altered on the relay is refused as tampered.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isClientError, type ClientEvent, type VaultCore } from '../../worker/src/client/index.js';
import { newCore, startRelay, type TestRelay } from './client-support.js';

// `stale` has no live events, so its view stays old until it pulls: that is how a race looks.
const sync = suite<{ relay: TestRelay; a: VaultCore; b: VaultCore; stale: VaultCore; rootId: string }>('client sync', { relay: null!, a: null!, b: null!, stale: null!, rootId: '' });

sync.before(async (ctx) => {
  ctx.relay = await startRelay();
  ctx.a = newCore(ctx.relay, true);
  await ctx.a.signUp('dave', 'dave password 123');
  ctx.b = newCore(ctx.relay, true);
  await ctx.b.logIn('dave', 'dave password 123');
  ctx.stale = newCore(ctx.relay);
  await ctx.stale.logIn('dave', 'dave password 123');
  ctx.rootId = (await ctx.a.listTree()).rootId;
});
sync.after(async (ctx) => {
  await ctx.a.lock();
  await ctx.b.lock();
  await ctx.relay.close();
});

function waitFor(core: VaultCore, test: (e: ClientEvent) => boolean, ms = 3000): Promise<ClientEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { off(); reject(new Error('no matching event in time')); }, ms);
    const off = core.onChange((e) => { if (test(e)) { clearTimeout(timer); off(); resolve(e); } });
  });
}

sync('a folder made on one client reaches the other within a second, by live event', async ({ a, b, rootId }) => {
  const seen = waitFor(b, (e) => e.type === 'nodes' && e.upserted.some((n) => n.name === 'Shared'), 1000);
  const started = Date.now();
  const folder = await a.createFolder(rootId, 'Shared');
  const event = await seen;
  assert.ok(Date.now() - started < 1000);
  assert.is(event.type, 'nodes');
  assert.ok((await b.listTree()).nodes.some((n) => n.id === folder.id && n.name === 'Shared'));
});

sync('concurrent renames: the second fails with conflict and the first name stays', async ({ a, stale: b, rootId }) => {
  const node = await a.createFolder(rootId, 'Original');
  await b.listTree();
  // b has seen version 1; a renames first, then b renames from its stale view.
  await a.rename(node.id, 'From A');
  try {
    await b.rename(node.id, 'From B');
    assert.unreachable('b\'s rename should fail');
  } catch (error) {
    assert.ok(isClientError(error, 'conflict'), String(error));
  }
  const name = (id: string, t: Awaited<ReturnType<VaultCore['listTree']>>) => t.nodes.find((n) => n.id === id)!.name;
  assert.is(name(node.id, await a.listTree()), 'From A');
  assert.is(name(node.id, await b.listTree()), 'From A');
});

sync('a rename on one client and a move on the other both apply', async ({ a, stale: b, rootId }) => {
  const target = await a.createFolder(rootId, 'Target');
  const node = await a.createFolder(rootId, 'Wanderer');
  await b.listTree();
  await a.rename(node.id, 'Renamed');
  await b.move([node.id], target.id); // stale version: 409, re-read, the move is still valid
  const final = (await a.listTree()).nodes.find((n) => n.id === node.id)!;
  assert.is(final.name, 'Renamed');
  assert.is(final.parentId, target.id);
});

sync('uploads on one client are readable on the other', async ({ a, b, rootId }) => {
  const up = await a.upload(rootId, [{ file: new File(['from a'], 'a.txt'), relativePath: 'a.txt' }], { conflict: 'keep-both' });
  const tree = await b.listTree();
  assert.ok(tree.nodes.some((n) => n.id === up.done[0].nodeId));
  assert.equal(await b.readText(up.done[0].nodeId, { maxBytes: 100 }), { text: 'from a', truncated: false });
});

sync('a node record swapped on the relay is refused as tampered', async ({ a, rootId, relay }) => {
  const one = await a.createFolder(rootId, 'One');
  const two = await a.createFolder(rootId, 'Two');
  // An attacker with the relay's API access (here: the client's own session) puts one node's body
  // under another id; its context no longer matches, so the commitment fails.
  const body = (await a.api.getNode(one.id)).body!;
  await a.api.putNode(two.id, 1, body);
  const fresh = newCore(relay);
  try {
    await fresh.logIn('dave', 'dave password 123');
    assert.unreachable('login should fail on the tampered record');
  } catch (error) {
    assert.ok(isClientError(error, 'tampered'), String(error));
  }
});

sync.run();
