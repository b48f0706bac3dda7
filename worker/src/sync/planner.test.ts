// Unit tests of planner.ts: the decision table of [Note: Sync decisions] on hand-made trees, no I/O.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { BaseEntry } from './base-store.js';
import { planSync, type PlanInput } from './planner.js';
import type { RemoteNode } from './remote-vault.js';
import type { LocalState, SyncStep } from './sync-step.js';

const NOW = Date.UTC(2026, 10, 28, 12);

function file(path: string, hash: string, id = `id-${path}`, extra: Partial<BaseEntry> = {}): { base: BaseEntry; local: LocalState; remote: RemoteNode } {
  return {
    base: { path, kind: 'file', nodeId: id, version: 1, size: hash.length, mtime: 1000, contentHash: hash, ...extra },
    local: { path, kind: 'file', size: hash.length, mtime: 1000, contentHash: hash },
    remote: { id, path, kind: 'file', version: 1, size: hash.length, mtime: 1000, contentHash: hash },
  };
}

function folder(path: string, id = `id-${path}`): { base: BaseEntry; local: LocalState; remote: RemoteNode } {
  return {
    base: { path, kind: 'folder', nodeId: id, version: 1, size: 0, mtime: 1000, contentHash: null },
    local: { path, kind: 'folder', size: 0, mtime: 1000, contentHash: null },
    remote: { id, path, kind: 'folder', version: 1, size: 0, mtime: 1000, contentHash: null },
  };
}

function plan(input: Partial<PlanInput>) {
  return planSync({ local: [], unreadable: [], remote: [], base: [], device: 'Laptop', now: NOW, windowsNames: false, ...input });
}

/** Steps without their payloads, as "op path[→to]". */
function ops(steps: readonly SyncStep[]): string[] {
  return steps.map((s) => {
    if (s.op === 'record') return `record ${s.entry.path}`;
    const path = 'path' in s ? s.path : s.from;
    return 'to' in s ? `${s.op} ${path}→${s.to}` : `${s.op} ${path}`;
  });
}

test('all three trees alike: nothing to do', () => {
  const a = file('a.txt', 'h1');
  const d = folder('docs');
  assert.equal(plan({ base: [a.base, d.base], local: [a.local, d.local], remote: [a.remote, d.remote] }).steps, []);
});

test('new on one side only is carried over, folders before files', () => {
  const a = file('docs/a.txt', 'h1');
  const d = folder('docs');
  assert.equal(ops(plan({ local: [d.local, a.local] }).steps), ['remote-mkdir docs', 'upload docs/a.txt']);
  assert.equal(ops(plan({ remote: [d.remote, a.remote] }).steps), ['local-mkdir docs', 'download docs/a.txt']);
});

test('changed on one side only: upload replacing that node, or download replacing the file as it was', () => {
  const a = file('a.txt', 'h1');
  const up = plan({ base: [a.base], remote: [a.remote], local: [{ ...a.local, contentHash: 'h2', size: 9, mtime: 2000 }] });
  assert.equal(up.steps, [{ op: 'upload', path: 'a.txt', replaceId: 'id-a.txt' }]);
  const down = plan({ base: [a.base], local: [a.local], remote: [{ ...a.remote, contentHash: 'h2', version: 2 }] });
  assert.equal(ops(down.steps), ['download a.txt']);
  assert.equal((down.steps[0] as { expect: unknown }).expect, { size: 2, mtime: 1000 });
});

test('touched with the same content: only the base learns the new mtime', () => {
  const a = file('a.txt', 'h1');
  const p = plan({ base: [a.base], remote: [a.remote], local: [{ ...a.local, mtime: 5000 }] });
  assert.equal(ops(p.steps), ['record a.txt']);
  assert.is((p.steps[0] as { entry: BaseEntry }).entry.mtime, 5000);
});

test('changed on both sides to the same content: recorded, nothing sent', () => {
  const a = file('a.txt', 'h1');
  const p = plan({ base: [a.base], local: [{ ...a.local, contentHash: 'h2', mtime: 3000 }], remote: [{ ...a.remote, contentHash: 'h2', version: 2 }] });
  assert.equal(ops(p.steps), ['record a.txt']);
});

