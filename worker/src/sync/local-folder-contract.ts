// Test support: what every LocalFolder adapter must do (local-folder.ts), as uvu tests registered on a
// suite. memory-folder.test.ts and node-folder.test.ts run it on their adapter, so the fake the engine
// tests rely on behaves as the real disk does.
import type { Test } from 'uvu';
import * as assert from 'uvu/assert';
import { isLocalFolderError, LOCAL_TRASH, TEMP_PREFIX, type LocalFolder } from './local-folder.js';

export interface FolderFixture {
  folder: LocalFolder;
  /** Puts a file directly, as a user would. */
  put(path: string, text: string): Promise<void>;
  /** The file's text, read directly; null when absent. */
  get(path: string): Promise<string | null>;
  /** Every file name directly (engine names included) as relative paths. */
  allFiles(): Promise<string[]>;
  /** False for an adapter that can't set a file's mtime (File System Access): a write then keeps the disk's own. */
  setsMtime?: boolean;
}

async function text(folder: LocalFolder, path: string): Promise<string> {
  const reader = (await folder.read(path)).stream().getReader();
  let out = '';
  const decoder = new TextDecoder();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return out + decoder.decode();
    out += decoder.decode(value, { stream: true });
  }
}

function writer(parts: string[], during?: () => Promise<void>): (sink: WritableStream<Uint8Array>) => Promise<void> {
  return async (sink) => {
    const w = sink.getWriter();
    for (const p of parts) await w.write(new TextEncoder().encode(p));
    await during?.();
    await w.close();
  };
}

async function rejectsKind(kind: string, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    assert.ok(isLocalFolderError(error), `expected a LocalFolderError, got ${String(error)}`);
    assert.is(error.kind, kind, error.message);
    return;
  }
  assert.unreachable(`expected a '${kind}' failure`);
}

export function localFolderContract<T extends { fx: FolderFixture }>(test: Test<T>): void {
  test('scan lists folders before what they hold, with sizes, and skips the engine\'s temporary files and trash', async ({ fx }) => {
    await fx.put('b/c/deep.txt', '12345');
    await fx.put('a.txt', 'a');
    await fx.put(`b/${TEMP_PREFIX}9-half.txt`, 'partial');
    await fx.put(`${LOCAL_TRASH}/old/x.txt`, 'x');
    const scan = await fx.folder.scan();
    const paths = scan.entries.map((e) => e.path);
    assert.equal([...paths].sort(), ['a.txt', 'b', 'b/c', 'b/c/deep.txt']);
    assert.ok(paths.indexOf('b') < paths.indexOf('b/c') && paths.indexOf('b/c') < paths.indexOf('b/c/deep.txt'));
    const deep = scan.entries.find((e) => e.path === 'b/c/deep.txt')!;
    assert.is(deep.kind, 'file');
    assert.is(deep.size, 5);
    assert.equal(scan.unreadable, []);
  });

  test('write lands only when complete, through a temporary name the scan skips, with the given mtime', async ({ fx }) => {
    const mtime = Date.UTC(2025, 5, 1, 8, 0, 0);
    let seenDuring: string[] = [];
    const landed = await fx.folder.write('docs/new.txt', writer(['hel', 'lo'], async () => {
      seenDuring = (await fx.folder.scan()).entries.map((e) => e.path);
      assert.is(await fx.get('docs/new.txt'), null, 'the target appears only at the end');
      assert.ok((await fx.allFiles()).some((p) => p.startsWith(`docs/${TEMP_PREFIX}`)), 'the bytes go to a temporary file first');
    }), { expect: { absent: true }, mtime });
    assert.ok(!seenDuring.some((p) => p.includes(TEMP_PREFIX)));
    assert.is(await fx.get('docs/new.txt'), 'hello');
    const expected = fx.setsMtime === false ? (await fx.folder.stat('docs/new.txt'))!.mtime : mtime;
    assert.equal({ size: landed.size, mtime: landed.mtime, kind: landed.kind }, { size: 5, mtime: expected, kind: 'file' });
    assert.ok(!(await fx.allFiles()).some((p) => p.includes(TEMP_PREFIX)), 'no temporary file left');
  });

  test('write replaces a file only while it is as expected; otherwise nothing changes', async ({ fx }) => {
    await fx.put('a.txt', 'old');
    const before = (await fx.folder.stat('a.txt'))!;
    await rejectsKind('changed', () => fx.folder.write('a.txt', writer(['new']), { expect: { absent: true } }));
    await rejectsKind('changed', () => fx.folder.write('a.txt', writer(['new']), { expect: { size: before.size + 1, mtime: before.mtime } }));
    assert.is(await fx.get('a.txt'), 'old');
    await fx.folder.write('a.txt', writer(['newer']), { expect: { size: before.size, mtime: before.mtime } });
    assert.is(await fx.get('a.txt'), 'newer');
    assert.ok(!(await fx.allFiles()).some((p) => p.includes(TEMP_PREFIX)));
  });

  test('a write whose source fails leaves neither the target nor a temporary file', async ({ fx }) => {
    let failed = false;
    try {
      await fx.folder.write('x.txt', async (sink) => {
        const w = sink.getWriter();
        await w.write(new TextEncoder().encode('part'));
        await w.abort(new Error('network gone'));
        throw new Error('network gone');
      }, { expect: { absent: true } });
    } catch (error) {
      failed = error instanceof Error && error.message === 'network gone';
    }
    assert.ok(failed, 'the source\'s failure comes back');
    assert.is(await fx.get('x.txt'), null);
    assert.equal(await fx.allFiles(), []);
  });

  test('rename moves files and folders, making parents, and refuses a taken target', async ({ fx }) => {
    await fx.put('a.txt', 'a');
    await fx.put('b.txt', 'b');
    await fx.put('dir/in.txt', 'in');
    await rejectsKind('exists', () => fx.folder.rename('a.txt', 'b.txt'));
    await fx.folder.rename('a.txt', 'new/deeper/a2.txt');
    await fx.folder.rename('dir', 'moved');
    assert.is(await fx.get('new/deeper/a2.txt'), 'a');
    assert.is(await fx.get('moved/in.txt'), 'in');
    assert.is(await fx.get('a.txt'), null);
    await rejectsKind('not-found', () => fx.folder.read('a.txt'));
  });

  test('trash keeps the file below .veilbox-trash, out of the scan', async ({ fx }) => {
    await fx.put('docs/a.txt', 'keep me');
    await fx.folder.trash('docs/a.txt');
    await fx.folder.trash('docs/a.txt'); // already gone: fine
    assert.equal((await fx.folder.scan()).entries.map((e) => e.path), ['docs']);
    const kept = (await fx.allFiles()).filter((p) => p.startsWith(`${LOCAL_TRASH}/`));
    assert.is(kept.length, 1);
    assert.ok(kept[0].endsWith('/docs/a.txt'));
    assert.is(await fx.get(kept[0]), 'keep me');
  });

  test('makeFolder makes parents and accepts an existing folder, refuses a file', async ({ fx }) => {
    await fx.folder.makeFolder('x/y/z');
    await fx.folder.makeFolder('x/y');
    assert.is((await fx.folder.stat('x/y/z'))?.kind, 'folder');
    await fx.put('f', 'file');
    await rejectsKind('exists', () => fx.folder.makeFolder('f'));
    assert.is(await text(fx.folder, 'f'), 'file');
  });
}
