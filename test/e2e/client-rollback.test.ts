// Rollback detection across sessions (DESIGN.md §2): a device keeps the highest change-log revision it
// has seen; when the relay later shows that account at an older revision (restored from an old copy),
// unlocking refuses with a 'rollback' error instead of showing the old state as current. The older
// state is made by rewriting the relay's answers on the wire, as a malicious or restored relay would
// answer; everything else is the real relay.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { MemoryRevisionStore, type FetchLike } from '../../worker/src/client/index.js';
import { newCore, rejectsWith, startRelay, type TestRelay } from './client-support.js';

const rollback = suite<{ relay: TestRelay }>('rollback across sessions', { relay: null! });
rollback.before(async (ctx) => { ctx.relay = await startRelay(); });
rollback.after(async (ctx) => { await ctx.relay.close(); });

/** Answers of GET /nodes/changes as the relay looked `behind` revisions ago. */
function olderRelay(behind: number): FetchLike {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!new URL(input).pathname.endsWith('/nodes/changes')) return response;
    const page = await response.json() as { revision: number; next: number; changes: { revision?: number }[] };
    const revision = page.revision - behind;
    const older = { ...page, revision, next: Math.min(page.next, revision), changes: page.changes.filter((c) => (c.revision ?? 0) <= revision) };
    return new Response(JSON.stringify(older), { status: response.status, headers: { 'content-type': 'application/json' } });
  };
}

rollback('a device that saw revision N refuses a relay showing less, in a later session too', async ({ relay }) => {
  const revisions = new MemoryRevisionStore();
  const first = newCore(relay, false, { revisionStore: revisions });
  await first.signUp('erin', 'erin password 123');
  const rootId = (await first.listTree()).rootId;
  await first.createFolder(rootId, 'One');
  await first.createFolder(rootId, 'Two');
  await first.logOut();

  const signedUp = await revisions.load((await accountIdOf(relay, 'erin')));
  assert.ok(signedUp >= 3, `the revision seen was kept (${signedUp})`);

  const restored = newCore(relay, false, { revisionStore: revisions, fetch: olderRelay(2) });
  await rejectsWith('rollback', () => restored.logIn('erin', 'erin password 123'));

  // The same relay state, honestly reported, opens; a device that never saw the newer state can't tell.
  const honest = newCore(relay, false, { revisionStore: revisions });
  await honest.logIn('erin', 'erin password 123');
  assert.equal((await honest.listTree()).nodes.filter((n) => n.parentId === rootId).map((n) => n.name).sort(), ['One', 'Two']);
  const fresh = newCore(relay, false, { revisionStore: new MemoryRevisionStore(), fetch: olderRelay(2) });
  await fresh.logIn('erin', 'erin password 123');
});

async function accountIdOf(relay: TestRelay, login: string): Promise<string> {
  const core = newCore(relay);
  await core.logIn(login, `${login} password 123`);
  const id = (await core.listTree()).rootId; // the root folder's id is the account id
  await core.logOut();
  return id;
}

rollback.run();
