// `npm run bench -- scale [--mib N] [--seconds N] [--writes N]`: the scale-out layout measured on
// this one machine, side by side with its baselines from the same run:
//  1. small requests (node writes + reads, 16 in flight) against one relay and against two relays on
//     the same PostgreSQL + s3rver bucket, requests spread round-robin like a load balancer would;
//  2. a 1 GiB upload (8 MiB parts, 4 in flight, create + parts + commit) through one and two relays;
//  3. 10,000 node writes straight into the metadata store: SQLite versus PostgreSQL, one node per
//     write and in batches of 100.
// Starts its own throwaway PostgreSQL cluster and s3rver (test/support). Both instances, PostgreSQL
// and s3rver share this machine's cores, so "two instances" shows the cost of coordination here, not
// the gain of a second machine.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { MetaStore } from '../relay/src/store/meta-store.js';
import { openPostgresMetaStore } from '../relay/src/store/postgres-meta-store.js';
import { openSqliteMetaStore } from '../relay/src/store/sqlite-meta-store.js';
import { startPostgresCluster } from '../test/support/postgres-cluster.js';
import { startS3Server } from '../test/support/s3-server.js';
import { b64, json, signUp, type Call, client } from '../test/relay/support/http-client.js';
import { startRelay, type RelayProcess } from '../test/relay/support/relay-process.js';
import { option } from './options.js';

const MiB = 1024 * 1024;
const PART = 8 * MiB;
const IN_FLIGHT = 4;
const SMALL_CONCURRENCY = 16;

/** Round-robin over the instances' clients, like a load balancer. */
function spread(calls: Call[]): () => Call {
  let next = 0;
  return () => calls[next++ % calls.length];
}

async function smallRate(calls: Call[], token: string, seconds: number): Promise<number> {
  const pick = spread(calls);
  const until = Date.now() + seconds * 1000;
  let done = 0;
  await Promise.all(Array.from({ length: SMALL_CONCURRENCY }, async () => {
    while (Date.now() < until) {
      const id = b64(randomBytes(16));
      await json(await pick()('PUT', `/api/v1/nodes/${id}`, { token, json: { body: b64(randomBytes(200)) }, headers: { 'if-none-match': '*' } }), 201);
      await json(await pick()('GET', `/api/v1/nodes/${id}`, { token }), 200);
      done += 2;
    }
  }));
  return done / seconds;
}

async function bigUpload(calls: Call[], token: string, mib: number): Promise<number> {
  const pick = spread(calls);
  const size = mib * MiB;
  const part = randomBytes(PART);
  const started = performance.now();
  const u = await json<{ blobId: string; partCount: number }>(await pick()('POST', '/api/v1/uploads', { token, json: { size } }), 201);
  const queue = [...Array(u.partCount).keys()];
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const length = Math.min(PART, size - i * PART);
      await json(await pick()('PUT', `/api/v1/uploads/${u.blobId}/parts/${i}`, { token, body: part.subarray(0, length) }), 200);
    }
  }));
  await json(await pick()('POST', `/api/v1/uploads/${u.blobId}/commit`, { token }), 201);
  const seconds = (performance.now() - started) / 1000;
  await pick()('DELETE', `/api/v1/blobs/${u.blobId}`, { token });
  return mib / seconds;
}

async function nodeWrites(meta: MetaStore, writes: number, batch: number): Promise<number> {
  const accountId = b64(randomBytes(16));
  await meta.createAccount({
    id: accountId, name: `bench-${accountId.slice(0, 8).toLowerCase()}`, kdf: { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 1 },
    salt: randomBytes(16), authHash: 'x', passwordWrap: randomBytes(92), recoveryWrap: randomBytes(92), recoveryHash: 'x',
    quota: 1024 ** 4, revision: 0, createdAt: Date.now(), lastSeenAt: null,
  });
  const body = randomBytes(300);
  const started = performance.now();
  for (let i = 0; i < writes; i += batch) {
    const ops = Array.from({ length: Math.min(batch, writes - i) }, () => ({ kind: 'put' as const, id: b64(randomBytes(16)), expectedVersion: 0, body }));
    const result = await meta.writeNodes(accountId, ops, 1024 ** 4);
    if (result.status !== 'ok') throw new Error(`node write failed: ${result.status}`);
  }
  return writes / ((performance.now() - started) / 1000);
}

const row = (label: string, a: string, b: string) => console.log(`  ${label.padEnd(34)}${a.padStart(16)}${b.padStart(16)}`);

async function main(): Promise<void> {
  const mib = option('mib', 1024);
  const seconds = option('seconds', 5);
  const writes = option('writes', 10_000);
  const dir = mkdtempSync(join(tmpdir(), 'vbx-bench-scale-'));
  const [pg, s3] = await Promise.all([startPostgresCluster(), startS3Server()]);
  const relays: RelayProcess[] = [];
  try {
    const meta = await pg.createDatabase('veilbox');
    const admin = new S3Client({ region: 'us-east-1', endpoint: s3.endpoint, forcePathStyle: true, credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } });
    await admin.send(new CreateBucketCommand({ Bucket: 'bench' }));
    admin.destroy();
    process.env.AWS_ACCESS_KEY_ID = s3.accessKeyId;
    process.env.AWS_SECRET_ACCESS_KEY = s3.secretAccessKey;
    const args = ['--meta', meta, '--blobs', s3.blobsUrl('bench'), '--scrypt-cost', '10', '--open-signup', '--quota-gib', '100'];
    relays.push(...await Promise.all([startRelay(join(dir, 'a'), args), startRelay(join(dir, 'b'), args)]));
    const [one, two] = [[client(relays[0].url)], relays.map((r) => client(r.url))];
    const user = await signUp(one[0], 'bench');

    console.log(`Veilbox scale-out bench (PostgreSQL + s3rver on this machine; ${mib} MiB upload, ${seconds} s of small requests)`);
    row('', 'one instance', 'two instances');
    const small1 = await smallRate(one, user.token, seconds);
    const small2 = await smallRate(two, user.token, seconds);
    row('small requests (node PUT + GET)', `${small1.toFixed(0)} req/s`, `${small2.toFixed(0)} req/s`);
    const up1 = await bigUpload(one, user.token, mib);
    const up2 = await bigUpload(two, user.token, mib);
    row(`${mib} MiB upload, 8 MiB parts x${IN_FLIGHT}`, `${up1.toFixed(1)} MiB/s`, `${up2.toFixed(1)} MiB/s`);

    const sqlite = openSqliteMetaStore(join(dir, 'bench.db'));
    const postgres = await openPostgresMetaStore(await pg.createDatabase('writes'));
    try {
      console.log('');
      row(`${writes} node writes into the store`, 'SQLite', 'PostgreSQL');
      const single = [await nodeWrites(sqlite, writes, 1), await nodeWrites(postgres, writes, 1)];
      row('one node per write', `${single[0].toFixed(0)} /s`, `${single[1].toFixed(0)} /s`);
      const batched = [await nodeWrites(sqlite, writes, 100), await nodeWrites(postgres, writes, 100)];
      row('batches of 100', `${batched[0].toFixed(0)} /s`, `${batched[1].toFixed(0)} /s`);
    } finally {
      await sqlite.close();
      await postgres.close();
    }
    console.log('\n(The test cluster runs with fsync off; SQLite uses the relay\'s own WAL + synchronous=NORMAL.)');
  } finally {
    await Promise.all(relays.map((r) => r.stop()));
    await s3.stop();
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
