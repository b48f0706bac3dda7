// Route tests for accounts: pre-login, sign-up (open / invite-only), login with password or recovery
// key, cookies, logout, change password, delete account, expired sessions and login rate limits.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hashInviteCode, newInviteCode } from '../auth/invite-code.js';
import { b64, errorCode, makeFixture, signUp, signupBody, uploadBlob, KDF } from '../test-support/fixture.js';

test('pre-login: real params for a real name; a stable fake salt for an unknown one', async () => {
  const f = await makeFixture();
  const { body } = signupBody('alice');
  await f.call('POST', '/api/v1/auth/signup', { json: body });
  const real = await (await f.call('POST', '/api/v1/auth/prelogin', { json: { name: 'Alice ' } })).json() as { kdf: unknown; salt: string };
  assert.equal(real, { kdf: KDF, salt: body.salt });
  const fake1 = await (await f.call('POST', '/api/v1/auth/prelogin', { json: { name: 'mallory' } })).json() as { kdf: unknown; salt: string };
  const fake2 = await (await f.call('POST', '/api/v1/auth/prelogin', { json: { name: 'mallory' } })).json() as { kdf: unknown; salt: string };
  assert.equal(fake1, fake2);
  assert.equal(fake1.kdf, KDF);
  assert.is(Buffer.from(fake1.salt, 'base64url').length, 16);
  const other = await (await f.call('POST', '/api/v1/auth/prelogin', { json: { name: 'trudy' } })).json() as { salt: string };
  assert.is.not(other.salt, fake1.salt);
  await f.close();
});

