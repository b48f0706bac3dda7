// Unit tests for conflict-names.ts: "name (2).ext", upload clashes, name checks.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { findConflicts, nameProblem, nextFreeName, splitName, topLevelName } from './conflict-names.js';

test('splitName', () => {
  assert.equal(splitName('report.pdf'), { base: 'report', ext: '.pdf' });
  assert.equal(splitName('backup.tar.gz'), { base: 'backup', ext: '.tar.gz' });
  assert.equal(splitName('.bashrc'), { base: '.bashrc', ext: '' });
  assert.equal(splitName('README'), { base: 'README', ext: '' });
  assert.equal(splitName('my file. with dots.txt'), { base: 'my file. with dots', ext: '.txt' });
});

test('nextFreeName adds and continues the counter, case-insensitively', () => {
  const taken = new Set(['report.pdf', 'report (2).pdf', 'photos']);
  assert.is(nextFreeName('free.txt', taken), 'free.txt');
  assert.is(nextFreeName('Report.pdf', taken), 'Report (3).pdf');
  assert.is(nextFreeName('report (2).pdf', taken), 'report (3).pdf');
  assert.is(nextFreeName('photos', taken), 'photos (2)');
  assert.is(nextFreeName('a.tar.gz', new Set(['a.tar.gz'])), 'a (2).tar.gz');
});

test('topLevelName', () => {
  assert.is(topLevelName('photos/2024/a.jpg'), 'photos');
  assert.is(topLevelName('a.jpg'), 'a.jpg');
});

test('findConflicts reports clashing top-level names; folders merge', () => {
  const existing = new Map([['a.txt', { type: 'file' as const }], ['photos', { type: 'folder' as const }], ['b', { type: 'file' as const }]]);
  const items = [{ relativePath: 'A.txt' }, { relativePath: 'photos/x.jpg' }, { relativePath: 'photos/y.jpg' }, { relativePath: 'b/c.txt' }, { relativePath: 'new.txt' }];
  assert.equal(findConflicts(items, existing), [
    { name: 'A.txt', existingIsFolder: false, itemIndexes: [0] },
    { name: 'b', existingIsFolder: false, itemIndexes: [3] },
  ]);
});

test('nameProblem', () => {
  const taken = new Set(['docs']);
  assert.is(nameProblem('  ', taken), 'Enter a name.');
  assert.is(nameProblem('a/b', taken), 'A name can\'t contain "/".');
  assert.is(nameProblem('..', taken), 'A name can\'t be "." or "..".');
  assert.is(nameProblem('Docs', taken), 'Something in this folder already has that name.');
  assert.is(nameProblem('Docs', taken, 'docs'), null);
  assert.is(nameProblem('new', taken), null);
});

test.run();
