// The sync engine (worker/src/sync) against a real relay: one device's in-memory folder paired with a
// vault folder, the vault changed meanwhile through VaultCore as the PWA would. Every change kind both
// ways, conflicts, delete against edit, touched files, case-only renames, names Windows can't hold, the
// mass-deletion pause, an unreadable file, and a file changing while it is sent.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { VaultCore } from '../../worker/src/client/index.js';
import { LOCAL_TRASH, vaultFolderId, type SyncReport } from '../../worker/src/sync/index.js';
import { startRelay, type TestRelay } from './client-support.js';
import { loggedIn, syncDevice, vaultFiles, vaultFolders, vaultNode, vaultPut, type SyncDevice } from './support/sync-device.js';

const engine = suite<{ relay: TestRelay; core: VaultCore; n: number }>('sync engine', { relay: null!, core: null!, n: 0 });

engine.before(async (ctx) => {
  ctx.relay = await startRelay();
  ctx.core = await loggedIn(ctx.relay, 'syncer', 'syncer password 123', true);
});
engine.after(async (ctx) => {
  await ctx.core.lock();
  await ctx.relay.close();
});

/** A fresh vault folder and a device paired with it. */
async function pair(ctx: { core: VaultCore; n: number }, options: Parameters<typeof syncDevice>[3] = {}): Promise<{ d: SyncDevice; fid: string }> {
  const fid = await vaultFolderId(ctx.core, `Sync ${++ctx.n}`);
  return { d: syncDevice(ctx.core, fid, 'Laptop', options), fid };
}

function done(report: SyncReport): SyncReport & { status: 'done' } {
  assert.is(report.status, 'done', JSON.stringify(report));
  if (report.status !== 'done') throw new Error('paused');
  return report;
}

function counts(report: SyncReport): string {
  const c = report.counts;
  return `sent ${c.sent} received ${c.received} modified ${c.modified} moved ${c.moved} removed ${c.removed} conflicts ${c.conflicts} errors ${c.errors}`;
}

/** A second pass right after must find nothing to do: both sides and the base agree. */
async function settled(d: SyncDevice): Promise<void> {
  const again = done(await d.pass());
  assert.equal(again.log, [], `a second pass still acted: ${JSON.stringify(again.log)}`);
  assert.is(again.counts.errors, 0, JSON.stringify(again.errors));
}

function trashed(d: SyncDevice): Record<string, string> {
  return Object.fromEntries(Object.entries(d.folder.files({ all: true })).filter(([p]) => p.startsWith(`${LOCAL_TRASH}/`)).map(([p, t]) => [p.split('/').slice(2).join('/'), t]));
}

engine('local adds, edits, renames, moves and deletes reach the vault; folders too', async (ctx) => {
  const { d, fid } = await pair(ctx);
  d.folder.put('a.txt', 'alpha');
  d.folder.put('docs/b.txt', 'bravo');
  d.folder.put('docs/old/c.txt', 'charlie');
  d.folder.makeFolderNow('empty');
  assert.is(counts(done(await d.pass())), 'sent 3 received 0 modified 0 moved 0 removed 0 conflicts 0 errors 0');
  assert.equal(await vaultFiles(ctx.core, fid), { 'a.txt': 'alpha', 'docs/b.txt': 'bravo', 'docs/old/c.txt': 'charlie' });
  assert.equal(await vaultFolders(ctx.core, fid), ['docs', 'docs/old', 'empty']);
  await settled(d);
  const idA = (await vaultNode(ctx.core, fid, 'a.txt')).id;
  const idB = (await vaultNode(ctx.core, fid, 'docs/b.txt')).id;

  // Edit, rename, move into another folder, delete a file and a whole folder.
  d.folder.put('a.txt', 'alpha 2');
  await d.folder.rename('docs/b.txt', 'docs/b-renamed.txt');
  await d.folder.rename('docs/b-renamed.txt', 'moved/b-renamed.txt');
  d.folder.remove('docs/old');
  d.folder.remove('empty');
  const r = done(await d.pass());
  assert.is(counts(r), 'sent 0 received 0 modified 1 moved 1 removed 1 conflicts 0 errors 0');
  assert.equal(await vaultFiles(ctx.core, fid), { 'a.txt': 'alpha 2', 'moved/b-renamed.txt': 'bravo' });
  assert.equal(await vaultFolders(ctx.core, fid), ['docs', 'moved']);
  // Same nodes: the edit kept the old content as a version, the move kept the node.
  assert.is((await vaultNode(ctx.core, fid, 'a.txt')).id, idA);
  assert.equal((await ctx.core.versions(idA)).map((v) => v.current), [true, false]);
  assert.is((await vaultNode(ctx.core, fid, 'moved/b-renamed.txt')).id, idB);
  // Deleted to the vault's trash, not erased.
  const trash = (await ctx.core.listTree()).nodes.filter((n) => n.trashed).map((n) => n.name);
  assert.ok(trash.includes('old') && trash.includes('empty'), trash.join(', '));
  await settled(d);
});