test('sign-up then login with authKey or recoveryAuthKey; wraps only after login', async () => {
  const f = await makeFixture();
  const { body, keys } = signupBody('alice', { session: 'cookie' });
  const res = await f.call('POST', '/api/v1/auth/signup', { json: body });
  assert.is(res.status, 201);
  const cookie = res.headers.get('set-cookie')!;
  assert.match(cookie, /^vb_session=[A-Za-z0-9_-]{43};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.not.match(cookie, /Secure/);
  const signed = await res.json() as Record<string, unknown>;
  assert.is(signed.token, undefined, 'cookie mode keeps the token out of the body');

  const login = await f.call('POST', '/api/v1/auth/login', { json: { name: 'alice', authKey: b64(keys.authKey), session: 'bearer' } });
  assert.is(login.status, 200);
  const answer = await login.json() as { passwordWrap: string; token: string; accountId: string };
  assert.is(answer.passwordWrap, body.passwordWrap);
  const me = await f.call('GET', '/api/v1/account', { headers: { authorization: `Bearer ${answer.token}` } });
  assert.is(((await me.json()) as { name: string }).name, 'alice');

  const recovery = await f.call('POST', '/api/v1/auth/login', { json: { name: 'alice', recoveryAuthKey: b64(keys.recoveryAuthKey) } });
  assert.is(recovery.status, 200);
  const r = await recovery.json() as Record<string, unknown>;
  assert.is(r.recoveryWrap, body.recoveryWrap);
  assert.is(r.passwordWrap, undefined);
  await f.close();
});

test('the session cookie is Secure when configured for TLS, and works on its own', async () => {
  const f = await makeFixture({ secureCookies: true });
  const res = await f.call('POST', '/api/v1/auth/signup', { json: signupBody('alice', { session: 'cookie' }).body });
  const cookie = res.headers.get('set-cookie')!;
  assert.match(cookie, /Secure/);
  const token = /vb_session=([^;]+)/.exec(cookie)![1];
  const me = await f.call('GET', '/api/v1/account', { headers: { cookie: `vb_session=${token}` } });
  assert.is(me.status, 200);
  const cross = await f.call('POST', '/api/v1/auth/logout', { headers: { cookie: `vb_session=${token}`, origin: 'https://evil.example' } });
  assert.is(cross.status, 403);
  assert.is(await errorCode(cross), 'bad_origin');
  await f.close();
});

test('wrong key, unknown name: the same 401 invalid_credentials; no wrap handed out', async () => {
  const f = await makeFixture();
  await signUp(f, 'alice');
  for (const name of ['alice', 'nobody']) {
    const res = await f.call('POST', '/api/v1/auth/login', { json: { name, authKey: b64(Buffer.alloc(32, 1)) } });
    assert.is(res.status, 401);
    const body = await res.json() as { error: { code: string }; passwordWrap?: string };
    assert.is(body.error.code, 'invalid_credentials');
    assert.is(body.passwordWrap, undefined);
  }
  await f.close();
});

test('sign-up: invite-only needs a valid one-time invite; reserved names are kept', async () => {
  const f = await makeFixture({ signup: 'invite' });
  const none = await f.call('POST', '/api/v1/auth/signup', { json: signupBody('alice').body });
  assert.is(none.status, 403);
  assert.is(await errorCode(none), 'invite_required');
  const code = newInviteCode();
  await f.meta.createInvite({ codeHash: hashInviteCode(code)!, name: null, quota: 5000, createdAt: f.clock.now, expiresAt: f.clock.now + 1e6, usedAt: null });
  const ok = await f.call('POST', '/api/v1/auth/signup', { json: signupBody('alice', { invite: code.toLowerCase() }).body });
  assert.is(ok.status, 201);
  assert.is(((await ok.json()) as { quota: number }).quota, 5000);
  const again = await f.call('POST', '/api/v1/auth/signup', { json: signupBody('bob', { invite: code }).body });
  assert.is(await errorCode(again), 'invite_invalid');

  const reserved = newInviteCode();
  await f.meta.createInvite({ codeHash: hashInviteCode(reserved)!, name: 'carol', quota: null, createdAt: f.clock.now, expiresAt: f.clock.now + 1e6, usedAt: null });
  const wrongName = await f.call('POST', '/api/v1/auth/signup', { json: signupBody('dave', { invite: reserved }).body });
  assert.is(await errorCode(wrongName), 'invite_invalid');
  const right = await f.call('POST', '/api/v1/auth/signup', { json: signupBody('carol', { invite: reserved }).body });
  assert.is(right.status, 201);
  await f.close();
});

test('open sign-up: names are unique and reserved names stay reserved', async () => {
  const f = await makeFixture();
  await signUp(f, 'alice');
  const dup = await f.call('POST', '/api/v1/auth/signup', { json: signupBody('ALICE').body });
  assert.is(dup.status, 409);
  assert.is(await errorCode(dup), 'name_taken');
  await f.meta.createInvite({ codeHash: hashInviteCode(newInviteCode())!, name: 'erin', quota: null, createdAt: f.clock.now, expiresAt: f.clock.now + 1e6, usedAt: null });
  assert.is(await errorCode(await f.call('POST', '/api/v1/auth/signup', { json: signupBody('erin').body })), 'name_taken');
  const bad = await f.call('POST', '/api/v1/auth/signup', { json: signupBody('a/../b').body });
  assert.is(bad.status, 400);
  await f.close();
});

test('logout ends the session; an expired session answers session_expired', async () => {
  const f = await makeFixture({ sessionTtlMs: 60_000 });
  const alice = await signUp(f, 'alice');
  assert.is((await f.call('POST', '/api/v1/auth/logout', { as: alice })).status, 200);
  assert.is(await errorCode(await f.call('GET', '/api/v1/account', { as: alice })), 'unauthenticated');
  const login = await f.call('POST', '/api/v1/auth/login', { json: { name: 'alice', authKey: b64(alice.authKey), session: 'bearer' } });
  const token = ((await login.json()) as { token: string }).token;
  f.clock.advance(61_000);
  const res = await f.call('GET', '/api/v1/account', { headers: { authorization: `Bearer ${token}` } });
  assert.is(res.status, 401);
  assert.is(await errorCode(res), 'session_expired');
  await f.close();
});

test('change password: re-wrap only; old key stops working, other sessions end', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const other = await f.call('POST', '/api/v1/auth/login', { json: { name: 'alice', authKey: b64(alice.authKey), session: 'bearer' } });
  const otherToken = ((await other.json()) as { token: string }).token;
  const newAuthKey = Buffer.alloc(32, 9);
  const change = {
    authKey: b64(alice.authKey), newKdf: { ...KDF, iterations: 4 }, newSalt: b64(Buffer.alloc(16, 3)),
    newAuthKey: b64(newAuthKey), newPasswordWrap: b64(Buffer.alloc(92, 4)),
  };
  const wrong = await f.call('POST', '/api/v1/auth/password', { as: alice, json: { ...change, authKey: b64(Buffer.alloc(32)) } });
  assert.is(wrong.status, 401);
  const res = await f.call('POST', '/api/v1/auth/password', { as: alice, json: change });
  assert.is(res.status, 200);
  assert.is(((await res.json()) as { endedSessions: number }).endedSessions, 1);
  assert.is((await f.call('GET', '/api/v1/account', { headers: { authorization: `Bearer ${otherToken}` } })).status, 401);
  assert.is((await f.call('GET', '/api/v1/account', { as: alice })).status, 200);
  assert.is((await f.call('POST', '/api/v1/auth/login', { json: { name: 'alice', authKey: b64(alice.authKey) } })).status, 401);
  const login = await f.call('POST', '/api/v1/auth/login', { json: { name: 'alice', authKey: b64(newAuthKey) } });
  assert.is(login.status, 200);
  const body = await login.json() as { passwordWrap: string; kdf: { iterations: number } };
  assert.is(body.passwordWrap, change.newPasswordWrap);
  assert.is(body.kdf.iterations, 4);
  await f.close();
});

