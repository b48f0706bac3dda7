// `npm run admin -- migrate` on a populated embedded relay: accounts, invites, nodes, blobs (one of
// several 8 MiB parts) and an unfinished upload move into PostgreSQL + S3 (s3rver); the command's own
// check passes (counts and hashes), and a relay started on the new stores serves everything: the same
// login, node bodies, blob bytes, and the upload resumes from the part it had. Bad input: no --meta,
// and a target that isn't empty, are refused with a clear message and change nothing.
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { type PostgresCluster, startPostgresCluster } from '../support/postgres-cluster.js';
import { type S3Server, startS3Server } from '../support/s3-server.js';
import { b64, client, json, putParts, sendParts, signUp, uploadBlob, type Account } from './support/http-client.js';
import { startRelay } from './support/relay-process.js';

const root = new URL('../../', import.meta.url).pathname;
let pg: PostgresCluster;
let s3: S3Server;
let dir: string;

test.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vbx-migrate-'));
  [pg, s3] = await Promise.all([startPostgresCluster(), startS3Server()]);
  const admin = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
  await admin.send(new CreateBucketCommand({ Bucket: 'moved' }));
  admin.destroy();
  process.env.AWS_ACCESS_KEY_ID = s3.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = s3.secretAccessKey;
});

test.after(async () => {
  await s3?.stop();
  await pg?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function admin(...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    // Not spawnSync: s3rver runs in this process and must keep answering.
    const child = spawn(process.execPath, ['--import', 'tsx', 'relay/src/admin/cli.ts', ...args], { cwd: root, env: process.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

const sha = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

test('migrate copies every account, record and blob, checks them, and a relay on PostgreSQL + S3 serves them', async () => {
  const data = join(dir, 'embedded');
  const embedded = await startRelay(data, ['--scrypt-cost', '10', '--open-signup']);
  const call = client(embedded.url);
  const users: Account[] = [await signUp(call, 'alice'), await signUp(call, 'bob')];
  const nodes = new Map<string, string>();
  for (const u of users) {
    for (let i = 0; i < 3; i++) {
      const id = b64(randomBytes(16));
      const body = b64(randomBytes(200 + i));
      await json(await call('PUT', `/api/v1/nodes/${id}`, { token: u.token, json: { body }, headers: { 'if-none-match': '*' } }), 201);
      nodes.set(`${u.name}/${id}`, body);
    }
  }
  const blobs = new Map<string, { owner: Account; data: Buffer }>();
  const big = randomBytes(8 * 1024 * 1024 + 4321); // two parts of 8 MiB on the way to S3
  blobs.set(await uploadBlob(call, users[0].token, big), { owner: users[0], data: big });
  for (const u of users) {
    const small = randomBytes(5000);
    blobs.set(await uploadBlob(call, u.token, small), { owner: u, data: small });
  }
  const pendingData = randomBytes(8 * 1024 * 1024 + 100);
  const pending = await sendParts(call, users[1].token, pendingData, [0], 1);
  await embedded.stop();
  const invite = await admin('invite', '--data', data);
  assert.is(invite.status, 0, invite.stderr);

  const target = await pg.createDatabase('moved');
  const noMeta = await admin('migrate', '--data', data);
  assert.is(noMeta.status, 1);
  assert.match(noMeta.stderr, /migrate needs --meta postgres:\/\//);

  const run = await admin('migrate', '--data', data, '--meta', target, '--blobs', s3.blobsUrl('moved'));
  assert.is(run.status, 0, run.stderr);
  assert.not.match(run.stdout, /DIFFERENT/);
  assert.match(run.stdout, /accounts\s+2\s+2\s+same/);
  assert.match(run.stdout, /nodes\s+6\s+6\s+same/);
  assert.match(run.stdout, /invites\s+1\s+1\s+same/);
  assert.match(run.stdout, /3 blobs .* sizes and SHA-256 match; 1 unfinished uploads with 1 received parts carried over/);

  const again = await admin('migrate', '--data', data, '--meta', target, '--blobs', s3.blobsUrl('moved'));
  assert.is(again.status, 1, 'a second run into the same database is refused');
  assert.match(again.stderr, /target database is not empty/);

  const scaled = await startRelay(join(dir, 'unused'), ['--meta', target, '--blobs', s3.blobsUrl('moved'), '--scrypt-cost', '10']);
  try {
    const next = client(scaled.url);
    for (const u of users) {
      const login = await json<{ token: string }>(await next('POST', '/api/v1/auth/login', { json: { name: u.name, authKey: b64(u.authKey), session: 'bearer' } }), 200);
      await json(await next('GET', '/api/v1/account', { token: u.token }), 200); // sessions moved too
      const changes = await json<{ changes: { id: string; body: string }[] }>(await next('GET', '/api/v1/nodes/changes?since=0', { token: login.token }), 200);
      assert.is(changes.changes.length, 3);
      for (const c of changes.changes) assert.is(c.body, nodes.get(`${u.name}/${c.id}`));
    }
    for (const [id, { owner, data: bytes }] of blobs) {
      const back = Buffer.from(await (await next('GET', `/api/v1/blobs/${id}`, { token: owner.token })).arrayBuffer());
      assert.is(sha(back), sha(bytes), `blob ${id}`);
    }
    const status = await json<{ receivedParts: number[] }>(await next('GET', `/api/v1/uploads/${pending.blobId}`, { token: users[1].token }), 200);
    assert.equal(status.receivedParts, [0], 'the unfinished upload kept its received part');
    await putParts(next, users[1].token, pending, pendingData, [1], 1);
    await json(await next('POST', `/api/v1/uploads/${pending.blobId}/commit`, { token: users[1].token }), 201);
    const whole = Buffer.from(await (await next('GET', `/api/v1/blobs/${pending.blobId}`, { token: users[1].token })).arrayBuffer());
    assert.is(sha(whole), sha(pendingData), 'resumed after the move, committed whole');
  } finally {
    await scaled.stop();
  }
});

test.run();
