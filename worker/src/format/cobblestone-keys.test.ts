// The Cobblestone-256 key schedule: the derived bytes of a Wycheproof vector, the XOR of the
// chunk counter into the nonce across byte boundaries, and the commitment check.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { loadAeadBackend } from './aead-backend.js';
import { bytesToHex, hexToBytes, utf8 } from './bytes.js';
import { chunkNonce, deriveAndCommit, deriveCobblestoneBytes } from './cobblestone-keys.js';
import { isFormatError } from './format-error.js';

const derive = suite('deriveCobblestoneBytes / deriveAndCommit');
derive('vbx1_test.json tcId 2: key, base nonce and commitment', async () => {
  const key = hexToBytes('c53cdff92d6239e8f29044cafd96abc0f2c4c82582e39ed5fe32f45184a5c35e');
  const salt = hexToBytes('f21c980ebacc675a115270ea6f3b7779e798785901deeb42');
  const context = new Uint8Array([...utf8('veilbox/v1/blob'), ...hexToBytes('5642583101000000')]);
  const okm = bytesToHex(await deriveCobblestoneBytes(key, salt, context));
  assert.is(okm.slice(0, 64), 'bf8897df7a8fe5c5ef87f95407167acdad1568cdca4b2e8dc14ba72fce999647');
  assert.is(okm.slice(64, 88), '047abf0176cd62f5e1df0e10');
  assert.is(okm.slice(88), 'fefa74246b30520301af093c8ed44dd77e1d72363bafedb70ae45ab9b2bb754a');
  const backend = await loadAeadBackend();
  await deriveAndCommit(backend, key, salt, hexToBytes(okm.slice(88)), context);
  await deriveAndCommit(backend, key, salt, new Uint8Array(32), context).then(
    () => assert.unreachable(), (e: unknown) => assert.ok(isFormatError(e, 'wrong-key')));
});
derive('refuses a wrong salt size', async () => {
  await deriveCobblestoneBytes(new Uint8Array(32), new Uint8Array(16), new Uint8Array(0)).then(
    () => assert.unreachable(), (e: unknown) => assert.ok(isFormatError(e, 'bad-parameters')));
});
derive.run();

const nonce = suite('chunkNonce');
nonce('base nonce XOR the big-endian counter, right-aligned', () => {
  const base = hexToBytes('047abf0176cd62f5e1df0e10');
  const out = new Uint8Array(12);
  assert.is(bytesToHex(chunkNonce(base, 0, out)), '047abf0176cd62f5e1df0e10');
  assert.is(bytesToHex(chunkNonce(base, 258, out)), '047abf0176cd62f5e1df0f12');
  assert.is(bytesToHex(chunkNonce(new Uint8Array(12), 2 ** 32 + 1, out)), '000000000000000100000001');
  assert.is(bytesToHex(chunkNonce(new Uint8Array(12), 2 ** 53 - 1, out)), '00000000001fffffffffffff');
});
nonce.run();
