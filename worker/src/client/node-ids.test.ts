// Unit test of node-ids.ts: canonical 128-bit ids, consecutive ones sharing a prefix that changes
// every 256 ids, the rest of each id its own.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeBase64url } from './base64url.js';
import { newNodeId } from './node-ids.js';

const CANONICAL_ID = /^[A-Za-z0-9_-]{21}[AQgw]$/;

test('node ids are canonical and distinct; runs of 256 share their first 4 bytes, and the prefix moves on', () => {
  const ids = Array.from({ length: 1024 }, newNodeId);
  for (const id of ids) assert.match(id, CANONICAL_ID);
  assert.is(new Set(ids).size, ids.length);
  const heads = ids.map((id) => Buffer.from(decodeBase64url(id).subarray(0, 4)).toString('hex'));
  const prefixes = new Set(heads);
  // 1,024 ids from wherever the module's current run stood: 4 or 5 prefixes, each used at most 256 times.
  assert.ok(prefixes.size >= 4 && prefixes.size <= 5, `${prefixes.size} prefixes`);
  for (const p of prefixes) assert.ok(heads.filter((h) => h === p).length <= 256);
  const tails = new Set(ids.map((id) => Buffer.from(decodeBase64url(id).subarray(4, 8)).toString('hex')));
  assert.is(tails.size, ids.length, 'the bytes after the prefix are each id\'s own');
});

test.run();
