// Unit tests for resume-match.ts: re-picked files matched to interrupted uploads by name and size.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { baseName, matchPending } from './resume-match.js';

const pending = (id: string, relativePath: string, size: number) => ({ id, parentId: 'root', relativePath, size, bytesDone: 10, startedAt: 0 });

test('baseName', () => {
  assert.is(baseName('a/b/c.txt'), 'c.txt');
  assert.is(baseName('c.txt'), 'c.txt');
});

test('matches on name and size, each pending upload once', () => {
  const p = [pending('p1', 'photos/a.jpg', 100), pending('p2', 'b.mov', 5000), pending('p3', 'x/a.jpg', 100)];
  const files = [{ name: 'A.jpg', size: 100 }, { name: 'a.jpg', size: 100 }, { name: 'a.jpg', size: 100 }, { name: 'b.mov', size: 4999 }];
  const { matches, unmatched } = matchPending(p, files);
  assert.equal(matches.map((m) => m.pendingId), ['p1', 'p3']);
  assert.equal(unmatched, [{ name: 'a.jpg', size: 100 }, { name: 'b.mov', size: 4999 }]);
});

test.run();
