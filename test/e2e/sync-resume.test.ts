// A sync pass cut at every point resumes without loss or duplicates ([Note: Resuming a cut pass] in
// worker/src/sync/executor.ts). One scenario with changes of every kind on both sides (including a
// conflict) is cut: before step N (as a crash), right after the vault accepted its K-th change (the
// answer lost: network error), and right after the disk did its K-th change (then failed). Each cut
// is followed by ordinary passes, which must reach exactly the state an uncut pass reaches.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ClientError, type VaultCore } from '../../worker/src/client/index.js';
import { LOCAL_TRASH, MemoryFolder, vaultFolderId, type RemoteVault, type SyncReport } from '../../worker/src/sync/index.js';
import { startRelay, type TestRelay } from './client-support.js';
import { loggedIn, syncDevice, vaultFiles, vaultNode, vaultPut, type SyncDevice } from './support/sync-device.js';

const resume = suite<{ relay: TestRelay; core: VaultCore; n: number }>('sync resume', { relay: null!, core: null!, n: 0 });

resume.before(async (ctx) => {
  ctx.relay = await startRelay();
  ctx.core = await loggedIn(ctx.relay, 'resumer', 'resumer password 123', true);
});
resume.after(async (ctx) => {
  await ctx.core.lock();
  await ctx.relay.close();
});

const CONFLICT = 'e (conflict from Laptop 2026-11-28).txt';
const EXPECTED = {
  [CONFLICT]: 'E-local', 'a.txt': 'A2', 'd.txt': 'D2', 'docs/b-moved.txt': 'B', 'docs/f2.txt': 'F', 'docs/remote-new.txt': 'RN', 'e.txt': 'E-vault', 'new.txt': 'NEW',
};

/** The K-th call of the listed methods acts, then fails; `fired` says whether it was reached. */
interface Cut { at: number; calls: number; fired: boolean }

function cutAfter<T extends object>(target: T, methods: readonly string[], cut: Cut, fail: () => Error): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      const value = Reflect.get(t, prop, receiver);
      if (typeof value !== 'function' || !methods.includes(String(prop))) return typeof value === 'function' ? value.bind(t) : value;
      return async (...args: unknown[]) => {
        const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(t, args);
        if (++cut.calls === cut.at) {
          cut.fired = true;
          throw fail();
        }
        return result;
      };
    },
  });
}

/** A synced start, then the same changes on both sides each time. */
async function scenario(ctx: { core: VaultCore; n: number }, wrap: { remote?: (r: RemoteVault) => RemoteVault; folder?: (f: MemoryFolder) => MemoryFolder } = {}): Promise<{ d: SyncDevice; fid: string }> {
  const fid = await vaultFolderId(ctx.core, `Resume ${++ctx.n}`);
  const d = syncDevice(ctx.core, fid, 'Laptop', { remote: wrap.remote });
  for (const [path, text] of Object.entries({ 'a.txt': 'A', 'b.txt': 'B', 'c.txt': 'C', 'd.txt': 'D', 'e.txt': 'E', 'docs/f.txt': 'F', 'old/g.txt': 'G' })) d.folder.put(path, text);
  const first = await d.pass();
  assert.is(first.status, 'done');
  assert.is(first.counts.errors, 0);
  // Here: a new file, an edit, a move, a delete, and an edit that will clash.
  d.folder.put('new.txt', 'NEW');
  d.folder.put('a.txt', 'A2');
  await d.folder.rename('b.txt', 'docs/b-moved.txt');
  d.folder.remove('c.txt');
  d.folder.put('e.txt', 'E-local');
  // In the vault: a new file, an edit, a rename, a folder trashed, and the other edit.
  await vaultPut(ctx.core, fid, 'docs/remote-new.txt', 'RN');
  await vaultPut(ctx.core, fid, 'd.txt', 'D2');
  await ctx.core.rename((await vaultNode(ctx.core, fid, 'docs/f.txt')).id, 'f2.txt');
  await ctx.core.trash([(await vaultNode(ctx.core, fid, 'old')).id]);
  await vaultPut(ctx.core, fid, 'e.txt', 'E-vault');
  return { d, fid };
}

