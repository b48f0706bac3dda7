// Unit tests of pairing-code.ts and pairing-keys.ts: codes round-trip and forgive case, spaces and
// look-alikes; malformed codes are refused in words; both sides derive the same keys and 6 digits, and
// the digits change with the device id.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isClientError } from './client-error.js';
import { decodePairingCode, encodePairingCode } from './pairing-code.js';
import { derivePairingKeys, newPairingSecret, unwrapFromPairing, verificationCode, wrapForPairing } from './pairing-keys.js';
import { pairingCodeFrom } from './pairing.js';

test('codes round-trip, in four groups of four', () => {
  for (let i = 0; i < 50; i++) {
    const secret = newPairingSecret();
    const code = encodePairingCode(secret);
    assert.match(code, /^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$/);
    assert.equal(decodePairingCode(code), secret);
    assert.equal(decodePairingCode(` ${code.toLowerCase().replace(/-/g, ' ')} `), secret);
  }
  const zeros = new Uint8Array(10);
  assert.equal(decodePairingCode('oooo-OOOO-0000-0000'), zeros);
  assert.equal(pairingCodeFrom('https://vault.example/pair#ABCD-EFGH-JKMN-PQRS'), 'ABCD-EFGH-JKMN-PQRS');
});

test('malformed codes are refused in words', () => {
  for (const bad of ['', 'ABCD', 'ABCD-EFGH-JKMN-PQRU', 'ABCD-EFGH-JKMN-PQRS-T']) {
    try {
      decodePairingCode(bad);
      assert.unreachable(bad);
    } catch (error) {
      assert.ok(isClientError(error));
      assert.match((error as Error).message, /pairing code/);
    }
  }
});

test('both sides derive the same keys and digits; the payload opens only with the secret', async () => {
  const secret = newPairingSecret();
  const a = await derivePairingKeys(secret);
  const b = await derivePairingKeys(decodePairingCode(encodePairingCode(secret)));
  assert.is(a.pairingId, b.pairingId);
  assert.is(a.token, b.token);
  assert.is(a.pairingId.length, 22);
  assert.is(a.token.length, 43);
  const vaultKey = crypto.getRandomValues(new Uint8Array(32));
  assert.equal(await unwrapFromPairing(b, await wrapForPairing(a, vaultKey)), vaultKey);
  const other = await derivePairingKeys(newPairingSecret());
  try { await unwrapFromPairing(other, await wrapForPairing(a, vaultKey)); assert.unreachable(); } catch (e) { assert.not.instance(e, assert.Assertion); }
  const code = await verificationCode(secret, 'device-1');
  assert.match(code, /^\d{6}$/);
  assert.is(await verificationCode(secret, 'device-1'), code);
  assert.is.not(await verificationCode(secret, 'device-2'), code);
});

test.run();
