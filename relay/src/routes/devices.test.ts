// Route tests for devices and pairing: direct registration, device tokens as bearer, self view and
// wrap, revoke; pairing claim with the secret, wrong attempts burn it, expiry, single use.
import { randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { b64, errorCode, makeFixture, sha256, signUp } from '../test-support/fixture.js';

test('register a device, use its token, set its wrap, list and revoke it', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const created = await f.call('POST', '/api/v1/devices', { as: alice, json: { name: 'Laptop helper' } });
  assert.is(created.status, 201);
  const device = (await created.json()) as { deviceId: string; deviceToken: string };
  const auth = { authorization: `Bearer ${device.deviceToken}` };
  const wrap = b64(randomBytes(92));
  assert.is((await f.call('PUT', '/api/v1/devices/self/wrap', { json: { wrap }, headers: auth })).status, 200);
  const self = await (await f.call('GET', '/api/v1/devices/self', { headers: auth })).json() as { wrap: string; current: boolean };
  assert.is(self.wrap, wrap);
  assert.is(self.current, true);
  assert.is(await errorCode(await f.call('GET', '/api/v1/devices/self', { as: alice })), 'device_token_required');
  assert.is(await errorCode(await f.call('POST', '/api/v1/devices', { json: { name: 'x' }, headers: auth })), 'login_required');
  const list = await (await f.call('GET', '/api/v1/devices', { as: alice })).json() as { devices: { deviceId: string; hasWrap: boolean }[] };
  assert.equal(list.devices.map((d) => [d.deviceId, d.hasWrap]), [[device.deviceId, true]]);
  assert.is((await f.call('DELETE', `/api/v1/devices/${device.deviceId}`, { as: alice })).status, 200);
  assert.is((await f.call('GET', '/api/v1/account', { headers: auth })).status, 401, 'the token died with the device');
  assert.is((await f.meta.getDevice(alice.accountId, device.deviceId)), null, 'the wrap is gone');
  assert.is((await f.call('DELETE', `/api/v1/devices/${device.deviceId}`, { as: alice })).status, 404);
  await f.close();
});

test('the login session that registered a device ends when another session removes it, not when it removes it itself', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const logIn = async () => {
    const res = await f.call('POST', '/api/v1/auth/login', { json: { name: 'alice', authKey: b64(alice.authKey), session: 'bearer' } });
    return { ...alice, token: ((await res.json()) as { token: string }).token };
  };
  const remembered = await logIn();
  const register = async (as: typeof alice) => ((await (await f.call('POST', '/api/v1/devices', { as, json: { name: 'Browser' } })).json()) as { deviceId: string }).deviceId;
  const first = await register(remembered);
  // Its own removal (forgetting this browser) leaves the session working.
  assert.is((await f.call('DELETE', `/api/v1/devices/${first}`, { as: remembered })).status, 200);
  assert.is((await f.call('GET', '/api/v1/account', { as: remembered })).status, 200);
  const second = await register(remembered);
  assert.is((await f.call('DELETE', `/api/v1/devices/${second}`, { as: alice })).status, 200);
  assert.is(await errorCode(await f.call('GET', '/api/v1/account', { as: remembered })), 'unauthenticated', 'removed from elsewhere: signed out');
  assert.is((await f.call('GET', '/api/v1/account', { as: alice })).status, 200, 'the session that removed it goes on');
  await f.close();
});

test('pairing: claim with the secret token → payload + device token, once', async () => {
  const f = await makeFixture();
  const alice = await signUp(f, 'alice');
  const token = randomBytes(32);
  const payload = b64(randomBytes(120));
  const res = await f.call('POST', '/api/v1/pairings', { as: alice, json: { tokenHash: b64(sha256(token)), payload } });
  assert.is(res.status, 201);
  const { pairingId, maxAttempts } = (await res.json()) as { pairingId: string; maxAttempts: number };
  assert.is(maxAttempts, 5);
  const claim = await f.call('POST', `/api/v1/public/pairings/${pairingId}/claim`, { json: { token: b64(token), deviceName: 'Phone' } });
  assert.is(claim.status, 201);
  const claimed = (await claim.json()) as { payload: string; deviceToken: string; accountId: string; deviceId: string };
  assert.is(claimed.payload, payload);
  assert.is(claimed.accountId, alice.accountId);
  const me = await (await f.call('GET', '/api/v1/account', { headers: { authorization: `Bearer ${claimed.deviceToken}` } })).json() as { deviceId: string };
  assert.is(me.deviceId, claimed.deviceId);
  const status = await (await f.call('GET', `/api/v1/pairings/${pairingId}`, { as: alice })).json() as { status: string; deviceId: string };
  assert.equal([status.status, status.deviceId], ['claimed', claimed.deviceId]);
  const again = await f.call('POST', `/api/v1/public/pairings/${pairingId}/claim`, { json: { token: b64(token), deviceName: 'Phone' } });
  assert.is(await errorCode(again), 'pairing_used');
  await f.close();
});

test('pairing: wrong secrets count down and burn it; expiry', async () => {
  const f = await makeFixture({ pairing: { maxAttempts: 3 } as never });
  const alice = await signUp(f, 'alice');
  const token = randomBytes(32);
  const { pairingId } = (await (await f.call('POST', '/api/v1/pairings', { as: alice, json: { tokenHash: b64(sha256(token)), payload: b64(randomBytes(50)) } })).json()) as { pairingId: string };
  for (const left of [2, 1, 0]) {
    const res = await f.call('POST', `/api/v1/public/pairings/${pairingId}/claim`, { json: { token: b64(randomBytes(32)), deviceName: 'x' } });
    assert.is(res.status, 401);
    assert.is(((await res.json()) as { error: { attemptsLeft: number } }).error.attemptsLeft, left);
  }
  const burnt = await f.call('POST', `/api/v1/public/pairings/${pairingId}/claim`, { json: { token: b64(token), deviceName: 'x' } });
  assert.is(await errorCode(burnt), 'pairing_used', 'even the right secret is refused once burnt');
  assert.is((await f.meta.getPairing(pairingId))!.payload, null, 'the payload is erased');

  const t2 = randomBytes(32);
  const p2 = (await (await f.call('POST', '/api/v1/pairings', { as: alice, json: { tokenHash: b64(sha256(t2)), payload: b64(randomBytes(50)), expiresInSeconds: 60 } })).json()) as { pairingId: string };
  f.clock.advance(61_000);
  const expired = await f.call('POST', `/api/v1/public/pairings/${p2.pairingId}/claim`, { json: { token: b64(t2), deviceName: 'x' } });
  assert.is(expired.status, 410);
  assert.is(await errorCode(expired), 'pairing_expired');
  const tooLong = await f.call('POST', '/api/v1/pairings', { as: alice, json: { tokenHash: b64(sha256(t2)), payload: b64(randomBytes(5)), expiresInSeconds: 3600 } });
  assert.is(tooLong.status, 400, 'pairings live minutes, not hours');
  await f.close();
});

test.run();
