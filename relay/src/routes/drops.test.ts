// Route tests for drops: owner create/list/items/close/delete; anonymous uploads with the drop token
// (owner's quota and the drop's cap), item posting, expiry with a grace period for started uploads.
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { TEST_PART, b64, errorCode, makeFixture, sha256, signUp, type Fixture, type User } from '../test-support/fixture.js';

async function makeDrop(f: Fixture, owner: User, extra: Record<string, unknown> = {}) {
  const token = randomBytes(32);
  const res = await f.call('POST', '/api/v1/drops', { as: owner, json: { tokenHash: b64(sha256(token)), sizeCap: 1_000_000, info: b64(randomBytes(40)), ...extra } });
  if (res.status !== 201) throw new Error(`drop create: ${res.status} ${await res.text()}`);
  const view = (await res.json()) as { dropId: string; expiresAt: string };
  return { ...view, token: b64(token) };
}

async function dropUpload(f: Fixture, drop: { dropId: string; token: string }, data: Uint8Array): Promise<Response | string> {
  const headers = { 'x-drop-token': drop.token };
  const base = `/api/v1/public/drops/${drop.dropId}/uploads`;
  const created = await f.call('POST', base, { json: { size: data.length }, headers });
  if (created.status !== 201) return created;
  const { blobId, partCount } = (await created.json()) as { blobId: string; partCount: number };
  for (let i = 0; i < partCount; i++) {
    const part = data.subarray(i * TEST_PART, Math.min(data.length, (i + 1) * TEST_PART));
    const res = await f.call('PUT', `${base}/${blobId}/parts/${i}`, { body: part, headers: { ...headers, 'content-length': String(part.length) } });
    if (res.status !== 200) return res;
  }
  const commit = await f.call('POST', `${base}/${blobId}/commit`, { headers });
  return commit.status === 201 ? blobId : commit;
}

test('anonymous upload + item with the drop token; owner sees the arrival and closes the drop', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const drop = await makeDrop(f, alice, { publicInfo: b64(Buffer.from('opaque label')) });
  assert.is(new Date(drop.expiresAt).getTime() - f.clock.now, 15 * 60_000, 'default expiry: 15 minutes');
  const pub = await (await f.call('GET', `/api/v1/public/drops/${drop.dropId}`, { headers: { 'x-drop-token': drop.token } })).json() as { partSize: number; sizeCap: number };
  assert.is(pub.partSize, TEST_PART);
  assert.is(pub.sizeCap, 1_000_000);
  const data = randomBytes(TEST_PART + 5);
  const blobId = await dropUpload(f, drop, data);
  assert.type(blobId, 'string');
  const record = b64(randomBytes(200));
  const item = await f.call('POST', `/api/v1/public/drops/${drop.dropId}/items`, { json: { record, blobIds: [blobId] }, headers: { 'x-drop-token': drop.token } });
  assert.is(item.status, 201);
  const items = await (await f.call('GET', `/api/v1/drops/${drop.dropId}/items`, { as: alice })).json() as { items: { record: string; blobIds: string[] }[] };
  assert.equal(items.items.map((i) => [i.record, i.blobIds]), [[record, [blobId]]]);
  const blob = await f.call('GET', `/api/v1/blobs/${blobId}`, { as: alice });
  assert.ok(Buffer.from(await blob.arrayBuffer()).equals(data), 'the owner reads the arrived blob');
  const account = await (await f.call('GET', '/api/v1/account', { as: alice })).json() as { usage: number };
  assert.is(account.usage, data.length, 'counted against the owner\'s quota');

  const closed = await f.call('POST', `/api/v1/drops/${drop.dropId}/close`, { as: alice });
  assert.is(((await closed.json()) as { status: string }).status, 'closed');
  const after = await f.call('POST', `/api/v1/public/drops/${drop.dropId}/uploads`, { json: { size: 10 }, headers: { 'x-drop-token': drop.token } });
  assert.is(after.status, 410);
  assert.is(await errorCode(after), 'drop_closed');
  // Deleting a closed drop keeps the accepted blobs.
  assert.is((await f.call('DELETE', `/api/v1/drops/${drop.dropId}`, { as: alice })).status, 200);
  assert.is((await f.call('GET', `/api/v1/blobs/${blobId}`, { as: alice })).status, 200);
  await f.close();
});

