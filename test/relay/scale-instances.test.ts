// Two real relay processes (A and B) on one PostgreSQL and one S3 bucket (s3rver) behave as one relay:
// a session made on A works on B, a live event reaches a socket on A when B makes the change, a
// compare-and-swap race between them has exactly one winner, login limits count across both, and an
// upload cut off by killing A resumes and commits whole through B. Then the stores fail: a request
// whose PostgreSQL connection is cut mid-transaction is 503 store_unavailable and writes nothing; with s3rver
// gone a download is 503 blob_store_unavailable, with PostgreSQL gone a request is 503
// store_unavailable, and once PostgreSQL is back the same relay serves again.
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import WebSocket from 'ws';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import postgres from 'postgres';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';
import { type S3Server, startS3Server } from '../support/s3-server.js';
import { b64, client, errorCode, json, putParts, signUp, type Call } from './support/http-client.js';
import { truncatedRequest } from './support/raw-http.js';
import { startRelay, type RelayProcess } from './support/relay-process.js';

let pg: PostgresCluster;
let s3: S3Server;
let dir: string;
let a: RelayProcess;
let b: RelayProcess;
let callA: Call;
let callB: Call;
let pgUrl: string;

const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');
const newNodeId = () => b64(randomBytes(16));

test.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vbx-scale-'));
  [pg, s3] = await Promise.all([startPostgresCluster(), startS3Server()]);
  const meta = await pg.createDatabase('veilbox');
  pgUrl = meta;
  const admin = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
  await admin.send(new CreateBucketCommand({ Bucket: 'veilbox' }));
  admin.destroy();
  process.env.AWS_ACCESS_KEY_ID = s3.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = s3.secretAccessKey;
  const args = ['--meta', meta, '--blobs', s3.blobsUrl('veilbox'), '--scrypt-cost', '10', '--open-signup'];
  // Each keeps its (unused) data folder apart: only PostgreSQL and the bucket are shared.
  [a, b] = await Promise.all([startRelay(join(dir, 'a'), args), startRelay(join(dir, 'b'), args)]);
  callA = client(a.url);
  callB = client(b.url);
});

test.after(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await s3?.stop();
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a session made on A works on B; a change made through B reaches a socket on A', async () => {
  const alice = await signUp(callA, 'alice');
  await json(await callB('GET', '/api/v1/account', { token: alice.token }), 200);
  const ws = new WebSocket(`${a.url.replace('http', 'ws')}/api/v1/events`, { headers: { authorization: `Bearer ${alice.token}` } });
  const messages: { type: string; revision?: number }[] = [];
  let wake: () => void = () => undefined;
  ws.on('message', (data) => { messages.push(JSON.parse(String(data)) as { type: string; revision?: number }); wake(); });
  const waitFor = async (ok: () => boolean) => {
    // No time limit of its own: the file's timeout is the backstop. The latency is printed.
    while (!ok()) await new Promise<void>((resolve) => { wake = resolve; });
  };
  await waitFor(() => messages.length > 0);
  assert.equal(messages[0], { type: 'revision', revision: 0 });
  const started = Date.now();
  await json(await callB('PUT', `/api/v1/nodes/${newNodeId()}`, { token: alice.token, json: { body: b64(randomBytes(100)) }, headers: { 'if-none-match': '*' } }), 201);
  await waitFor(() => messages.some((m) => m.revision === 1));
  console.log(`  change through B seen on A after ${Date.now() - started} ms`);
  ws.close();
  await once(ws, 'close');
});

test('compare-and-swap race between A and B: exactly one 200 and one 409', async () => {
  const bob = await signUp(callB, 'bob');
  const id = newNodeId();
  await json(await callA('PUT', `/api/v1/nodes/${id}`, { token: bob.token, json: { body: b64(randomBytes(50)) }, headers: { 'if-none-match': '*' } }), 201);
  for (let round = 1; round <= 5; round++) {
    const write = (call: Call) => call('PUT', `/api/v1/nodes/${id}`, { token: bob.token, json: { body: b64(randomBytes(50)) }, headers: { 'if-match': `"${round}"` } });
    const answers = await Promise.all([write(callA), write(callB)]);
    const statuses = answers.map((r) => r.status).sort();
    assert.equal(statuses, [200, 409], `round ${round}`);
    const loser = answers.find((r) => r.status === 409)!;
    assert.is(await errorCode(loser), 'version_conflict');
    await answers.find((r) => r.status === 200)!.text();
  }
  const node = await json<{ version: number }>(await callB('GET', `/api/v1/nodes/${id}`, { token: bob.token }), 200);
  assert.is(node.version, 6, 'five rounds, five winners');
  // Two creates of one node at once: one 201, one 409.
  const fresh = newNodeId();
  const creates = await Promise.all([callA, callB].map((call) => call('PUT', `/api/v1/nodes/${fresh}`, { token: bob.token, json: { body: b64(randomBytes(10)) }, headers: { 'if-none-match': '*' } })));
  assert.equal(creates.map((r) => r.status).sort(), [201, 409]);
});

test('login failures count across instances: the limit holds whichever relay is asked', async () => {
  const carol = await signUp(callA, 'carol');
  const wrong = { name: 'carol', authKey: b64(randomBytes(32)) };
  // loginFailuresPerAccount: 10 per 15 minutes, half of them on each instance.
  for (let i = 0; i < 10; i++) {
    const res = await (i % 2 ? callB : callA)('POST', '/api/v1/auth/login', { json: wrong });
    assert.is(res.status, 401, `attempt ${i + 1}`);
  }
  for (const call of [callA, callB]) {
    const res = await call('POST', '/api/v1/auth/login', { json: { name: 'carol', authKey: b64(carol.authKey) } });
    assert.is(res.status, 429);
    assert.ok(Number(res.headers.get('retry-after')) > 0);
  }
});

