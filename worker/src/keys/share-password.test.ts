// Unit tests of share-password.ts: the owner's secret is a stable PRF of vault key and share id, the
// password split is deterministic and separates verifier from key, parameters outside floor and
// ceiling are refused before hashing, and the protected list opens only with the right password key.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { equalBytes, utf8 } from '../format/bytes.js';
import { isFormatError } from '../format/format-error.js';
import {
  checkSharePasswordKdf, deriveOwnedShareSecret, deriveSharePasswordKeys, openProtectedList, sealProtectedList, SHARE_PASSWORD_KDF,
} from './share-password.js';

const vaultKey = new Uint8Array(32).fill(7);
const salt = new Uint8Array(16).fill(3);

test('deriveOwnedShareSecret: 32 bytes, the same for the same share, different for another', async () => {
  const a = await deriveOwnedShareSecret(vaultKey, 'q3Vb6K1tY0WgO9m8mZ2x9A');
  assert.is(a.length, 32);
  assert.ok(equalBytes(a, await deriveOwnedShareSecret(vaultKey, 'q3Vb6K1tY0WgO9m8mZ2x9A')));
  assert.not.ok(equalBytes(a, await deriveOwnedShareSecret(vaultKey, 'AAAAAAAAAAAAAAAAAAAAAA')));
});

test('deriveSharePasswordKeys: deterministic, NFC-normalised, verifier ≠ key', async () => {
  const one = await deriveSharePasswordKeys('caf\u00e9', salt, SHARE_PASSWORD_KDF);
  const two = await deriveSharePasswordKeys('cafe\u0301', salt, SHARE_PASSWORD_KDF);
  assert.ok(equalBytes(one.verifier, two.verifier));
  assert.ok(equalBytes(one.passwordKey, two.passwordKey));
  assert.not.ok(equalBytes(one.verifier, one.passwordKey));
  const other = await deriveSharePasswordKeys('cafe', salt, SHARE_PASSWORD_KDF);
  assert.not.ok(equalBytes(one.verifier, other.verifier));
});

test('checkSharePasswordKdf refuses a cheaper or a phone-exhausting hash, and odd salts', () => {
  const refuses = (change: Partial<typeof SHARE_PASSWORD_KDF>, s = salt) => {
    try { checkSharePasswordKdf({ ...SHARE_PASSWORD_KDF, ...change }, s); } catch (e) { return isFormatError(e) && e.kind === 'bad-parameters'; }
    return false;
  };
  assert.ok(refuses({ memoryKiB: 8192 }));
  assert.ok(refuses({ iterations: 1 }));
  assert.ok(refuses({ memoryKiB: 1024 * 1024 }));
  assert.ok(refuses({ version: 16 }));
  assert.ok(refuses({}, new Uint8Array(8)));
  assert.not.ok(refuses({}));
});

test('the protected list opens with the right password key and share id only', async () => {
  const manifestKey = new Uint8Array(32).fill(9);
  const { passwordKey } = await deriveSharePasswordKeys('right', salt, SHARE_PASSWORD_KDF);
  const sealed = await sealProtectedList(manifestKey, passwordKey, utf8('{"files":[]}'), 'share-a');
  assert.equal(new TextDecoder().decode(await openProtectedList(manifestKey, passwordKey, sealed, 'share-a')), '{"files":[]}');
  const wrong = await deriveSharePasswordKeys('wrong', salt, SHARE_PASSWORD_KDF);
  for (const [key, id] of [[wrong.passwordKey, 'share-a'], [passwordKey, 'share-b']] as const) {
    try {
      await openProtectedList(manifestKey, key, sealed, id);
      assert.unreachable('opened');
    } catch (e) {
      assert.ok(isFormatError(e) && e.kind === 'wrong-key', String(e));
    }
  }
});

test.run();
