// Unit tests for sort.ts: folders first, natural name order, stable ties, header toggling.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { sortNodes, toggleSort, compareNames } from './sort.js';
import { fileNode, folderNode } from './testing/nodes.js';

const nodes = [
  fileNode('1', 'file 10.txt', { size: 5, mtime: 3 }),
  fileNode('2', 'file 2.txt', { size: 50, mtime: 1 }),
  folderNode('3', 'Zeta'),
  fileNode('4', 'a.png', { size: 5, mtime: 2 }),
  folderNode('5', 'alpha'),
];
const names = (o: Parameters<typeof sortNodes>[1]) => sortNodes(nodes, o).map((n) => n.name);

test('name: folders first, numeric-aware, case-insensitive', () => {
  assert.equal(names({ key: 'name', direction: 'asc' }), ['alpha', 'Zeta', 'a.png', 'file 2.txt', 'file 10.txt']);
  assert.equal(names({ key: 'name', direction: 'desc' }), ['Zeta', 'alpha', 'file 10.txt', 'file 2.txt', 'a.png']);
});

test('size: ties broken by name ascending', () => {
  assert.equal(names({ key: 'size', direction: 'desc' }), ['alpha', 'Zeta', 'file 2.txt', 'a.png', 'file 10.txt']);
});

test('mtime and type', () => {
  assert.equal(names({ key: 'mtime', direction: 'asc' }), ['alpha', 'Zeta', 'file 2.txt', 'a.png', 'file 10.txt']);
  assert.equal(names({ key: 'type', direction: 'asc' }), ['alpha', 'Zeta', 'a.png', 'file 2.txt', 'file 10.txt']);
});

test('sortNodes does not mutate its input', () => {
  const copy = [...nodes];
  sortNodes(nodes, { key: 'size', direction: 'asc' });
  assert.equal(nodes, copy);
});

test('toggleSort', () => {
  assert.equal(toggleSort({ key: 'name', direction: 'asc' }, 'name'), { key: 'name', direction: 'desc' });
  assert.equal(toggleSort({ key: 'name', direction: 'asc' }, 'mtime'), { key: 'mtime', direction: 'desc' });
  assert.equal(toggleSort({ key: 'size', direction: 'desc' }, 'type'), { key: 'type', direction: 'asc' });
});

test('compareNames is a total order', () => {
  assert.ok(compareNames('a', 'A') !== 0);
  assert.is(compareNames('x', 'x'), 0);
});

test.run();
