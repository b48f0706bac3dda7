// Test fixture for route tests: a fresh relay over a temporary data folder, a controllable clock,
// cheap scrypt, and small helpers that act like a client (sign up, call JSON routes, upload a blob).
// Not a test file itself; every `*.test.ts` of the relay builds its own fixture per case.
// [Note: Back ends under test] By default the fixture runs on the embedded stores (SQLite + folder).
// With VEILBOX_TEST_PG (a postgres:// database URL) each fixture gets a fresh schema of that database
// instead of SQLite, and with VEILBOX_TEST_S3 (an S3 endpoint; credentials in AWS_ACCESS_KEY_ID /
// AWS_SECRET_ACCESS_KEY) a fresh bucket instead of the blob folder: test/relay/backends.slow-pg.test.ts
// runs the same route suites that way against a real PostgreSQL and s3rver.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, type Relay } from '../app.js';
import { defaultConfig, type RelayConfig } from '../config.js';
import type { BlobStore } from '../store/blob-store.js';
import { FsBlobStore } from '../store/fs-blob-store.js';
import type { MetaStore } from '../store/meta-store.js';
import { openPostgresMetaStore } from '../store/postgres-meta-store.js';
import type { S3BlobStore } from '../store/s3-blob-store.js';
import { parseS3Url } from '../store/s3-location.js';
import { openSqliteMetaStore } from '../store/sqlite-meta-store.js';

export const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest();
export const KDF = { algorithm: 'argon2id', version: 19, memoryKiB: 65536, iterations: 3, parallelism: 1 };
export const TEST_PART = 64 * 1024;

export interface Fixture {
  relay: Relay;
  meta: MetaStore;
  blobs: BlobStore;
  config: RelayConfig;
  dir: string;
  clock: { now: number; advance(ms: number): void };
  call(method: string, path: string, init?: CallInit): Promise<Response>;
  /** Ids of the blobs the blob store holds (files or objects). */
  storedBlobIds(): Promise<string[]>;
  /**
   * Ids of uploads whose bytes the blob store still holds. On the folder: the upload files. On S3:
   * the uploads begun and neither committed nor aborted by the relay, because s3rver can't list
   * multipart uploads (nor abort them); what is checked there is that the relay asked S3 to free them.
   */
  heldUploadIds(): Promise<string[]>;
  close(): Promise<void>;
}

export interface CallInit {
  json?: unknown;
  body?: BodyInit | Uint8Array;
  headers?: Record<string, string>;
  /** A user from signUp(): sends their bearer token. */
  as?: User;
}

export interface User {
  name: string;
  accountId: string;
  token: string;
  authKey: Buffer;
  recoveryAuthKey: Buffer;
  passwordWrap: Buffer;
}

