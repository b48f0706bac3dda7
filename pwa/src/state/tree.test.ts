// Unit tests for tree.ts: flattened folder rows with ARIA positions and the tree keyboard pattern.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { flattenTree, expandTo, treeKey } from './tree.js';
import { VaultIndex } from './vault-index.js';
import { fileNode, folderNode, rootNode } from './testing/nodes.js';

const ix = new VaultIndex({ rootId: 'root', revision: 1, nodes: [
  rootNode, folderNode('b', 'beta'), folderNode('a', 'Alpha'), folderNode('a1', 'inner', { parentId: 'a' }),
  fileNode('x', 'file.txt', { parentId: 'a' }), folderNode('gone', 'gone', { trashed: true, trashedAt: 1 }),
]});

test('flattenTree lists only expanded folders, in name order, with ARIA positions', () => {
  assert.equal(flattenTree(ix, 'root', 'Home', new Set()).map((r) => r.id), ['root']);
  const rows = flattenTree(ix, 'root', 'Home', new Set(['root', 'a']));
  assert.equal(rows.map((r) => [r.id, r.level, r.posInSet, r.setSize]), [['root', 1, 1, 1], ['a', 2, 1, 2], ['a1', 3, 1, 1], ['b', 2, 2, 2]]);
  assert.ok(rows[1].hasChildren && rows[1].expanded);
  assert.not.ok(rows[3].hasChildren);
});

test('expandTo opens every ancestor', () => {
  assert.equal([...expandTo(ix, 'a1', new Set())].sort(), ['a', 'root']);
});

test('treeKey follows the ARIA tree pattern', () => {
  const rows = flattenTree(ix, 'root', 'Home', new Set(['root']));
  assert.equal(treeKey(rows, 0, 'ArrowDown'), { type: 'focus', index: 1 });
  assert.equal(treeKey(rows, 0, 'ArrowUp'), { type: 'none' });
  assert.equal(treeKey(rows, 1, 'ArrowRight'), { type: 'expand', id: 'a' });
  assert.equal(treeKey(rows, 0, 'ArrowRight'), { type: 'focus', index: 1 });
  assert.equal(treeKey(rows, 0, 'ArrowLeft'), { type: 'collapse', id: 'root' });
  assert.equal(treeKey(rows, 2, 'ArrowLeft'), { type: 'focus', index: 0 });
  assert.equal(treeKey(rows, 1, 'End'), { type: 'focus', index: 2 });
  assert.equal(treeKey(rows, 2, 'Home'), { type: 'focus', index: 0 });
});

test.run();