engine('vault adds, edits, renames, moves and deletes reach the folder; deletions land in .veilbox-trash', async (ctx) => {
  const { d, fid } = await pair(ctx);
  await vaultPut(ctx.core, fid, 'a.txt', 'alpha');
  await vaultPut(ctx.core, fid, 'docs/b.txt', 'bravo');
  await vaultPut(ctx.core, fid, 'docs/gone/c.txt', 'charlie');
  await vaultPut(ctx.core, fid, 'd.txt', 'delta');
  const emptyId = (await new (await import('../../worker/src/sync/index.js')).VaultRemote(ctx.core, fid).makeFolder('empty')).id;
  assert.is(counts(done(await d.pass())), 'sent 0 received 4 modified 0 moved 0 removed 0 conflicts 0 errors 0');
  assert.equal(d.folder.files(), { 'a.txt': 'alpha', 'd.txt': 'delta', 'docs/b.txt': 'bravo', 'docs/gone/c.txt': 'charlie' });
  assert.equal(d.folder.folders(), ['docs', 'docs/gone', 'empty']);
  await settled(d);

  await vaultPut(ctx.core, fid, 'a.txt', 'alpha 2');
  const b = await vaultNode(ctx.core, fid, 'docs/b.txt');
  await ctx.core.rename(b.id, 'b2.txt');
  const docs = await vaultNode(ctx.core, fid, 'docs');
  await ctx.core.move([(await vaultNode(ctx.core, fid, 'd.txt')).id], docs.id);
  await ctx.core.trash([(await vaultNode(ctx.core, fid, 'docs/gone')).id, emptyId]);
  const r = done(await d.pass());
  assert.is(counts(r), 'sent 0 received 0 modified 1 moved 2 removed 1 conflicts 0 errors 0');
  assert.equal(d.folder.files(), { 'a.txt': 'alpha 2', 'docs/b2.txt': 'bravo', 'docs/d.txt': 'delta' });
  assert.equal(d.folder.folders(), ['docs']);
  assert.equal(trashed(d), { 'docs/gone/c.txt': 'charlie' });
  await settled(d);

  // A vault folder renamed: one local folder move, nothing downloaded again.
  await ctx.core.rename(docs.id, 'Documents');
  const moved = done(await d.pass());
  assert.equal(moved.log.map((l) => `${l.op} ${l.path}→${l.to}`), ['local-move docs→Documents']);
  assert.equal(d.folder.files(), { 'Documents/b2.txt': 'bravo', 'Documents/d.txt': 'delta', 'a.txt': 'alpha 2' });
  await settled(d);
});

engine('a local folder renamed is one vault move of the folder node', async (ctx) => {
  const { d, fid } = await pair(ctx);
  d.folder.put('photos/1.jpg', 'one');
  d.folder.put('photos/2019/2.jpg', 'two');
  done(await d.pass());
  const folderId = (await vaultNode(ctx.core, fid, 'photos')).id;
  await d.folder.rename('photos', 'Pictures');
  const r = done(await d.pass());
  assert.equal(r.log.map((l) => `${l.op} ${l.path}→${l.to}`), ['remote-move photos→Pictures']);
  assert.is((await vaultNode(ctx.core, fid, 'Pictures')).id, folderId);
  assert.equal(await vaultFiles(ctx.core, fid), { 'Pictures/1.jpg': 'one', 'Pictures/2019/2.jpg': 'two' });
  await settled(d);
});

