// Unit tests of base-store.ts's MemorySyncBase: keys ignore case ([Note: Sync path keys]), a change
// removes before it puts, and removeTrees takes a folder with everything below it only.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { MemorySyncBase, type BaseEntry } from './base-store.js';

const entry = (path: string, kind: 'file' | 'folder' = 'file'): BaseEntry => ({ path, kind, nodeId: `id-${path}`, version: 1, size: 1, mtime: 1, contentHash: kind === 'file' ? 'h' : null });

test('one entry per path whatever its case; the last put wins', async () => {
  const base = new MemorySyncBase();
  await base.apply({ put: [entry('Docs/a.txt')] });
  await base.apply({ put: [entry('docs/A.TXT')] });
  assert.equal((await base.entries()).map((e) => e.path), ['docs/A.TXT']);
});

test('removeTrees takes the folder and what is below it, not a sibling sharing its prefix', async () => {
  const base = new MemorySyncBase();
  await base.apply({ put: [entry('docs', 'folder'), entry('docs/a.txt'), entry('docs/sub/b.txt'), entry('docs2/c.txt'), entry('docs.txt')] });
  await base.apply({ removeTrees: ['DOCS'] });
  assert.equal((await base.entries()).map((e) => e.path).sort(), ['docs.txt', 'docs2/c.txt']);
});

test('a move is remove then put in one change; entries handed out are copies', async () => {
  const base = new MemorySyncBase();
  await base.apply({ put: [entry('a.txt')] });
  await base.apply({ remove: ['a.txt'], put: [{ ...entry('a.txt'), path: 'b.txt' }] });
  const [only] = await base.entries();
  assert.is(only.path, 'b.txt');
  only.path = 'changed outside';
  assert.is((await base.entries())[0].path, 'b.txt');
});

test.run();
