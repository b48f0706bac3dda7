// Unit tests for search.ts: words, type, size and date filters, order-keeping filtering, 10,000 nodes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { emptyFilter, isFilterActive, makePredicate, searchIndex, searchTerms, locationOf, locationLookup, filterNodes } from './search.js';
import { VaultIndex } from './vault-index.js';
import { fileNode, folderNode, rootNode } from './testing/nodes.js';

const now = 1_000 * 86_400_000;
const day = 86_400_000;
const ix = new VaultIndex({ rootId: 'root', revision: 1, nodes: [
  rootNode,
  folderNode('f', 'Holiday Photos', { mtime: now - 20 * day }),
  fileNode('p1', 'beach.JPG', { parentId: 'f', size: 3 * 1024 * 1024, mtime: now - 2 * day, mediaType: 'image/jpeg' }),
  fileNode('p2', 'notes.txt', { size: 100, mtime: now - 400 * day }),
  fileNode('p3', 'holiday budget.xlsx', { size: 2000, mtime: now - 10 * day }),
  folderNode('t', 'Old', { trashed: true, trashedAt: 1 }),
  fileNode('p4', 'holiday.mov', { parentId: 't', size: 5 }),
]});
const ids = (f: Partial<typeof emptyFilter>) => searchIndex(ix, { ...emptyFilter, ...f }, now).map((n) => n.id).sort();

test('text matches every word, case-insensitively, skipping the trash', () => {
  assert.equal(ids({ text: 'holiday' }), ['f', 'p3']);
  assert.equal(ids({ text: 'BUDGET holi' }), ['p3']);
  assert.equal(ids({ text: '   ' }).length, 4);
});

test('kind, size and date filters', () => {
  assert.equal(ids({ kind: 'image' }), ['p1']);
  assert.equal(ids({ kind: 'folder' }), ['f']);
  assert.equal(ids({ size: 'small' }), ['p2', 'p3']);
  assert.equal(ids({ size: 'medium' }), ['p1']);
  assert.equal(ids({ modified: 'week' }), ['p1']);
  assert.equal(ids({ modified: 'older' }), ['p2']);
});

test('isFilterActive and searchTerms', () => {
  assert.not.ok(isFilterActive(emptyFilter));
  assert.ok(isFilterActive({ ...emptyFilter, size: 'huge' }));
  assert.equal(searchTerms('  A  b '), ['a', 'b']);
});

test('locationOf names the folder path', () => {
  assert.is(locationOf(ix, ix.get('p1')!), 'Holiday Photos');
  assert.is(locationOf(ix, ix.get('p2')!), 'Home');
});

test('filterNodes keeps the given order', () => {
  const ordered = [ix.get('p3')!, ix.get('f')!, ix.get('p1')!];
  assert.equal(filterNodes(ix, ordered, { ...emptyFilter, text: 'holiday' }, now).map((n) => n.id), ['p3', 'f']);
});

test('locationLookup matches locationOf', () => {
  const look = locationLookup(ix);
  assert.is(look(ix.get('p1')!), 'Holiday Photos');
  assert.is(look(ix.get('p2')!), 'Home');
  assert.is(look(ix.get('p1')!), 'Holiday Photos');
});

test('10,000 nodes filter in a few milliseconds', () => {
  const nodes = [rootNode, ...Array.from({ length: 10_000 }, (_, i) => fileNode(`n${i}`, `file ${i} report.pdf`, { size: i, mtime: now - i * 1000 }))];
  const big = new VaultIndex({ rootId: 'root', revision: 1, nodes });
  searchIndex(big, { ...emptyFilter, text: 'report 99' }, now);
  const t0 = performance.now();
  const hits = searchIndex(big, { ...emptyFilter, text: 'report 99', kind: 'pdf' }, now);
  const ms = performance.now() - t0;
  assert.is(hits.length, Array.from({ length: 10_000 }, (_, i) => String(i)).filter((s) => s.includes('99')).length);
  // Typically 1–3 ms; the bound is loose so a busy machine can't fail it, yet catches any per-node blow-up.
  assert.ok(ms < 250, `took ${ms} ms`);
  assert.type(makePredicate(emptyFilter, now), 'function');
});

test.run();