/** Ordinary passes until one finds nothing to do; then both sides must hold exactly EXPECTED. */
async function recoverAndCheck(ctx: { core: VaultCore }, d: SyncDevice, fid: string, label: string, aId: string): Promise<void> {
  let last: SyncReport | null = null;
  for (let i = 0; i < 4; i++) {
    last = await d.pass();
    assert.is(last.status, 'done', `${label}: ${JSON.stringify(last)}`);
    if (last.log.length === 0) break;
  }
  assert.equal(last!.log, [], `${label}: passes kept acting`);
  assert.equal(last!.errors, [], label);
  assert.equal(d.folder.files(), EXPECTED, `${label}: local folder`);
  assert.equal(await vaultFiles(ctx.core, fid), EXPECTED, `${label}: vault folder`);
  // Nothing lost: the deleted files sit in the local trash; nothing doubled: a.txt is one node with two contents.
  const kept = Object.entries(d.folder.files({ all: true })).filter(([p]) => p.startsWith(`${LOCAL_TRASH}/`)).map(([p]) => p.split('/').slice(2).join('/'));
  assert.ok(kept.includes('old/g.txt'), `${label}: ${kept.join(', ')}`);
  const a = await vaultNode(ctx.core, fid, 'a.txt');
  assert.is(a.id, aId, `${label}: a.txt is still the same node`);
  assert.is((await ctx.core.versions(a.id)).length, 2, `${label}: a.txt was sent once`);
}

resume('an uncut pass reaches the expected state (the reference for the cut ones)', async (ctx) => {
  const { d, fid } = await scenario(ctx);
  const aId = (await vaultNode(ctx.core, fid, 'a.txt')).id;
  const r = await d.pass();
  assert.is(r.status, 'done');
  assert.is(r.counts.conflicts, 1);
  assert.ok(r.log.length >= 10, `${r.log.length} steps`);
  await recoverAndCheck(ctx, d, fid, 'uncut', aId);
});

resume('cut before each step in turn (a crash): the next passes finish the job', async (ctx) => {
  for (let n = 0; ; n++) {
    const { d, fid } = await scenario(ctx);
    const aId = (await vaultNode(ctx.core, fid, 'a.txt')).id;
    let reached = false;
    try {
      await d.pass({ beforeStep: (_step, index) => { if (index === n) { reached = true; throw new Error('power cut'); } } });
    } catch (error) {
      assert.is((error as Error).message, 'power cut');
    }
    if (!reached) {
      assert.ok(n >= 10, `only ${n} steps were cut`);
      break;
    }
    await recoverAndCheck(ctx, d, fid, `crash before step ${n}`, aId);
  }
});

resume('cut right after the vault accepted a change (its answer lost), at every vault change', async (ctx) => {
  for (let k = 1; ; k++) {
    const cut: Cut = { at: Number.POSITIVE_INFINITY, calls: 0, fired: false };
    const { d, fid } = await scenario(ctx, { remote: (r) => cutAfter(r, ['upload', 'move', 'trash', 'makeFolder'], cut, () => new ClientError('network', 'The connection dropped.')) });
    const aId = (await vaultNode(ctx.core, fid, 'a.txt')).id;
    cut.calls = 0;
    cut.at = k;
    const r = await d.pass();
    cut.at = Number.POSITIVE_INFINITY;
    if (!cut.fired) {
      assert.ok(k > 5, `only ${k - 1} vault changes were cut`);
      break;
    }
    assert.ok(r.errors.some((e) => e.kind === 'network'), JSON.stringify(r.errors));
    await recoverAndCheck(ctx, d, fid, `vault change ${k} answer lost`, aId);
  }
});

resume('cut right after the disk did a change (then failed), at every disk change', async (ctx) => {
  for (let k = 1; ; k++) {
    const cut: Cut = { at: Number.POSITIVE_INFINITY, calls: 0, fired: false };
    const { d, fid } = await scenario(ctx);
    const aId = (await vaultNode(ctx.core, fid, 'a.txt')).id;
    const flaky = cutAfter(d.folder, ['write', 'rename', 'trash', 'makeFolder'], cut, () => new Error('disk went away'));
    d.pair.local = flaky;
    cut.calls = 0;
    cut.at = k;
    await d.pass();
    cut.at = Number.POSITIVE_INFINITY;
    d.pair.local = d.folder;
    if (!cut.fired) {
      assert.ok(k > 5, `only ${k - 1} disk changes were cut`);
      break;
    }
    await recoverAndCheck(ctx, d, fid, `disk change ${k} then failure`, aId);
  }
});

resume.run();
