// Isolation between accounts: user B, signed in, tries to read, list, overwrite, delete or commit
// into everything user A owns (blobs, uploads, nodes, shares, drops, devices, pairings). Every attempt
// is a 404 (or a refusal that names nothing of A's), and A's state is byte-for-byte unchanged.
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { b64, errorCode, makeFixture, newNodeId, sha256, signUp, uploadBlob } from '../../relay/src/test-support/fixture.js';
import { accountSnapshot } from './support/snapshot.js';

test('B can\'t touch anything of A\'s', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const bob = await signUp(f, 'bob');
  const asA = (m: string, p: string) => f.call(m, p, { as: alice });

  // A's world.
  const blobId = await uploadBlob(f, alice, randomBytes(3000));
  const upload = await (await f.call('POST', '/api/v1/uploads', { as: alice, json: { size: 100_000 } })).json() as { blobId: string };
  await f.call('PUT', `/api/v1/uploads/${upload.blobId}/parts/0`, { as: alice, body: randomBytes(65536), headers: { 'content-length': '65536' } });
  const nodeId = newNodeId();
  await f.call('PUT', `/api/v1/nodes/${nodeId}`, { as: alice, json: { body: b64(randomBytes(50)) }, headers: { 'if-none-match': '*' } });
  const shareToken = randomBytes(32);
  const { shareId } = await (await f.call('POST', '/api/v1/shares', { as: alice, json: { tokenHash: b64(sha256(shareToken)), manifest: b64(randomBytes(40)), blobIds: [blobId] } })).json() as { shareId: string };
  const dropToken = randomBytes(32);
  const { dropId } = await (await f.call('POST', '/api/v1/drops', { as: alice, json: { tokenHash: b64(sha256(dropToken)), sizeCap: 100_000 } })).json() as { dropId: string };
  const { deviceId } = await (await f.call('POST', '/api/v1/devices', { as: alice, json: { name: 'A laptop' } })).json() as { deviceId: string };
  const { pairingId } = await (await f.call('POST', '/api/v1/pairings', { as: alice, json: { tokenHash: b64(randomBytes(32)), payload: b64(randomBytes(30)) } })).json() as { pairingId: string };

  const before = await accountSnapshot(asA);
  const attempts: [string, string, Record<string, unknown>?][] = [
    ['GET', `/api/v1/blobs/${blobId}`],
    ['DELETE', `/api/v1/blobs/${blobId}`],
    ['GET', `/api/v1/uploads/${upload.blobId}`],
    ['PUT', `/api/v1/uploads/${upload.blobId}/parts/1`, { body: randomBytes(100_000 - 65536), headers: { 'content-length': String(100_000 - 65536) } }],
    ['POST', `/api/v1/uploads/${upload.blobId}/commit`],
    ['DELETE', `/api/v1/uploads/${upload.blobId}`],
    ['GET', `/api/v1/nodes/${nodeId}`],
    ['PUT', `/api/v1/nodes/${nodeId}`, { json: { body: b64(randomBytes(10)) }, headers: { 'if-match': '"1"' } }],
    ['DELETE', `/api/v1/nodes/${nodeId}`, { headers: { 'if-match': '1' } }],
    ['GET', `/api/v1/shares/${shareId}`],
    ['DELETE', `/api/v1/shares/${shareId}`],
    ['GET', `/api/v1/drops/${dropId}`],
    ['GET', `/api/v1/drops/${dropId}/items`],
    ['POST', `/api/v1/drops/${dropId}/close`],
    ['DELETE', `/api/v1/drops/${dropId}`],
    ['DELETE', `/api/v1/devices/${deviceId}`],
    ['GET', `/api/v1/pairings/${pairingId}`],
    ['DELETE', `/api/v1/pairings/${pairingId}`],
  ];
  for (const [method, path, init] of attempts) {
    const res = await f.call(method, path, { as: bob, ...init });
    assert.is(res.status, 404, `${method} ${path}`);
    assert.match(await errorCode(res), /_not_found$/, `${method} ${path}`);
  }
  // Writes that can't name A's records: B's own namespace, or a refusal.
  const batch = await f.call('POST', '/api/v1/nodes/batch', { as: bob, json: { ops: [{ op: 'delete', id: nodeId, ifVersion: 1 }] } });
  assert.is(batch.status, 409);
  assert.equal(((await batch.json()) as { error: { conflicts: unknown[] } }).error.conflicts, [{ id: nodeId, currentVersion: null, deleted: false }]);
  const steal = await f.call('POST', '/api/v1/shares', { as: bob, json: { tokenHash: b64(randomBytes(32)), manifest: b64(randomBytes(10)), blobIds: [blobId] } });
  assert.is(await errorCode(steal), 'blob_not_found');
  const own = await f.call('PUT', `/api/v1/nodes/${nodeId}`, { as: bob, json: { body: b64(randomBytes(10)) }, headers: { 'if-none-match': '*' } });
  assert.is(own.status, 201, 'the same node id in B\'s account is B\'s own node');

  // B's lists show nothing of A's.
  const lists = ['/api/v1/blobs', '/api/v1/uploads', '/api/v1/shares', '/api/v1/drops', '/api/v1/devices'];
  for (const path of lists) {
    const text = await (await f.call('GET', path, { as: bob })).text();
    for (const id of [blobId, upload.blobId, shareId, dropId, deviceId]) assert.not.ok(text.includes(id), `${path} lists ${id}`);
  }
  const feed = await (await f.call('GET', '/api/v1/nodes/changes?since=0', { as: bob })).json() as { changes: { id: string; version: number }[] };
  assert.equal(feed.changes.map((c) => [c.id, c.version]), [[nodeId, 1]], 'only B\'s own node');
  // A drop token doesn't open A's account routes, and a share token doesn't open the owner's.
  const viaToken = await f.call('GET', `/api/v1/drops/${dropId}`, { headers: { authorization: `Bearer ${b64(dropToken)}` } });
  assert.is(viaToken.status, 401);

  assert.is(await accountSnapshot(asA), before, 'A\'s state is unchanged');
  await f.close();
});

test.run();