test('changed on both sides differently: local copy renamed to its conflict name and sent, the vault\'s received', () => {
  const a = file('notes/report.pdf', 'h1');
  const p = plan({ base: [a.base], local: [{ ...a.local, contentHash: 'h2', mtime: 3000 }], remote: [{ ...a.remote, contentHash: 'h3', version: 2 }] });
  const copy = 'notes/report (conflict from Laptop 2026-11-28).pdf';
  assert.equal(ops(p.steps), [`conflict-copy notes/report.pdf→${copy}`, 'download notes/report.pdf', `upload ${copy}`]);
});

test('new on both sides under one name: same content recorded, different content a conflict', () => {
  const a = file('a.txt', 'h1');
  assert.equal(ops(plan({ local: [a.local], remote: [a.remote] }).steps), ['record a.txt']);
  assert.equal(ops(plan({ local: [a.local], remote: [{ ...a.remote, contentHash: 'h9' }] }).steps),
    ['conflict-copy a.txt→a (conflict from Laptop 2026-11-28).txt', 'download a.txt', 'upload a (conflict from Laptop 2026-11-28).txt']);
});

test('deleted on one side, unchanged on the other: deleted there too, and counted', () => {
  const a = file('a.txt', 'h1');
  const local = plan({ base: [a.base], remote: [a.remote] });
  assert.equal(ops(local.steps), ['remote-trash a.txt']);
  assert.equal(local.deletions, ['a.txt']);
  const remote = plan({ base: [a.base], local: [a.local] });
  assert.equal(ops(remote.steps), ['local-delete a.txt']);
  assert.equal(ops(plan({ base: [a.base] }).steps), ['forget a.txt']);
});

test('deleted on one side, changed on the other: the change is kept', () => {
  const a = file('a.txt', 'h1');
  const keepRemote = plan({ base: [a.base], remote: [{ ...a.remote, contentHash: 'h2', version: 2 }] });
  assert.equal(ops(keepRemote.steps), ['forget a.txt', 'download a.txt']);
  assert.equal(keepRemote.deletions, []);
  const keepLocal = plan({ base: [a.base], local: [{ ...a.local, contentHash: 'h2', mtime: 2000 }] });
  assert.equal(keepLocal.steps.find((s) => s.op === 'upload'), { op: 'upload', path: 'a.txt', replaceId: null });
  assert.equal(keepLocal.deletions, []);
});

test('a vault rename is a local move; a local rename (gone + same hash new) is a vault move of the node', () => {
  const a = file('a.txt', 'h1');
  assert.equal(ops(plan({ base: [a.base], local: [a.local], remote: [{ ...a.remote, path: 'b.txt', version: 2 }] }).steps), ['local-move a.txt→b.txt']);
  const d = folder('docs');
  const local = plan({ base: [a.base, d.base], remote: [a.remote, d.remote], local: [d.local, { ...a.local, path: 'docs/a.txt' }] });
  assert.equal(local.steps, [{ op: 'remote-move', nodeId: 'id-a.txt', from: 'a.txt', to: 'docs/a.txt', kind: 'file', base: { remove: ['a.txt'], put: [{ ...a.base, path: 'docs/a.txt' }] } }]);
  assert.equal(local.deletions, []);
});

test('a change of case alone is a rename both ways', () => {
  const a = file('readme.md', 'h1');
  assert.equal(ops(plan({ base: [a.base], remote: [a.remote], local: [{ ...a.local, path: 'README.md' }] }).steps), ['remote-move readme.md→README.md']);
  assert.equal(ops(plan({ base: [a.base], local: [a.local], remote: [{ ...a.remote, path: 'README.md' }] }).steps), ['local-move readme.md→README.md']);
});

test('a vault folder moved: one local folder move, the files inside need nothing', () => {
  const d = folder('old');
  const a = file('old/a.txt', 'h1');
  const p = plan({ base: [d.base, a.base], local: [d.local, a.local], remote: [{ ...d.remote, path: 'new' }, { ...a.remote, path: 'new/a.txt' }] });
  assert.equal(ops(p.steps), ['local-move old→new']);
});

