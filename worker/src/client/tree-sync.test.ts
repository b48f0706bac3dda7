// Unit tests of tree-sync.ts's pull scheduling, with a scripted change log: one pull at a time, a caller
// arriving during a pull gets the next one and also hears what the running one applied, and a page
// older than a version this client holds leaves the newer one in place.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ChangesAnswer, NodeChange, RelayApi } from './relay-api.js';
import { mergeDeltas, TreeSync } from './tree-sync.js';
import { VaultTree } from './vault-tree.js';

/** A relay whose change-log answers the test releases one at a time. */
function scriptedRelay() {
  const waiting: { since: number; answer(a: ChangesAnswer): void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const api = {
    changes(since: number): Promise<ChangesAnswer> {
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      return new Promise((resolve) => waiting.push({ since, answer: (a) => { inFlight--; resolve(a); } }));
    },
  } as unknown as RelayApi;
  const tick = () => new Promise((r) => setTimeout(r, 1));
  return { api, waiting, tick, maxInFlight: () => maxInFlight };
}

function tree(): VaultTree {
  const t = new VaultTree('root');
  const body = (name: string) => ({ v: 1 as const, type: 'folder' as const, name, parentId: 'root', mtime: 0, trashed: false, trashedAt: null, content: null, versions: [] });
  t.upsert({ id: 'root', version: 1, body: { ...body(''), parentId: null } });
  t.upsert({ id: 'x', version: 1, body: body('x') });
  t.upsert({ id: 'y', version: 3, body: body('y') });
  return t;
}

const page = (revision: number, changes: NodeChange[]): ChangesAnswer => ({ revision, changes, more: false, next: revision });

test('a caller joining a running pull gets the next one, with what the running one applied', async () => {
  const r = scriptedRelay();
  const sync = new TreeSync(r.api, { nodeKey: new Uint8Array(32), accountId: 'a' }, tree());
  const first = sync.pull();
  await r.tick();
  const joined = sync.pull();
  const alsoJoined = sync.pull();
  await r.tick();
  assert.is(r.waiting.length, 1, 'one pull at a time');
  r.waiting.shift()!.answer(page(5, [{ id: 'x', version: 2, revision: 5, deleted: true }]));
  assert.equal((await first).removed, ['x']);
  await r.tick();
  assert.is(r.waiting.length, 1, 'then the next pull, shared by both callers');
  assert.is(r.waiting[0].since, 5);
  r.waiting.shift()!.answer(page(6, [{ id: 'y', version: 4, revision: 6, deleted: true }]));
  const [a, b] = await Promise.all([joined, alsoJoined]);
  assert.equal(a.removed.sort(), ['x', 'y'], 'the joined caller hears both pulls');
  assert.equal(b, a);
  assert.is(r.maxInFlight(), 1);
});

test('a failed running pull still lets the queued one go', async () => {
  const failing = { changes: async () => { throw new Error('down'); } } as unknown as RelayApi;
  const sync = new TreeSync(failing, { nodeKey: new Uint8Array(32), accountId: 'a' }, tree());
  const first = sync.pull();
  const next = sync.pull();
  await first.then(() => assert.unreachable(), (e: Error) => assert.is(e.message, 'down'));
  await next.then(() => assert.unreachable(), (e: Error) => assert.is(e.message, 'down'));
  await sync.pull().catch(() => undefined); // not stuck: a new pull starts and ends
});

test('a page older than a version held keeps the newer one (written while the page was applied)', async () => {
  const r = scriptedRelay();
  const t = tree();
  const sync = new TreeSync(r.api, { nodeKey: new Uint8Array(32), accountId: 'a' }, t);
  const pulling = sync.pull();
  await r.tick();
  // y is at version 3 here; the page still shows version 2 (sealed body never opened).
  r.waiting.shift()!.answer(page(7, [{ id: 'y', version: 2, revision: 4, deleted: false, body: 'AAAA' }]));
  const delta = await pulling;
  assert.is(t.get('y').version, 3);
  assert.equal(delta.upserted.map((n) => n.id), ['y']);
});

test('mergeDeltas: the later word on a node wins', () => {
  const node = (id: string) => ({ id, parentId: 'root', type: 'file' as const, name: id, size: 0, mtime: 0, mediaType: '', version: 1, trashed: false, trashedAt: null, contentHash: null });
  const merged = mergeDeltas({ revision: 1, upserted: [node('a'), node('b')], removed: ['c'] }, { revision: 2, upserted: [node('c')], removed: ['a'] });
  assert.is(merged.revision, 2);
  assert.equal(merged.upserted.map((n) => n.id).sort(), ['b', 'c']);
  assert.equal(merged.removed, ['a']);
});

test.run();
