// Bad input against the real relay (and, where time must pass, an in-process one with a fake clock):
// malformed ids, path traversal, wrong Content-Length, truncated and out-of-range parts, chunked
// parts, oversized and invalid JSON, stale If-Match, expired session/share/drop, a share password
// guessed past its limit. Each is a clear JSON error and the account's stored state is unchanged.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as local from '../../relay/src/test-support/fixture.js';
import { b64, client, errorCode, json, putParts, sendParts, signUp, uploadBlob, type Call } from './support/http-client.js';
import { rawRequest, truncatedRequest } from './support/raw-http.js';
import { startRelay, type RelayProcess } from './support/relay-process.js';
import { accountSnapshot } from './support/snapshot.js';

const PART = 8 * 1024 * 1024;
let relay: RelayProcess;
let dir: string;
let call: Call;
let token: string;
let snapshot: () => Promise<string>;
let state: string;
let nodeId: string;
let upload: { blobId: string; partSize: number; partCount: number };
const data = randomBytes(PART + 1000);

test.before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vbx-bad-'));
  relay = await startRelay(dir);
  call = client(relay.url);
  token = (await signUp(call, 'alice')).token;
  snapshot = () => accountSnapshot((m, p) => call(m, p, { token }));
  await uploadBlob(call, token, randomBytes(5000));
  nodeId = b64(randomBytes(16));
  await json(await call('PUT', `/api/v1/nodes/${nodeId}`, { token, json: { body: b64(randomBytes(64)) }, headers: { 'if-none-match': '*' } }), 201);
  await json(await call('PUT', `/api/v1/nodes/${nodeId}`, { token, json: { body: b64(randomBytes(64)) }, headers: { 'if-match': '1' } }), 200);
  upload = await sendParts(call, token, data, [1]);
  state = await snapshot();
});