test('a local folder renamed with the same files: one vault folder move', () => {
  const d = folder('old');
  const a = file('old/a.txt', 'h1');
  const b = file('old/sub/b.txt', 'h2');
  const s = folder('old/sub');
  const p = plan({
    base: [d.base, s.base, a.base, b.base], remote: [d.remote, s.remote, a.remote, b.remote],
    local: [{ ...d.local, path: 'new' }, { ...s.local, path: 'new/sub' }, { ...a.local, path: 'new/a.txt' }, { ...b.local, path: 'new/sub/b.txt' }],
  });
  assert.equal(ops(p.steps), ['remote-move old→new']);
  assert.equal(p.deletions, []);
});

test('a folder deleted on one side with nothing kept inside: one step for the folder, its files counted', () => {
  const d = folder('docs');
  const a = file('docs/a.txt', 'h1');
  const b = file('docs/b.txt', 'h2');
  const gone = plan({ base: [d.base, a.base, b.base], remote: [d.remote, a.remote, b.remote] });
  assert.equal(ops(gone.steps), ['remote-trash docs']);
  assert.equal(gone.deletions.sort(), ['docs/a.txt', 'docs/b.txt']);
  // One file inside changed in the vault meanwhile: that one is received, the folder stays.
  const kept = plan({ base: [d.base, a.base, b.base], remote: [d.remote, a.remote, { ...b.remote, contentHash: 'h3', version: 2 }] });
  assert.equal(ops(kept.steps).sort(), ['download docs/b.txt', 'forget docs/b.txt', 'remote-trash docs/a.txt']);
});

test('a vault folder trashed while a file inside changed here: the folder is made again in the vault for it', () => {
  const d = folder('docs');
  const a = file('docs/a.txt', 'h1');
  const b = file('docs/b.txt', 'h2');
  const p = plan({ base: [d.base, a.base, b.base], local: [d.local, a.local, { ...b.local, contentHash: 'h3', mtime: 2000 }] });
  assert.equal(ops(p.steps), ['remote-mkdir docs', 'local-delete docs/a.txt', 'forget docs/b.txt', 'upload docs/b.txt']);
  assert.equal(p.deletions, ['docs/a.txt']);
});

test('an unreadable file or folder is left alone, never taken as deleted', () => {
  const a = file('a.txt', 'h1');
  const d = folder('locked');
  const b = file('locked/b.txt', 'h2');
  const p = plan({
    base: [a.base, d.base, b.base], remote: [a.remote, d.remote, b.remote], local: [d.local],
    unreadable: [{ path: 'a.txt', message: 'locked' }, { path: 'locked', message: 'denied' }],
  });
  assert.equal(p.steps, []);
  assert.equal(p.deletions, []);
  assert.equal(p.issues.map((i) => `${i.kind} ${i.path}`), ['unreadable a.txt', 'unreadable locked']);
});

test('names Windows can\'t hold are reported once and skipped on a Windows-like disk only', () => {
  const con = file('CON.txt', 'h1');
  const dir = folder('trail.');
  const inside = file('trail./x.txt', 'h2');
  const ok = file('fine.txt', 'h3');
  const q = file('what?.txt', 'h4');
  const remote = [con.remote, dir.remote, inside.remote, ok.remote, q.remote];
  const win = plan({ remote, windowsNames: true });
  assert.equal(ops(win.steps), ['download fine.txt']);
  assert.equal(win.issues.map((i) => `${i.kind} ${i.path}`).sort(), ['invalid-name CON.txt', 'invalid-name trail.', 'invalid-name what?.txt']);
  assert.is(plan({ remote, windowsNames: false }).steps.length, 5);
  // Renamed in the vault to such a name after it was synced: left alone, not deleted here.
  const moved = plan({ base: [ok.base], local: [ok.local], remote: [{ ...ok.remote, path: 'AUX' }], windowsNames: true });
  assert.equal(moved.steps, []);
});

test('two local names differing only in case: the second is reported, not sent', () => {
  const a = file('a.txt', 'h1');
  const p = plan({ local: [a.local, { ...a.local, path: 'A.txt', contentHash: 'h2' }] });
  assert.equal(ops(p.steps), ['upload a.txt']);
  assert.equal(p.issues.map((i) => i.kind), ['case-clash']);
});

test.run();
