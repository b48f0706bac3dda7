// Route tests for nodes: compare-and-swap on version, 409 with the current version, change feed with
// tombstones and paging, all-or-nothing batches, body limits and quota.
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { b64, errorCode, makeFixture, newNodeId, signUp } from '../test-support/fixture.js';

const body = (n = 100) => ({ body: b64(randomBytes(n)) });

test('create with If-None-Match, update with If-Match, stale version → 409 with current version', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const id = newNodeId();
  const first = body();
  const created = await f.call('PUT', `/api/v1/nodes/${id}`, { as: alice, json: first, headers: { 'if-none-match': '*' } });
  assert.is(created.status, 201);
  assert.equal(await created.json(), { id, version: 1, revision: 1 });
  assert.is(created.headers.get('etag'), '"1"');
  const again = await f.call('PUT', `/api/v1/nodes/${id}`, { as: alice, json: body(), headers: { 'if-none-match': '*' } });
  assert.is(again.status, 409);
  const second = body();
  const updated = await f.call('PUT', `/api/v1/nodes/${id}`, { as: alice, json: second, headers: { 'if-match': '"1"' } });
  assert.is(updated.status, 200);
  const stale = await f.call('PUT', `/api/v1/nodes/${id}`, { as: alice, json: body(), headers: { 'if-match': '"1"' } });
  assert.is(stale.status, 409);
  const err = (await stale.json()) as { error: { code: string; currentVersion: number } };
  assert.is(err.error.code, 'version_conflict');
  assert.is(err.error.currentVersion, 2);
  const got = await f.call('GET', `/api/v1/nodes/${id}`, { as: alice });
  assert.equal(await got.json(), { id, version: 2, revision: 2, deleted: false, body: second.body });
  const none = await f.call('PUT', `/api/v1/nodes/${id}`, { as: alice, json: body() });
  assert.is(none.status, 428);
  assert.is(await errorCode(none), 'precondition_required');
  const missing = await f.call('PUT', `/api/v1/nodes/${newNodeId()}`, { as: alice, json: body(), headers: { 'if-match': '1' } });
  assert.is(missing.status, 404);
  await f.close();
});

test('change feed: since N, tombstones, paging, current revision', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const ids = [newNodeId(), newNodeId(), newNodeId()];
  for (const id of ids) await f.call('PUT', `/api/v1/nodes/${id}`, { as: alice, json: body(), headers: { 'if-none-match': '*' } });
  const del = await f.call('DELETE', `/api/v1/nodes/${ids[0]}`, { as: alice, headers: { 'if-match': '1' } });
  assert.is(del.status, 200);
  assert.is(await errorCode(await f.call('GET', `/api/v1/nodes/${ids[0]}`, { as: alice })), 'node_deleted');
  const all = await (await f.call('GET', '/api/v1/nodes/changes?since=0', { as: alice })).json() as { revision: number; changes: { id: string; deleted: boolean; revision: number; body?: string }[]; more: boolean };
  assert.is(all.revision, 4);
  assert.equal(all.changes.map((c) => [c.id, c.revision, c.deleted]), [[ids[1], 2, false], [ids[2], 3, false], [ids[0], 4, true]]);
  assert.is(all.changes[2].body, undefined);
  const since3 = await (await f.call('GET', '/api/v1/nodes/changes?since=3', { as: alice })).json() as { changes: { id: string }[] };
  assert.equal(since3.changes.map((c) => c.id), [ids[0]]);
  const page = await (await f.call('GET', '/api/v1/nodes/changes?since=0&limit=2', { as: alice })).json() as { more: boolean; next: number; changes: unknown[] };
  assert.is(page.more, true);
  assert.is(page.next, 3);
  assert.is(page.changes.length, 2);
  // A deleted node can be created again, with a higher version (an old body can't be replayed as new).
  const revived = await f.call('PUT', `/api/v1/nodes/${ids[0]}`, { as: alice, json: body(), headers: { 'if-none-match': '*' } });
  assert.equal(await revived.json(), { id: ids[0], version: 3, revision: 5 });
  assert.is(await errorCode(await f.call('GET', '/api/v1/nodes/changes?since=-1', { as: alice })), 'invalid_request');
  await f.close();
});

test('batch: all or nothing', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const a = newNodeId();
  const b = newNodeId();
  const ok = await f.call('POST', '/api/v1/nodes/batch', { as: alice, json: { ops: [{ op: 'put', id: a, ifVersion: 0, ...body() }, { op: 'put', id: b, ifVersion: 0, ...body() }] } });
  assert.is(ok.status, 200);
  assert.equal(((await ok.json()) as { revision: number }).revision, 2);
  const c = newNodeId();
  const bad = await f.call('POST', '/api/v1/nodes/batch', { as: alice, json: { ops: [
    { op: 'put', id: c, ifVersion: 0, ...body() },
    { op: 'delete', id: a, ifVersion: 1 },
    { op: 'put', id: b, ifVersion: 7, ...body() },
  ] } });
  assert.is(bad.status, 409);
  const err = (await bad.json()) as { error: { conflicts: { id: string; currentVersion: number }[] } };
  assert.equal(err.error.conflicts, [{ id: b, currentVersion: 1, deleted: false }]);
  assert.is((await f.call('GET', `/api/v1/nodes/${c}`, { as: alice })).status, 404, 'nothing of the failed batch was written');
  assert.is((await f.call('GET', `/api/v1/nodes/${a}`, { as: alice })).status, 200);
  const feed = await (await f.call('GET', '/api/v1/nodes/changes?since=0', { as: alice })).json() as { revision: number };
  assert.is(feed.revision, 2);
  const dup = await f.call('POST', '/api/v1/nodes/batch', { as: alice, json: { ops: [{ op: 'delete', id: a, ifVersion: 1 }, { op: 'delete', id: a, ifVersion: 1 }] } });
  assert.is(dup.status, 400);
  await f.close();
});

test('body limits, bad bodies and node quota', async () => {
  const f = await makeFixture({ limits: { nodeBodyBytes: 1000 } as never, defaultQuotaBytes: 2500 });
  const alice = await signUp(f, 'alice');
  const id = newNodeId();
  const big = await f.call('PUT', `/api/v1/nodes/${id}`, { as: alice, json: body(1001), headers: { 'if-none-match': '*' } });
  assert.is(big.status, 400);
  const huge = await f.call('PUT', `/api/v1/nodes/${id}`, { as: alice, json: body(5000), headers: { 'if-none-match': '*' } });
  assert.is(huge.status, 413);
  assert.is(await errorCode(huge), 'body_too_large');
  const notB64 = await f.call('PUT', `/api/v1/nodes/${id}`, { as: alice, json: { body: 'not base64url!' }, headers: { 'if-none-match': '*' } });
  assert.is(await errorCode(notB64), 'invalid_request');
  const badJson = await f.call('PUT', `/api/v1/nodes/${id}`, { as: alice, body: '{"body":', headers: { 'if-none-match': '*', 'content-type': 'application/json' } });
  assert.is(await errorCode(badJson), 'invalid_json');
  for (let i = 0; i < 2; i++) {
    assert.is((await f.call('PUT', `/api/v1/nodes/${newNodeId()}`, { as: alice, json: body(1000), headers: { 'if-none-match': '*' } })).status, 201);
  }
  const over = await f.call('PUT', `/api/v1/nodes/${newNodeId()}`, { as: alice, json: body(1000), headers: { 'if-none-match': '*' } });
  assert.is(over.status, 507);
  assert.is(await errorCode(over), 'quota_exceeded');
  await f.close();
});

test.run();