test('deleting an open drop discards its arrivals', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const drop = await makeDrop(f, alice);
  const blobId = (await dropUpload(f, drop, randomBytes(100))) as string;
  const res = await f.call('DELETE', `/api/v1/drops/${drop.dropId}`, { as: alice });
  assert.equal(await res.json(), { deleted: true, discardedBlobs: 1 });
  assert.is((await f.call('GET', `/api/v1/blobs/${blobId}`, { as: alice })).status, 404);
  await f.close();
});

test('wrong token, cap, owner quota, foreign blobs in an item', async () => {
  const f = await makeFixture({ defaultQuotaBytes: 50_000 });
  const alice = await signUp(f, 'alice');
  const drop = await makeDrop(f, alice, { sizeCap: 20_000 });
  const wrong = await f.call('GET', `/api/v1/public/drops/${drop.dropId}`, { headers: { 'x-drop-token': b64(randomBytes(32)) } });
  assert.is(wrong.status, 404);
  assert.is(await errorCode(wrong), 'drop_not_found');
  const capped = await dropUpload(f, drop, randomBytes(20_001)) as Response;
  assert.is(capped.status, 507);
  assert.is(await errorCode(capped), 'drop_full');
  const big = await makeDrop(f, alice, { sizeCap: 1_000_000 });
  const quota = await dropUpload(f, big, randomBytes(60_000)) as Response;
  assert.is(await errorCode(quota), 'quota_exceeded');
  const otherDrop = await makeDrop(f, alice);
  const elsewhere = await dropUpload(f, otherDrop, randomBytes(10)) as string;
  const item = await f.call('POST', `/api/v1/public/drops/${drop.dropId}/items`, { json: { record: b64(randomBytes(10)), blobIds: [elsewhere] }, headers: { 'x-drop-token': drop.token } });
  assert.is(item.status, 404);
  assert.is(await errorCode(item), 'blob_not_found');
  await f.close();
});

test('expired drop refuses new uploads; a started upload may finish within the grace period', async () => {
  const f = await makeFixture({ drop: { graceMs: 60_000 } as never });
  const alice = await signUp(f, 'alice');
  const drop = await makeDrop(f, alice, { expiresInSeconds: 60 });
  const headers = { 'x-drop-token': drop.token };
  const base = `/api/v1/public/drops/${drop.dropId}/uploads`;
  const { blobId } = (await (await f.call('POST', base, { json: { size: 10 }, headers })).json()) as { blobId: string };
  f.clock.advance(61_000);
  const late = await f.call('POST', base, { json: { size: 10 }, headers });
  assert.is(late.status, 410);
  assert.is(await errorCode(late), 'drop_expired');
  assert.is((await f.call('PUT', `${base}/${blobId}/parts/0`, { body: Buffer.alloc(10), headers: { ...headers, 'content-length': '10' } })).status, 200);
  assert.is((await f.call('POST', `${base}/${blobId}/commit`, { headers })).status, 201);
  f.clock.advance(60_000);
  const tooLate = await f.call('POST', `/api/v1/public/drops/${drop.dropId}/items`, { json: { record: b64(randomBytes(10)), blobIds: [blobId] }, headers });
  assert.is(await errorCode(tooLate), 'drop_expired');
  const tooLong = await f.call('POST', '/api/v1/drops', { as: alice, json: { tokenHash: b64(randomBytes(32)), sizeCap: 10, expiresInSeconds: 3600 } });
  assert.is(tooLong.status, 400, 'expiry is capped at 15 minutes');
  await f.close();
});

test.run();
