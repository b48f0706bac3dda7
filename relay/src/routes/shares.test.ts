// Route tests for shares: owner create/list/get/revoke; anonymous reads gated by the share token,
// with expiry, revocation, download limits, the password gate and its lock, and download tickets.
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { KDF, b64, errorCode, makeFixture, sha256, signUp, uploadBlob, type Fixture, type User } from '../test-support/fixture.js';

async function makeShare(f: Fixture, owner: User, blobIds: string[], extra: Record<string, unknown> = {}) {
  const token = randomBytes(32);
  const manifest = randomBytes(300);
  const res = await f.call('POST', '/api/v1/shares', { as: owner, json: { tokenHash: b64(sha256(token)), manifest: b64(manifest), blobIds, ...extra } });
  if (res.status !== 201) throw new Error(`share create: ${res.status} ${await res.text()}`);
  const { shareId } = (await res.json()) as { shareId: string };
  return { shareId, token: b64(token), manifest: b64(manifest) };
}

const open = (f: Fixture, s: { shareId: string; token: string }, json: unknown = {}) =>
  f.call('POST', `/api/v1/public/shares/${s.shareId}/open`, { json, headers: { 'x-share-token': s.token } });
const download = (f: Fixture, s: { shareId: string; token: string }, json: unknown = {}) =>
  f.call('POST', `/api/v1/public/shares/${s.shareId}/downloads`, { json, headers: { 'x-share-token': s.token } });

test('a reader with the token gets the manifest and, with a ticket, the blobs (Range too)', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const data = randomBytes(3000);
  const blobId = await uploadBlob(f, alice, data);
  const other = await uploadBlob(f, alice, randomBytes(10));
  const s = await makeShare(f, alice, [blobId]);
  const info = await f.call('GET', `/api/v1/public/shares/${s.shareId}`, { headers: { 'x-share-token': s.token } });
  assert.equal(await info.json(), { shareId: s.shareId, expiresAt: null, downloadLimit: null, downloadsLeft: null, password: null });
  const opened = await (await open(f, s)).json() as { manifest: string; blobIds: string[] };
  assert.is(opened.manifest, s.manifest);
  assert.equal(opened.blobIds, [blobId]);
  const noTicket = await f.call('GET', `/api/v1/public/shares/${s.shareId}/blobs/${blobId}`, { headers: { 'x-share-token': s.token } });
  assert.is(noTicket.status, 401);
  assert.is(await errorCode(noTicket), 'share_ticket_required');
  const { ticket } = (await (await download(f, s)).json()) as { ticket: string };
  const headers = { 'x-share-token': s.token, 'x-share-ticket': ticket };
  const got = await f.call('GET', `/api/v1/public/shares/${s.shareId}/blobs/${blobId}`, { headers });
  assert.ok(Buffer.from(await got.arrayBuffer()).equals(data));
  const part = await f.call('GET', `/api/v1/public/shares/${s.shareId}/blobs/${blobId}`, { headers: { ...headers, range: 'bytes=10-19' } });
  assert.is(part.status, 206);
  assert.ok(Buffer.from(await part.arrayBuffer()).equals(data.subarray(10, 20)));
  const notShared = await f.call('GET', `/api/v1/public/shares/${s.shareId}/blobs/${other}`, { headers });
  assert.is(await errorCode(notShared), 'blob_not_found');
  await f.close();
});

test('share id alone gets nothing: wrong or missing token → share_not_found', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const s = await makeShare(f, alice, []);
  for (const headers of [{}, { 'x-share-token': b64(randomBytes(32)) }, { 'x-share-token': 'short' }] as Record<string, string>[]) {
    const res = await f.call('POST', `/api/v1/public/shares/${s.shareId}/open`, { json: {}, headers });
    assert.is(res.status, 404);
    assert.is(await errorCode(res), 'share_not_found');
  }
  await f.close();
});

test('expired, revoked and used-up shares each say so; a started download keeps its ticket', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const blobId = await uploadBlob(f, alice, randomBytes(100));
  const expiring = await makeShare(f, alice, [], { expiresInSeconds: 60 });
  f.clock.advance(61_000);
  const expired = await open(f, expiring);
  assert.is(expired.status, 410);
  assert.is(await errorCode(expired), 'share_expired');

  const revoked = await makeShare(f, alice, []);
  assert.is((await f.call('DELETE', `/api/v1/shares/${revoked.shareId}`, { as: alice })).status, 200);
  assert.is(await errorCode(await open(f, revoked)), 'share_revoked');
  const view = await (await f.call('GET', `/api/v1/shares/${revoked.shareId}`, { as: alice })).json() as { status: string; manifest: null };
  assert.is(view.status, 'revoked');
  assert.is(view.manifest, null, 'the manifest is erased on revoke');

  const limited = await makeShare(f, alice, [blobId], { downloadLimit: 2 });
  const first = await download(f, limited);
  assert.is(first.status, 201);
  assert.is(((await first.json()) as { downloadsLeft: number }).downloadsLeft, 1);
  const second = await (await download(f, limited)).json() as { ticket: string; downloadsLeft: number };
  assert.is(second.downloadsLeft, 0);
  const third = await download(f, limited);
  assert.is(third.status, 410);
  assert.is(await errorCode(third), 'share_exhausted');
  assert.is(await errorCode(await open(f, limited)), 'share_exhausted');
  const during = await f.call('GET', `/api/v1/public/shares/${limited.shareId}/blobs/${blobId}`, { headers: { 'x-share-token': limited.token, 'x-share-ticket': second.ticket } });
  assert.is(during.status, 200, 'the last counted download still reads its blobs');
  await f.call('DELETE', `/api/v1/shares/${limited.shareId}`, { as: alice });
  const afterRevoke = await f.call('GET', `/api/v1/public/shares/${limited.shareId}/blobs/${blobId}`, { headers: { 'x-share-token': limited.token, 'x-share-ticket': second.ticket } });
  assert.is(await errorCode(afterRevoke), 'share_revoked');
  await f.close();
});