engine('both edited differently: the local copy becomes a conflict copy, both contents kept on both sides', async (ctx) => {
  const { d, fid } = await pair(ctx);
  d.folder.put('notes/plan.txt', 'v1');
  done(await d.pass());
  d.folder.put('notes/plan.txt', 'local edit');
  await vaultPut(ctx.core, fid, 'notes/plan.txt', 'vault edit');
  const r = done(await d.pass());
  assert.is(r.counts.conflicts, 1);
  const copy = 'notes/plan (conflict from Laptop 2026-11-28).txt';
  assert.equal(d.folder.files(), { [copy]: 'local edit', 'notes/plan.txt': 'vault edit' });
  assert.equal(await vaultFiles(ctx.core, fid), { [copy]: 'local edit', 'notes/plan.txt': 'vault edit' });
  await settled(d);
});

engine('deleted on one side and edited on the other: the edit is kept, both ways', async (ctx) => {
  const { d, fid } = await pair(ctx);
  d.folder.put('keep-vault-edit.txt', 'v1');
  d.folder.put('keep-local-edit.txt', 'v1');
  done(await d.pass());
  d.folder.remove('keep-vault-edit.txt');
  await vaultPut(ctx.core, fid, 'keep-vault-edit.txt', 'edited in the vault');
  d.folder.put('keep-local-edit.txt', 'edited here');
  await ctx.core.trash([(await vaultNode(ctx.core, fid, 'keep-local-edit.txt')).id]);
  const r = done(await d.pass());
  assert.is(r.counts.removed, 0);
  assert.equal(d.folder.files(), { 'keep-local-edit.txt': 'edited here', 'keep-vault-edit.txt': 'edited in the vault' });
  assert.equal(await vaultFiles(ctx.core, fid), { 'keep-local-edit.txt': 'edited here', 'keep-vault-edit.txt': 'edited in the vault' });
  await settled(d);
});

engine('a vault folder trashed while a file in it was edited here: the folder comes back with the edit, the rest is removed', async (ctx) => {
  const { d, fid } = await pair(ctx);
  d.folder.put('project/edited.txt', 'v1');
  d.folder.put('project/untouched.txt', 'same');
  done(await d.pass());
  const oldId = (await vaultNode(ctx.core, fid, 'project')).id;
  await ctx.core.trash([oldId]);
  d.folder.put('project/edited.txt', 'v2');
  const r = done(await d.pass());
  assert.is(r.counts.removed, 1);
  assert.equal(d.folder.files(), { 'project/edited.txt': 'v2' });
  assert.equal(await vaultFiles(ctx.core, fid), { 'project/edited.txt': 'v2' });
  assert.is.not((await vaultNode(ctx.core, fid, 'project')).id, oldId);
  await settled(d);
});

engine('a touched file with the same content is not sent again', async (ctx) => {
  const { d, fid } = await pair(ctx);
  d.folder.put('same.txt', 'unchanged bytes');
  done(await d.pass());
  const before = await vaultNode(ctx.core, fid, 'same.txt');
  d.folder.touch('same.txt');
  const r = done(await d.pass());
  assert.is(counts(r), 'sent 0 received 0 modified 0 moved 0 removed 0 conflicts 0 errors 0');
  assert.equal(r.log.map((l) => l.op), ['record']);
  const after = await vaultNode(ctx.core, fid, 'same.txt');
  assert.is(after.version, before.version);
  assert.equal((await ctx.core.versions(after.id)).length, 1);
  await settled(d);
});

