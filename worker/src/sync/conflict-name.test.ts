// Unit tests of conflict-name.ts: the name's shape, the extension kept last, free names only.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { conflictName } from './conflict-name.js';

const AT = Date.UTC(2026, 10, 28, 23, 59);

test('name (conflict from DEVICE DATE).ext, the extension last', () => {
  assert.is(conflictName('report.pdf', 'Laptop', AT), 'report (conflict from Laptop 2026-11-28).pdf');
  assert.is(conflictName('Makefile', 'Laptop', AT), 'Makefile (conflict from Laptop 2026-11-28)');
  assert.is(conflictName('.env', 'Laptop', AT), '.env (conflict from Laptop 2026-11-28)');
  assert.is(conflictName('a.tar.gz', 'Laptop', AT), 'a.tar (conflict from Laptop 2026-11-28).gz');
});

test('a device label unsafe in names is cleaned, an empty one replaced', () => {
  assert.is(conflictName('a.txt', 'Bob\'s PC: "work"/home', AT), 'a (conflict from Bob\'s PC work home 2026-11-28).txt');
  assert.is(conflictName('a.txt', '  ', AT), 'a (conflict from another device 2026-11-28).txt');
});

test('a taken name gets a number inside the brackets', () => {
  const taken = new Set(['a (conflict from L 2026-11-28).txt', 'a (conflict from L 2026-11-28 2).txt']);
  assert.is(conflictName('a.txt', 'L', AT, (n) => taken.has(n)), 'a (conflict from L 2026-11-28 3).txt');
});

test.run();
