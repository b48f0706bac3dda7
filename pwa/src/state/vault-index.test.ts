// Unit tests for vault-index.ts: children, paths, applying change batches, trash visibility.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { VaultIndex } from './vault-index.js';
import { fileNode, folderNode, rootNode } from './testing/nodes.js';

const make = () => new VaultIndex({
  rootId: 'root',
  revision: 5,
  nodes: [rootNode, folderNode('docs', 'Docs'), folderNode('sub', 'Sub', { parentId: 'docs' }), fileNode('a', 'A.txt', { parentId: 'sub' }), fileNode('b', 'b.png')],
});

test('childrenOf and childFolders', () => {
  const ix = make();
  assert.equal(ix.childrenOf('root').map((n) => n.id).sort(), ['b', 'docs']);
  assert.equal(ix.childFolders('root').map((n) => n.id), ['docs']);
  assert.ok(ix.hasChildFolders('docs'));
  assert.not.ok(ix.hasChildFolders('sub'));
});

test('pathTo and isWithin', () => {
  const ix = make();
  assert.equal(ix.pathTo('a').map((n) => n.id), ['root', 'docs', 'sub', 'a']);
  assert.ok(ix.isWithin('sub', 'docs'));
  assert.ok(ix.isWithin('docs', 'docs'));
  assert.not.ok(ix.isWithin('docs', 'sub'));
  assert.equal(ix.pathTo('missing'), []);
});

test('apply moves, renames, removes; ignores stale revisions', () => {
  const ix = make();
  assert.ok(ix.apply(6, [fileNode('a', 'renamed.txt', { parentId: 'root', version: 2 })], ['b']));
  assert.equal(ix.childrenOf('sub'), []);
  assert.equal(ix.childrenOf('root').map((n) => n.name).sort(), ['Docs', 'renamed.txt']);
  assert.is(ix.foldedName('a'), 'renamed.txt');
  assert.is(ix.get('b'), undefined);
  assert.not.ok(ix.apply(6, [fileNode('x', 'late')], []));
  assert.is(ix.get('x'), undefined);
});

test('trash hides a subtree from liveNodes and childrenOf', () => {
  const ix = make();
  ix.apply(7, [folderNode('docs', 'Docs', { trashed: true, trashedAt: 10 })], []);
  assert.equal(ix.childrenOf('root').map((n) => n.id), ['b']);
  assert.equal(ix.liveNodes().map((n) => n.id), ['b']);
  assert.ok(ix.isInTrash('a'));
  assert.equal(ix.trashedNodes().map((n) => n.id), ['docs']);
});

test('namesIn is case-insensitive', () => {
  assert.ok(make().namesIn('root').has('docs'));
});

test.run();