engine('case-only renames in a case-insensitive folder, both ways, through a temporary name', async (ctx) => {
  const { d, fid } = await pair(ctx, { caseInsensitive: true });
  d.folder.put('readme.md', 'read me');
  d.folder.put('Docs/report.txt', 'report');
  done(await d.pass());
  const id = (await vaultNode(ctx.core, fid, 'readme.md')).id;
  // Here: readme.md → README.md (the fake disk refuses a direct case-only rename, as some disks do).
  d.folder.remove('readme.md');
  d.folder.put('README.md', 'read me', (await d.base.entries()).find((e) => e.path === 'readme.md')!.mtime);
  let r = done(await d.pass());
  assert.equal(r.log.map((l) => `${l.op} ${l.path}→${l.to}`), ['remote-move readme.md→README.md']);
  assert.is((await vaultNode(ctx.core, fid, 'README.md')).id, id);
  await settled(d);
  // In the vault: report.txt → Report.TXT.
  await ctx.core.rename((await vaultNode(ctx.core, fid, 'Docs/report.txt')).id, 'Report.TXT');
  r = done(await d.pass());
  assert.equal(r.log.map((l) => `${l.op} ${l.path}→${l.to}`), ['local-move Docs/report.txt→Docs/Report.TXT']);
  assert.equal(d.folder.files(), { 'Docs/Report.TXT': 'report', 'README.md': 'read me' });
  await settled(d);
});

engine('vault names Windows cannot hold are reported and skipped on a Windows-like folder, never mangled or deleted', async (ctx) => {
  const { d, fid } = await pair(ctx, { windowsNames: true, caseInsensitive: true });
  await vaultPut(ctx.core, fid, 'CON.txt', 'device name');
  await vaultPut(ctx.core, fid, 'what?.txt', 'question');
  await vaultPut(ctx.core, fid, 'trailing./inside.txt', 'dot');
  await vaultPut(ctx.core, fid, 'fine.txt', 'fine');
  for (let pass = 0; pass < 2; pass++) {
    const r = done(await d.pass());
    assert.equal(r.errors.map((e) => `${e.kind} ${e.path}`).sort(), ['invalid-name CON.txt', 'invalid-name trailing.', 'invalid-name what?.txt']);
    assert.is(r.counts.errors, 3);
    assert.equal(d.folder.files(), { 'fine.txt': 'fine' });
    assert.equal(d.folder.folders(), []);
  }
  assert.equal(Object.keys(await vaultFiles(ctx.core, fid)).sort(), ['CON.txt', 'fine.txt', 'trailing./inside.txt', 'what?.txt']);
});

engine('a mass deletion pauses, doing nothing, until the listed deletions are confirmed', async (ctx) => {
  const { d, fid } = await pair(ctx);
  for (let i = 0; i < 55; i++) d.folder.put(`bulk/f${String(i).padStart(2, '0')}.txt`, `file ${i}`);
  done(await d.pass());
  d.folder.remove('bulk');
  const paused = await d.pass();
  assert.is(paused.status, 'paused');
  if (paused.status !== 'paused') return;
  assert.is(paused.reason, 'mass-deletion');
  assert.is(paused.deletions.length, 55);
  assert.equal(paused.log, []);
  assert.is(Object.keys(await vaultFiles(ctx.core, fid)).length, 55, 'nothing removed before confirmation');
  assert.is((await d.pass()).status, 'paused', 'still paused on the next pass');
  const r = done(await d.pass({ confirmDeletions: paused.deletions }));
  assert.is(r.counts.removed, 55);
  assert.equal(await vaultFiles(ctx.core, fid), {});
  await settled(d);
});

engine('deleting more than a quarter of a small folder pauses too; a quarter or less does not', async (ctx) => {
  const { d, fid } = await pair(ctx);
  for (let i = 0; i < 20; i++) d.folder.put(`f${i}.txt`, `file ${i}`);
  done(await d.pass());
  for (let i = 0; i < 5; i++) d.folder.remove(`f${i}.txt`);
  assert.is(done(await d.pass()).counts.removed, 5, '5 of 20 is a quarter: no pause');
  // Vault side: 6 of the 15 left (40 %).
  for (let i = 5; i < 11; i++) await ctx.core.trash([(await vaultNode(ctx.core, fid, `f${i}.txt`)).id]);
  const paused = await d.pass();
  assert.is(paused.status, 'paused');
  assert.is(Object.keys(d.folder.files()).length, 15, 'nothing removed here before confirmation');
  if (paused.status === 'paused') assert.is(done(await d.pass({ confirmDeletions: paused.deletions })).counts.removed, 6);
  assert.is(Object.keys(d.folder.files()).length, 9);
});