test('delete account removes every record and blob file, needs the key again', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const bob = await signUp(f, 'bob');
  const blobId = await uploadBlob(f, alice, Buffer.alloc(1000, 1));
  const bobBlob = await uploadBlob(f, bob, Buffer.alloc(1000, 2));
  const refused = await f.call('DELETE', '/api/v1/account', { as: alice, json: { authKey: b64(Buffer.alloc(32)) } });
  assert.is(refused.status, 401);
  const res = await f.call('DELETE', '/api/v1/account', { as: alice, json: { authKey: b64(alice.authKey) } });
  assert.is(res.status, 200);
  assert.is(await f.meta.findAccountByName('alice'), null);
  assert.is(await f.meta.getBlob(blobId), null);
  const stored = await f.storedBlobIds();
  assert.not.ok(stored.includes(blobId));
  assert.ok(stored.includes(bobBlob));
  assert.is((await f.call('GET', '/api/v1/account', { as: alice })).status, 401);
  assert.is((await f.call('POST', '/api/v1/auth/login', { json: { name: 'alice', authKey: b64(alice.authKey) } })).status, 401);
  await f.close();
});

test('login is rate-limited per IP and per account: 429 with Retry-After', async () => {
  const f = await makeFixture({ rateLimits: { loginFailuresPerAccount: { limit: 3, windowMs: 60_000 } } as never });
  const alice = await signUp(f, 'alice');
  for (let i = 0; i < 3; i++) {
    assert.is((await f.call('POST', '/api/v1/auth/login', { json: { name: 'alice', authKey: b64(Buffer.alloc(32)) } })).status, 401);
  }
  const limited = await f.call('POST', '/api/v1/auth/login', { json: { name: 'alice', authKey: b64(alice.authKey) } });
  assert.is(limited.status, 429);
  assert.is(limited.headers.get('retry-after'), '60');
  assert.is(await errorCode(limited), 'rate_limited');
  f.clock.advance(60_000);
  assert.is((await f.call('POST', '/api/v1/auth/login', { json: { name: 'alice', authKey: b64(alice.authKey) } })).status, 200);
  await f.close();

  const g = await makeFixture({ rateLimits: { loginPerIp: { limit: 2, windowMs: 30_000 }, signupPerIp: { limit: 1, windowMs: 30_000 } } as never });
  await signUp(g, 'carol');
  const signup = await g.call('POST', '/api/v1/auth/signup', { json: signupBody('dave').body });
  assert.is(signup.status, 429);
  assert.is(signup.headers.get('retry-after'), '30');
  await g.call('POST', '/api/v1/auth/login', { json: { name: 'x1x', authKey: b64(Buffer.alloc(32)) } });
  await g.call('POST', '/api/v1/auth/login', { json: { name: 'x2x', authKey: b64(Buffer.alloc(32)) } });
  assert.is((await g.call('POST', '/api/v1/auth/login', { json: { name: 'x3x', authKey: b64(Buffer.alloc(32)) } })).status, 429);
  await g.close();
});

test.run();
