// Unit tests of node-map.ts through VaultTree: the children and name index follow every set, delete and
// clear (moves, renames, trash, replacement in place), and agree with a plain scan of all nodes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { NodeBody } from './node-record.js';
import { nameKey } from './names.js';
import { VaultTree, type StoredNode } from './vault-tree.js';

function node(id: string, parentId: string | null, name: string, extra: Partial<NodeBody> = {}): StoredNode {
  return { id, version: 1, body: { v: 1, type: 'folder', name, parentId, mtime: 0, trashed: false, trashedAt: null, content: null, versions: [], ...extra } };
}

/** What the index must answer, computed the slow way. */
function scan(tree: VaultTree, parentId: string): string[] {
  return [...tree.nodes.values()].filter((n) => n.body.parentId === parentId).map((n) => n.id).sort();
}

test('children and childNamed follow moves, renames, trash and deletes', () => {
  const tree = new VaultTree('root');
  tree.upsert(node('root', null, ''));
  tree.upsert(node('a', 'root', 'A'));
  tree.upsert(node('b', 'root', 'b'));
  tree.upsert(node('f', 'a', 'Report.txt', { type: 'file' }));
  assert.equal(tree.children('root').map((n) => n.id).sort(), ['a', 'b']);
  assert.is(tree.childNamed('a', 'report.TXT')?.id, 'f');
  tree.upsert({ ...node('f', 'b', 'Report.txt', { type: 'file' }), version: 2 }); // moved
  assert.equal(tree.children('a'), []);
  assert.is(tree.childNamed('a', 'Report.txt'), undefined);
  assert.is(tree.childNamed('b', 'Report.txt')?.id, 'f');
  tree.upsert({ ...node('f', 'b', 'Other.txt', { type: 'file' }), version: 3 }); // renamed
  assert.is(tree.childNamed('b', 'Report.txt'), undefined);
  assert.is(tree.childNamed('b', 'other.txt')?.id, 'f');
  tree.upsert({ ...node('f', 'b', 'Other.txt', { type: 'file', trashed: true, trashedAt: 1 }), version: 4 });
  assert.is(tree.childNamed('b', 'Other.txt'), undefined, 'a trashed child holds no name');
  assert.equal(tree.children('b').map((n) => n.id), ['f'], 'but is still a child');
  tree.nodes.set('g', node('g', 'b', 'Other.txt')); // a writer using the Map directly
  assert.is(tree.childNamed('b', 'Other.txt')?.id, 'g');
  assert.is(tree.childNamed('b', 'Other.txt', 'g'), undefined, 'except');
  tree.remove('g');
  assert.is(tree.childNamed('b', 'Other.txt'), undefined);
  tree.nodes.clear();
  assert.equal(tree.children('root'), []);
});

test('a replacement in place keeps the children in order', () => {
  const tree = new VaultTree('root');
  tree.upsert(node('root', null, ''));
  for (const id of ['x', 'y', 'z']) tree.upsert(node(id, 'root', id));
  tree.upsert({ ...node('x', 'root', 'x', { mtime: 5 }), version: 2 });
  assert.equal(tree.children('root').map((n) => n.id), ['x', 'y', 'z']);
  assert.is(tree.children('root')[0].version, 2);
});

test('random changes: the index always agrees with a scan', () => {
  const tree = new VaultTree('root');
  tree.upsert(node('root', null, ''));
  const folders = ['root', 'p', 'q'];
  tree.upsert(node('p', 'root', 'p'));
  tree.upsert(node('q', 'root', 'q'));
  let seed = 7;
  const rand = (n: number) => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % n; };
  for (let i = 0; i < 2000; i++) {
    const id = `n${rand(40)}`;
    if (rand(5) === 0) tree.nodes.delete(id);
    else tree.nodes.set(id, node(id, folders[rand(3)], `Name${rand(6)}`, { trashed: rand(4) === 0 }));
  }
  for (const parent of folders) {
    assert.equal(tree.children(parent).map((n) => n.id).sort(), scan(tree, parent));
    for (let k = 0; k < 6; k++) {
      // Names clash only after concurrent writes elsewhere; then any of the clashing children will do.
      const live = [...tree.nodes.values()].filter((n) => n.body.parentId === parent && !n.body.trashed && nameKey(n.body.name) === nameKey(`name${k}`)).map((n) => n.id);
      const found = tree.childNamed(parent, `NAME${k}`)?.id;
      assert.ok(found === undefined ? live.length === 0 : live.includes(found));
    }
  }
});

test.run();
