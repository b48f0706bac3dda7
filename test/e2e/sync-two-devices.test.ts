// Two devices converging through a real relay: two VaultCore sessions on one account, each with its own
// folder and base, synced to the same vault folder. Device A keeps an in-memory folder; device B a real
// directory through the node:fs adapter (worker/src/sync/node-folder.ts). After every round both
// folders and the vault hold the same files.
import { mkdtemp, mkdir, readdir, readFile, rm, writeFile, rename, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { VaultCore } from '../../worker/src/client/index.js';
import { isEngineName, MemoryFolder, MemorySyncBase, runSyncPass, vaultFolderId, VaultRemote, type SyncPair, type SyncReport } from '../../worker/src/sync/index.js';
import { NodeFolder } from '../../worker/src/sync/node-folder.js';
import { startRelay, type TestRelay } from './client-support.js';
import { loggedIn, vaultFiles } from './support/sync-device.js';

interface Ctx { relay: TestRelay; a: VaultCore; b: VaultCore; fid: string; dir: string; memory: MemoryFolder; pairA: SyncPair; pairB: SyncPair }
const two = suite<Ctx>('sync two devices', {} as Ctx);

two.before(async (ctx) => {
  ctx.relay = await startRelay();
  ctx.a = await loggedIn(ctx.relay, 'twin', 'twin password 123', true);
  ctx.b = await loggedIn(ctx.relay, 'twin', 'twin password 123', false);
  ctx.fid = await vaultFolderId(ctx.a, 'Shared/Work');
  ctx.dir = await mkdtemp(join(tmpdir(), 'veilbox-sync-b-'));
  ctx.memory = new MemoryFolder();
  const now = () => Date.UTC(2026, 10, 28, 12);
  ctx.pairA = { local: ctx.memory, remote: new VaultRemote(ctx.a, ctx.fid), base: new MemorySyncBase(), device: 'Desk', now };
  ctx.pairB = { local: new NodeFolder(ctx.dir, { caseInsensitive: false, windowsNames: false }), remote: new VaultRemote(ctx.b, ctx.fid), base: new MemorySyncBase(), device: 'Travel', now };
});
two.after(async (ctx) => {
  await ctx.a.lock();
  await ctx.b.lock();
  await ctx.relay.close();
  await rm(ctx.dir, { recursive: true, force: true });
});

async function diskFiles(root: string, dir = root): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const d of await readdir(dir, { withFileTypes: true })) {
    if (isEngineName(d.name)) continue;
    const p = join(dir, d.name);
    if (d.isDirectory()) Object.assign(out, await diskFiles(root, p));
    else out[relative(root, p).split('\\').join('/')] = await readFile(p, 'utf8');
  }
  return Object.fromEntries(Object.entries(out).sort(([x], [y]) => x.localeCompare(y)));
}

async function diskPut(root: string, path: string, text: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), text);
  // A distinct mtime, as a real edit a moment later would have (the test runs faster than mtime granularity).
  const at = new Date(Date.now() + Math.floor(Math.random() * 100_000));
  await utimes(join(root, path), at, at);
}

async function pass(pair: SyncPair): Promise<SyncReport> {
  const r = await runSyncPass(pair);
  assert.is(r.status, 'done', JSON.stringify(r));
  assert.equal(r.errors, []);
  return r;
}

/** Passes on both until a round changes nothing; then A, B and the vault hold `expected`. */
async function converge(ctx: Ctx, expected: Record<string, string>): Promise<void> {
  for (let round = 0; round < 4; round++) {
    const ra = await pass(ctx.pairA);
    const rb = await pass(ctx.pairB);
    if (round > 0 && ra.log.length === 0 && rb.log.length === 0) break;
    assert.ok(round < 3, 'the devices keep changing things');
  }
  assert.equal(ctx.memory.files(), expected, 'device A');
  assert.equal(await diskFiles(ctx.dir), expected, 'device B');
  assert.equal(await vaultFiles(ctx.a, ctx.fid), expected, 'vault');
}

two('what A adds reaches B, and B\'s edits, renames and deletions reach A', async (ctx) => {
  ctx.memory.put('plan.md', 'draft');
  ctx.memory.put('src/main.ts', 'console.log(1)');
  ctx.memory.put('src/util/strings.ts', 'export {}');
  ctx.memory.put('junk.tmp', 'junk');
  await converge(ctx, { 'junk.tmp': 'junk', 'plan.md': 'draft', 'src/main.ts': 'console.log(1)', 'src/util/strings.ts': 'export {}' });

  await diskPut(ctx.dir, 'plan.md', 'final');
  await rename(join(ctx.dir, 'src/util'), join(ctx.dir, 'src/lib'));
  await rm(join(ctx.dir, 'junk.tmp'));
  await diskPut(ctx.dir, 'notes/new.txt', 'from B');
  await converge(ctx, { 'notes/new.txt': 'from B', 'plan.md': 'final', 'src/lib/strings.ts': 'export {}', 'src/main.ts': 'console.log(1)' });
  assert.equal(ctx.memory.folders(), ['notes', 'src', 'src/lib']);
});

two('both edit one file: each keeps both contents, the later one\'s copy named after its device', async (ctx) => {
  ctx.memory.put('plan.md', 'A\'s version');
  await diskPut(ctx.dir, 'plan.md', 'B\'s version');
  await converge(ctx, {
    'notes/new.txt': 'from B', 'plan (conflict from Travel 2026-11-28).md': 'B\'s version', 'plan.md': 'A\'s version',
    'src/lib/strings.ts': 'export {}', 'src/main.ts': 'console.log(1)',
  });
});

two('A deletes what B edits meanwhile: the edit survives on both', async (ctx) => {
  ctx.memory.remove('src/main.ts');
  ctx.memory.remove('plan (conflict from Travel 2026-11-28).md');
  await diskPut(ctx.dir, 'src/main.ts', 'console.log(2)');
  await converge(ctx, { 'notes/new.txt': 'from B', 'plan.md': 'A\'s version', 'src/lib/strings.ts': 'export {}', 'src/main.ts': 'console.log(2)' });
});

two('a folder deleted on B goes to the vault\'s trash and A\'s .veilbox-trash', async (ctx) => {
  await rm(join(ctx.dir, 'src'), { recursive: true });
  await converge(ctx, { 'notes/new.txt': 'from B', 'plan.md': 'A\'s version' });
  const kept = Object.keys(ctx.memory.files({ all: true })).filter((p) => p.startsWith('.veilbox-trash/'));
  assert.ok(kept.some((p) => p.endsWith('/src/main.ts')) && kept.some((p) => p.endsWith('/src/lib/strings.ts')), kept.join(', '));
  assert.ok((await ctx.a.listTree()).nodes.some((n) => n.name === 'src' && n.trashed));
});

two.run();