export async function makeFixture(overrides: Partial<RelayConfig> = {}, wrapBlobs?: (b: BlobStore) => BlobStore): Promise<Fixture> {
  const dir = mkdtempSync(join(tmpdir(), 'vbx-relay-'));
  const clock = { now: Date.UTC(2030, 0, 1), advance(ms: number) { this.now += ms; } };
  const config = defaultConfig({
    signup: 'open', scrypt: { N: 1024, r: 8, p: 1 }, partSize: TEST_PART, now: () => clock.now, ...overrides,
  });
  const backend = await openTestBackend(dir);
  const meta = backend.meta;
  const blobs = wrapBlobs ? wrapBlobs(backend.blobs) : backend.blobs;
  const relay = await createApp({ meta, blobs, config });
  return {
    relay, meta, blobs, config, dir, clock,
    async storedBlobIds() {
      const ids: string[] = [];
      for await (const b of backend.blobs.listBlobIds()) ids.push(b.id);
      return ids;
    },
    heldUploadIds: backend.heldUploadIds,
    async call(method, path, init = {}) {
      const headers: Record<string, string> = { ...init.headers };
      if (init.as) headers.authorization = `Bearer ${init.as.token}`;
      let body: BodyInit | undefined = init.body as BodyInit | undefined;
      if (init.json !== undefined) {
        headers['content-type'] ??= 'application/json';
        body = JSON.stringify(init.json);
      }
      return relay.app.request(`http://relay.test${path}`, { method, headers, body });
    },
    async close() {
      await relay.close();
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface TestBackend { meta: MetaStore; blobs: BlobStore; heldUploadIds(): Promise<string[]>; close(): Promise<void> }

const fresh = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;

/** The stores of one fixture: see [Note: Back ends under test]. */
async function openTestBackend(dir: string): Promise<TestBackend> {
  const pgBase = process.env.VEILBOX_TEST_PG;
  const s3Endpoint = process.env.VEILBOX_TEST_S3;
  let meta: MetaStore;
  let dropSchema = async () => undefined as void;
  if (pgBase) {
    const schema = fresh('t_');
    const url = new URL(pgBase);
    url.searchParams.set('schema', schema);
    const pg = await openPostgresMetaStore(url.toString(), { max: 4 });
    meta = pg;
    dropSchema = async () => { await pg.sql.unsafe(`DROP SCHEMA ${schema} CASCADE`); };
  } else {
    meta = openSqliteMetaStore(join(dir, 'relay.db'));
  }
  if (!s3Endpoint) {
    const blobs = new FsBlobStore(dir);
    return {
      meta, blobs,
      async heldUploadIds() {
        const ids: string[] = [];
        for await (const u of blobs.listUploadIds()) ids.push(u.id);
        return ids;
      },
      async close() { await dropSchema(); await meta.close(); },
    };
  }
  const { CreateBucketCommand, S3Client } = await import('@aws-sdk/client-s3');
  const { S3BlobStore } = await import('../store/s3-blob-store.js');
  const bucket = fresh('vbx-');
  const location = parseS3Url(`s3://${bucket}?endpoint=${encodeURIComponent(s3Endpoint)}&region=us-east-1`);
  const admin = new S3Client({ region: location.region, endpoint: s3Endpoint, forcePathStyle: true });
  await admin.send(new CreateBucketCommand({ Bucket: bucket }));
  admin.destroy();
  const inner = new S3BlobStore(location);
  const held = new Set<string>();
  const blobs: BlobStore = Object.assign(Object.create(inner) as S3BlobStore, {
    async beginUpload(id: string, size: number) { const h = await inner.beginUpload(id); void size; held.add(id); return h; },
    async completeUpload(id: string, handle: string, blobId: string, parts: { index: number; tag: string }[]) {
      await inner.completeUpload(id, handle, blobId, parts);
      held.delete(id);
    },
    async abortUpload(id: string, handle: string) {
      held.delete(id);
      await inner.abortUpload(id, handle);
    },
  });
  return {
    meta, blobs,
    async heldUploadIds() { return [...held]; },
    async close() { await dropSchema(); await meta.close(); await inner.close(); },
  };
}

export function signupBody(name: string, extra: Record<string, unknown> = {}) {
  const authKey = randomBytes(32);
  const recoveryAuthKey = randomBytes(32);
  const passwordWrap = randomBytes(92);
  return {
    keys: { authKey, recoveryAuthKey, passwordWrap },
    body: {
      name, kdf: KDF, salt: b64(randomBytes(16)), authKey: b64(authKey), passwordWrap: b64(passwordWrap),
      recoveryWrap: b64(randomBytes(92)), recoveryAuthKey: b64(recoveryAuthKey), session: 'bearer', ...extra,
    },
  };
}

export async function signUp(f: Fixture, name: string, extra: Record<string, unknown> = {}): Promise<User> {
  const { keys, body } = signupBody(name, extra);
  const res = await f.call('POST', '/api/v1/auth/signup', { json: body });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const answer = (await res.json()) as { accountId: string; token: string };
  return { name, accountId: answer.accountId, token: answer.token, ...keys };
}

/** Uploads `data` as one blob through the resumable-upload routes and commits it. */
export async function uploadBlob(f: Fixture, user: User, data: Uint8Array): Promise<string> {
  const created = await f.call('POST', '/api/v1/uploads', { as: user, json: { size: data.length } });
  if (created.status !== 201) throw new Error(`upload create failed: ${created.status} ${await created.text()}`);
  const { blobId, partSize, partCount } = (await created.json()) as { blobId: string; partSize: number; partCount: number };
  for (let i = 0; i < partCount; i++) {
    const part = data.subarray(i * partSize, Math.min(data.length, (i + 1) * partSize));
    const res = await f.call('PUT', `/api/v1/uploads/${blobId}/parts/${i}`, { as: user, body: part, headers: { 'content-length': String(part.length) } });
    if (res.status !== 200) throw new Error(`part ${i} failed: ${res.status} ${await res.text()}`);
  }
  const commit = await f.call('POST', `/api/v1/uploads/${blobId}/commit`, { as: user });
  if (commit.status !== 201) throw new Error(`commit failed: ${commit.status} ${await commit.text()}`);
  return blobId;
}

export async function errorCode(res: Response): Promise<string> {
  const body = (await res.json()) as { error?: { code?: string } };
  return body.error?.code ?? '(no error code)';
}

export const newNodeId = () => b64(randomBytes(16));
export const newSecret = () => randomBytes(32);