test('killing A mid-upload: the client resumes against B and the blob commits whole', async () => {
  const dave = await signUp(callA, 'dave');
  const data = randomBytes(2 * 8 * 1024 * 1024 + 12345); // three parts of the relay's 8 MiB
  const u = await json<{ blobId: string; partSize: number; partCount: number }>(await callA('POST', '/api/v1/uploads', { token: dave.token, json: { size: data.length } }), 201);
  assert.is(u.partCount, 3);
  await putParts(callA, dave.token, u, data, [0], 1);
  // Part 1 is half sent when A dies.
  const head = `PUT /api/v1/uploads/${u.blobId}/parts/1 HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer ${dave.token}\nContent-Length: ${u.partSize}\nConnection: close\n`;
  const cut = truncatedRequest(a.port, head, data.subarray(u.partSize, u.partSize + u.partSize / 2));
  await new Promise((resolve) => setTimeout(resolve, 100));
  await a.kill();
  await cut;
  const status = await json<{ receivedParts: number[] }>(await callB('GET', `/api/v1/uploads/${u.blobId}`, { token: dave.token }), 200);
  assert.equal(status.receivedParts, [0], 'B knows the part A stored, and not the half one');
  await putParts(callB, dave.token, u, data, [1, 2], 2);
  await json(await callB('POST', `/api/v1/uploads/${u.blobId}/commit`, { token: dave.token }), 201);
  const back = Buffer.from(await (await callB('GET', `/api/v1/blobs/${u.blobId}`, { token: dave.token })).arrayBuffer());
  assert.is(back.length, data.length);
  assert.is(sha(back), sha(data));
  const range = await callB('GET', `/api/v1/blobs/${u.blobId}`, { token: dave.token, headers: { range: 'bytes=8388600-8388615' } });
  assert.is(range.status, 206);
  assert.ok(Buffer.from(await range.arrayBuffer()).equals(data.subarray(8388600, 8388616)), 'a Range across a part boundary');
});

test('PostgreSQL connection lost mid-request: 503 store_unavailable, nothing written, the next request is served', async () => {
  const frank = await signUp(callB, 'frank'); // A was killed above
  const id = newNodeId();
  // Hold frank's account row so B's node write waits inside its transaction, then cut B's connection there.
  const sql = postgres(pgUrl, { max: 1, onnotice: () => undefined });
  try {
    const written = await sql.begin(async (tx) => {
      await tx`SELECT 1 FROM accounts WHERE id = ${frank.accountId} FOR UPDATE`;
      const write = callB('PUT', `/api/v1/nodes/${id}`, { token: frank.token, json: { body: b64(randomBytes(20)) }, headers: { 'if-none-match': '*' } });
      let waiting: { pid: number }[] = [];
      while (waiting.length === 0) {
        waiting = await tx`SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()` as unknown as { pid: number }[];
        if (waiting.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      for (const w of waiting) await tx`SELECT pg_terminate_backend(${w.pid})`;
      return write;
    });
    assert.is(written.status, 503);
    assert.is(await errorCode(written), 'store_unavailable');
  } finally {
    await sql.end({ timeout: 1 });
  }
  assert.is((await callB('GET', `/api/v1/nodes/${id}`, { token: frank.token })).status, 404, 'the cut transaction wrote nothing');
  await json(await callB('PUT', `/api/v1/nodes/${id}`, { token: frank.token, json: { body: b64(randomBytes(20)) }, headers: { 'if-none-match': '*' } }), 201);
});

test('stores gone: 503 blob_store_unavailable without S3, 503 store_unavailable without PostgreSQL, then back', async () => {
  const erin = await signUp(callB, 'erin');
  const data = randomBytes(1000);
  const u = await json<{ blobId: string; partSize: number }>(await callB('POST', '/api/v1/uploads', { token: erin.token, json: { size: data.length } }), 201);
  await putParts(callB, erin.token, u, data, [0], 1);
  await json(await callB('POST', `/api/v1/uploads/${u.blobId}/commit`, { token: erin.token }), 201);
  await s3.stop();
  const download = await callB('GET', `/api/v1/blobs/${u.blobId}`, { token: erin.token });
  assert.is(download.status, 503);
  assert.is(await errorCode(download), 'blob_store_unavailable');
  assert.ok(download.headers.get('retry-after'));
  const upload = await callB('POST', '/api/v1/uploads', { token: erin.token, json: { size: 10 } });
  assert.is(upload.status, 503);
  assert.is(await errorCode(upload), 'blob_store_unavailable');
  // The metadata is untouched: the blob is still listed.
  const list = await json<{ blobs: { blobId: string }[] }>(await callB('GET', '/api/v1/blobs', { token: erin.token }), 200);
  assert.ok(list.blobs.some((x) => x.blobId === u.blobId));

  pg.halt();
  const account = await callB('GET', '/api/v1/account', { token: erin.token });
  assert.is(account.status, 503);
  const body = await account.text();
  assert.is((JSON.parse(body) as { error: { code: string } }).error.code, 'store_unavailable');
  assert.not.match(body, /postgres:|127\.0\.0\.1/, 'nothing about the database in the answer');
  pg.start();
  // The pool reconnects on the next request (the restarted server may still be opening: a few tries).
  let back = 0;
  for (let i = 0; i < 20 && back !== 200; i++) {
    back = (await callB('GET', '/api/v1/account', { token: erin.token })).status;
    if (back !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
  }
  assert.is(back, 200, 'the relay serves again once PostgreSQL is back');
});

test.run();