test('password gate: required, wrong (attempts counted), right, then locked past the limit', async () => {
  const f = await makeFixture({ share: { maxPasswordAttempts: 3 } as never });
  const alice = await signUp(f, 'alice');
  const verifier = randomBytes(32);
  const salt = randomBytes(16);
  const s = await makeShare(f, alice, [], { password: { verifier: b64(verifier), kdf: KDF, salt: b64(salt) } });
  const info = await (await f.call('GET', `/api/v1/public/shares/${s.shareId}`, { headers: { 'x-share-token': s.token } })).json() as { password: { salt: string; kdf: unknown; attemptsLeft: number } };
  assert.equal(info.password, { kdf: KDF, salt: b64(salt), attemptsLeft: 3 });
  const required = await open(f, s);
  assert.is(required.status, 401);
  assert.is(await errorCode(required), 'share_password_required');
  const wrong = await open(f, s, { passwordVerifier: b64(randomBytes(32)) });
  assert.is(wrong.status, 401);
  const w = (await wrong.json()) as { error: { code: string; attemptsLeft: number } };
  assert.equal([w.error.code, w.error.attemptsLeft], ['share_password_wrong', 2]);
  const right = await open(f, s, { passwordVerifier: b64(verifier) });
  assert.is(right.status, 200);
  assert.is(((await right.json()) as { manifest: string }).manifest, s.manifest);
  await open(f, s, { passwordVerifier: b64(randomBytes(32)) });
  const locked = await open(f, s, { passwordVerifier: b64(randomBytes(32)) });
  assert.is(locked.status, 423);
  assert.is(await errorCode(locked), 'share_locked');
  const evenRight = await open(f, s, { passwordVerifier: b64(verifier) });
  assert.is(await errorCode(evenRight), 'share_locked', 'locked for good, even with the right password');
  const noDownload = await download(f, s, { passwordVerifier: b64(verifier) });
  assert.is(noDownload.status, 423);
  await f.close();
});

test('share password attempts are rate-limited per IP: 429 + Retry-After', async () => {
  const f = await makeFixture({ rateLimits: { sharePasswordPerIp: { limit: 2, windowMs: 120_000 } } as never });
  const alice = await signUp(f, 'alice');
  const s = await makeShare(f, alice, [], { password: { verifier: b64(randomBytes(32)), kdf: KDF, salt: b64(randomBytes(16)) } });
  await open(f, s, { passwordVerifier: b64(randomBytes(32)) });
  await open(f, s, { passwordVerifier: b64(randomBytes(32)) });
  const limited = await open(f, s, { passwordVerifier: b64(randomBytes(32)) });
  assert.is(limited.status, 429);
  assert.is(limited.headers.get('retry-after'), '120');
  await f.close();
});

test('owner list and get; a share may only name the owner\'s own blobs', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const bob = await signUp(f, 'bob');
  const bobBlob = await uploadBlob(f, bob, randomBytes(10));
  const refused = await f.call('POST', '/api/v1/shares', { as: alice, json: { tokenHash: b64(randomBytes(32)), manifest: b64(randomBytes(10)), blobIds: [bobBlob] } });
  assert.is(refused.status, 404);
  assert.is(await errorCode(refused), 'blob_not_found');
  const s = await makeShare(f, alice, [], { downloadLimit: 5, expiresInSeconds: 3600 });
  const list = await (await f.call('GET', '/api/v1/shares', { as: alice })).json() as { shares: { shareId: string; status: string; downloadLimit: number }[] };
  assert.equal(list.shares.map((x) => [x.shareId, x.status, x.downloadLimit]), [[s.shareId, 'active', 5]]);
  const one = await (await f.call('GET', `/api/v1/shares/${s.shareId}`, { as: alice })).json() as { manifest: string };
  assert.is(one.manifest, s.manifest);
  const taken = await f.call('POST', '/api/v1/shares', { as: bob, json: { shareId: s.shareId, tokenHash: b64(randomBytes(32)), manifest: b64(randomBytes(10)), blobIds: [] } });
  assert.is(taken.status, 409);
  await f.close();
});

test.run();