test.after(async () => {
  await relay.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function expectError(res: Response | Promise<Response>, status: number, code: string) {
  const r = await res;
  assert.is(r.status, status, code);
  assert.is(r.headers.get('content-type'), 'application/json');
  assert.is(await errorCode(r), code);
  assert.is(await snapshot(), state, `${code}: nothing stored changed`);
}

test('malformed ids are 400 invalid_id', async () => {
  for (const path of ['/api/v1/blobs/not-an-id', '/api/v1/nodes/abc', `/api/v1/uploads/${'A'.repeat(23)}`, '/api/v1/shares/x', '/api/v1/drops/AAAAAAAAAAAAAAAAAAAAA$']) {
    await expectError(call('GET', path, { token }), 400, 'invalid_id');
  }
});

test('path traversal reaches nothing outside the app', async () => {
  const secretish = /SQLite format|root:x:0:0|relay\.db/;
  for (const path of ['/api/v1/blobs/../../relay.db', '/../../../../etc/passwd', '/%2e%2e/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2f..%2fetc%2fpasswd',
    `/api/v1/blobs/..%2f..%2f${dir.replaceAll('/', '%2f')}%2frelay.db`, '/api/v1/blobs/%2e%2e%2f%2e%2e%2frelay.db', '/..\\..\\etc\\passwd']) {
    const answer = await rawRequest(relay.port, `GET ${path} HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer ${token}\nConnection: close\n`);
    assert.ok([400, 404].includes(answer.status) || (answer.status === 200 && /<!doctype html>/i.test(answer.body)), `${path} → ${answer.status}`);
    assert.not.match(answer.body, secretish, path);
  }
  assert.is(await snapshot(), state);
});

test('part with a Content-Length other than the part size, or too large: 400 part_size_mismatch', async () => {
  await expectError(call('PUT', `/api/v1/uploads/${upload.blobId}/parts/0`, { token, body: randomBytes(100) }), 400, 'part_size_mismatch');
  await expectError(call('PUT', `/api/v1/uploads/${upload.blobId}/parts/0`, { token, body: randomBytes(PART + 1) }), 400, 'part_size_mismatch');
});

test('part out of range: 400 part_out_of_range', async () => {
  await expectError(call('PUT', `/api/v1/uploads/${upload.blobId}/parts/2`, { token, body: randomBytes(10) }), 400, 'part_out_of_range');
});

test('chunked part without Content-Length: 411 length_required', async () => {
  const answer = await rawRequest(relay.port, `PUT /api/v1/uploads/${upload.blobId}/parts/0 HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer ${token}\nTransfer-Encoding: chunked\nConnection: close\n`,
    Buffer.from('5\r\nhello\r\n0\r\n\r\n'));
  assert.is(answer.status, 411);
  assert.match(answer.body, /"code":"length_required"/);
  assert.is(await snapshot(), state);
});

test('truncated part (connection dropped mid-body): not recorded; the part can be sent again', async () => {
  await truncatedRequest(relay.port, `PUT /api/v1/uploads/${upload.blobId}/parts/0 HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer ${token}\nContent-Length: ${PART}\n`, data.subarray(0, PART / 2));
  await new Promise((r) => setTimeout(r, 300));
  assert.is(await snapshot(), state, 'the cut part was not recorded');
  const status = await json<{ receivedParts: number[] }>(await call('GET', `/api/v1/uploads/${upload.blobId}`, { token }), 200);
  assert.equal(status.receivedParts, [1]);
});

test('oversized and invalid JSON: 413 body_too_large, 400 invalid_json', async () => {
  await expectError(call('POST', '/api/v1/nodes/batch', { token, body: Buffer.alloc(5 * 1024 * 1024, 0x20), headers: { 'content-type': 'application/json' } }), 413, 'body_too_large');
  const chunked = await rawRequest(relay.port, `POST /api/v1/shares HTTP/1.1\nHost: 127.0.0.1\nAuthorization: Bearer ${token}\nContent-Type: application/json\nTransfer-Encoding: chunked\nConnection: close\n`,
    Buffer.concat([Buffer.from(`${(5 * 1024 * 1024).toString(16)}\r\n`), Buffer.alloc(5 * 1024 * 1024, 0x20), Buffer.from('\r\n0\r\n\r\n')]));
  assert.is(chunked.status, 413, 'a chunked body is counted as it streams');
  await expectError(call('POST', '/api/v1/uploads', { token, body: Buffer.from('{"size": 10'), headers: { 'content-type': 'application/json' } }), 400, 'invalid_json');
  await expectError(call('POST', '/api/v1/uploads', { token, json: { size: 'ten' } }), 400, 'invalid_request');
  await expectError(call('POST', '/api/v1/uploads', { token, body: Buffer.from('size=10'), headers: { 'content-type': 'text/plain' } }), 415, 'unsupported_media_type');
});

test('stale If-Match: 409 version_conflict with the current version', async () => {
  const res = await call('PUT', `/api/v1/nodes/${nodeId}`, { token, json: { body: b64(randomBytes(64)) }, headers: { 'if-match': '"1"' } });
  assert.is(res.status, 409);
  const body = (await res.json()) as { error: { code: string; currentVersion: number } };
  assert.equal([body.error.code, body.error.currentVersion], ['version_conflict', 2]);
  assert.is(await snapshot(), state);
});

test('no or bad credentials: 401, nothing changed', async () => {
  await expectError(call('POST', '/api/v1/uploads', { json: { size: 10 } }), 401, 'unauthenticated');
  await expectError(call('POST', '/api/v1/uploads', { json: { size: 10 }, token: b64(randomBytes(32)) }), 401, 'unauthenticated');
  await expectError(call('POST', '/api/v1/uploads', { json: { size: 10 }, headers: { authorization: 'Basic x' } }), 401, 'unauthenticated');
});

test('finally, the same upload completes and reads back whole', async () => {
  await putParts(call, token, upload, data, [0]);
  await json(await call('POST', `/api/v1/uploads/${upload.blobId}/commit`, { token }), 201);
  const back = Buffer.from(await (await call('GET', `/api/v1/blobs/${upload.blobId}`, { token })).arrayBuffer());
  assert.ok(back.equals(data));
});

// Time has to pass for these: an in-process relay with a fake clock.
test('expired session, share and drop; share password past the limit', async () => {
  const f = await local.makeFixture({ sessionTtlMs: 3_600_000, share: { maxPasswordAttempts: 2 } as never });
  const alice = await local.signUp(f, 'alice');
  const asA = (m: string, p: string, init: local.CallInit = {}) => f.call(m, p, { as: alice, ...init });
  const shareToken = randomBytes(32);
  const { shareId } = await (await asA('POST', '/api/v1/shares', { json: { tokenHash: b64(local.sha256(shareToken)), manifest: b64(randomBytes(30)), blobIds: [], expiresInSeconds: 600 } })).json() as { shareId: string };
  const lockedToken = randomBytes(32);
  const { shareId: lockedId } = await (await asA('POST', '/api/v1/shares', { json: {
    tokenHash: b64(local.sha256(lockedToken)), manifest: b64(randomBytes(30)), blobIds: [],
    password: { verifier: b64(randomBytes(32)), kdf: local.KDF, salt: b64(randomBytes(16)) },
  } })).json() as { shareId: string };
  const dropToken = randomBytes(32);
  const { dropId } = await (await asA('POST', '/api/v1/drops', { json: { tokenHash: b64(local.sha256(dropToken)), sizeCap: 1000, expiresInSeconds: 300 } })).json() as { dropId: string };

  for (let i = 0; i < 2; i++) await f.call('POST', `/api/v1/public/shares/${lockedId}/open`, { json: { passwordVerifier: b64(randomBytes(32)) }, headers: { 'x-share-token': b64(lockedToken) } });
  f.clock.advance(3_600_001);
  const expiredSession = await asA('GET', '/api/v1/account');
  assert.is(expiredSession.status, 401);
  assert.is(await local.errorCode(expiredSession), 'session_expired');
  const login = await f.call('POST', '/api/v1/auth/login', { json: { name: 'alice', authKey: b64(alice.authKey), session: 'bearer' } });
  const fresh = { ...alice, token: ((await login.json()) as { token: string }).token };
  const snap = () => accountSnapshot((m, p) => f.call(m, p, { as: fresh }));
  const before = await snap();

  const share = await f.call('POST', `/api/v1/public/shares/${shareId}/downloads`, { json: {}, headers: { 'x-share-token': b64(shareToken) } });
  assert.is(share.status, 410);
  assert.is(await local.errorCode(share), 'share_expired');
  const drop = await f.call('POST', `/api/v1/public/drops/${dropId}/uploads`, { json: { size: 10 }, headers: { 'x-drop-token': b64(dropToken) } });
  assert.is(drop.status, 410);
  assert.is(await local.errorCode(drop), 'drop_expired');
  const locked = await f.call('POST', `/api/v1/public/shares/${lockedId}/open`, { json: { passwordVerifier: b64(randomBytes(32)) }, headers: { 'x-share-token': b64(lockedToken) } });
  assert.is(locked.status, 423);
  assert.is(await local.errorCode(locked), 'share_locked');
  assert.is(await snap(), before, 'nothing stored changed');
  await f.close();
});

test.run();