engine('an unreadable file or folder is reported and retried, never taken as deleted', async (ctx) => {
  const { d, fid } = await pair(ctx);
  d.folder.put('locked.docx', 'v1');
  d.folder.put('private/secret.txt', 's1');
  done(await d.pass());
  // Changed and then locked (as Word does), and a folder that can no longer be listed.
  d.folder.put('locked.docx', 'v2 being written');
  d.folder.unreadable.add('locked.docx');
  d.folder.unreadable.add('private');
  const r = done(await d.pass());
  assert.equal(r.errors.map((e) => `${e.kind} ${e.path}`).sort(), ['unreadable locked.docx', 'unreadable private']);
  assert.is(r.counts.removed, 0);
  assert.equal(await vaultFiles(ctx.core, fid), { 'locked.docx': 'v1', 'private/secret.txt': 's1' });
  // Still locked on the next pass: still reported, still there.
  assert.is(done(await d.pass()).counts.errors, 2);
  d.folder.unreadable.clear();
  const later = done(await d.pass());
  assert.is(counts(later), 'sent 0 received 0 modified 1 moved 0 removed 0 conflicts 0 errors 0');
  assert.equal(await vaultFiles(ctx.core, fid), { 'locked.docx': 'v2 being written', 'private/secret.txt': 's1' });
  await settled(d);
});

engine('a folder renamed in the vault while the same new file appeared in it on both sides: no conflict copy', async (ctx) => {
  const { d, fid } = await pair(ctx);
  d.folder.put('docs/a.txt', 'alpha');
  done(await d.pass());
  const docs = (await vaultNode(ctx.core, fid, 'docs')).id;
  await ctx.core.rename(docs, 'papers');
  await vaultPut(ctx.core, fid, 'papers/x.txt', 'same bytes');
  d.folder.put('docs/x.txt', 'same bytes');
  const r = done(await d.pass());
  assert.is(r.counts.conflicts, 0, JSON.stringify(r.log));
  assert.equal(await vaultFiles(ctx.core, fid), { 'papers/a.txt': 'alpha', 'papers/x.txt': 'same bytes' });
  assert.equal(d.folder.files(), { 'papers/a.txt': 'alpha', 'papers/x.txt': 'same bytes' });
  await settled(d);
});

engine('a file changed while it is being sent is read again; the vault never keeps the half-new one as current', async (ctx) => {
  const { d, fid } = await pair(ctx);
  d.folder.put('log.txt', 'first');
  let reads = 0;
  d.folder.onRead = (path) => {
    // The first read is the upload's (a new file nothing in the vault compares with is not hashed first).
    if (path === 'log.txt' && ++reads === 1) d.folder.put('log.txt', 'second, longer');
  };
  const r = done(await d.pass());
  assert.is(r.counts.sent, 1);
  assert.equal(await vaultFiles(ctx.core, fid), { 'log.txt': 'second, longer' });
  const entry = (await d.base.entries()).find((e) => e.path === 'log.txt')!;
  assert.is(entry.size, 'second, longer'.length);
  d.folder.onRead = null;
  await settled(d);
});

engine('a file deleted while it is being sent: the next pass moves it to the vault\'s trash, not back into the folder', async (ctx) => {
  const { d, fid } = await pair(ctx);
  d.folder.put('keep.txt', 'kept');
  d.folder.put('gone.txt', 'short-lived');
  d.folder.onRead = (path) => {
    // Read for the upload, then removed before the pass could look again (the user deleted it meanwhile).
    if (path === 'gone.txt') d.folder.remove('gone.txt');
  };
  const first = await d.pass();
  d.folder.onRead = null;
  assert.is(first.status, 'done');
  assert.equal(await vaultFiles(ctx.core, fid), { 'gone.txt': 'short-lived', 'keep.txt': 'kept' }, 'it went up before it was removed');
  const second = done(await d.pass());
  assert.is(second.counts.removed, 1, counts(second));
  assert.equal(d.folder.files(), { 'keep.txt': 'kept' }, 'not brought back');
  assert.equal(await vaultFiles(ctx.core, fid), { 'keep.txt': 'kept' }, 'removed from the vault folder (into its trash)');
  await settled(d);
});

engine.run();
