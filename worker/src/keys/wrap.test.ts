// Key wrapping: a wrap opens only with its KEK, for its key type and its owner.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isFormatError } from '../format/format-error.js';
import { cobblestoneDecrypt } from '../format/cobblestone.js';
import { encodeContext } from './context.js';
import { WRAP_KEY_TYPES } from './labels.js';
import { generateVaultKey } from './vault-key.js';
import { unwrapKey, wrapContext, wrapKey } from './wrap.js';

const kek = generateVaultKey();
const vaultKey = generateVaultKey();
const wrongKey = (e: unknown) => isFormatError(e, 'wrong-key');

const wrap = suite('wrapKey / unwrapKey');
wrap('round trip; a wrapped key is a 104-byte Cobblestone message', async () => {
  const wrapped = await wrapKey(kek, vaultKey, WRAP_KEY_TYPES.vaultByPassword, 'account-1');
  assert.is(wrapped.length, 24 + 32 + 32 + 16);
  assert.equal(await unwrapKey(kek, wrapped, WRAP_KEY_TYPES.vaultByPassword, 'account-1'), vaultKey);
  assert.equal(await cobblestoneDecrypt(kek, wrapped, encodeContext('veilbox/v1/wrap', 'vault-key/password', 'account-1')), vaultKey);
});
wrap('wrong KEK, another key type or another owner: wrong-key', async () => {
  const wrapped = await wrapKey(kek, vaultKey, WRAP_KEY_TYPES.vaultByDevice, 'device-7');
  await unwrapKey(generateVaultKey(), wrapped, WRAP_KEY_TYPES.vaultByDevice, 'device-7').then(() => assert.unreachable(), (e) => assert.ok(wrongKey(e)));
  await unwrapKey(kek, wrapped, WRAP_KEY_TYPES.vaultByRecovery, 'device-7').then(() => assert.unreachable(), (e) => assert.ok(wrongKey(e)));
  await unwrapKey(kek, wrapped, WRAP_KEY_TYPES.vaultByDevice, 'device-8').then(() => assert.unreachable(), (e) => assert.ok(wrongKey(e)));
});
wrap('refuses keys of the wrong size', async () => {
  await wrapKey(kek, new Uint8Array(16), WRAP_KEY_TYPES.fileByDrop, 'd').then(() => assert.unreachable(), (e: unknown) => assert.ok(isFormatError(e, 'bad-parameters')));
});
wrap.run();

const context = suite('wrapContext');
context('label ‖ length-prefixed key type ‖ length-prefixed owner', () => {
  assert.equal(wrapContext(WRAP_KEY_TYPES.fileByDrop, 'd1'), encodeContext('veilbox/v1/wrap', 'file-key/drop', 'd1'));
});
context.run();
