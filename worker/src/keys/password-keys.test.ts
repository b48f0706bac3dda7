// The password path: Argon2id at the stored parameters, the HKDF-SHA-256 split (checked against
// node:crypto's HKDF), the parameter floor and ceiling, and NFC normalisation.
import { hkdfSync } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { argon2idRaw } from '../format/argon2id.js';
import { isFormatError } from '../format/format-error.js';
import { LABEL_PASSWORD_AUTH, LABEL_PASSWORD_KEK } from './labels.js';
import { checkPasswordKdfParams, DEFAULT_PASSWORD_KDF, type PasswordKdfParams } from './password-kdf-params.js';
import { derivePasswordKeys, passwordBytes } from './password-keys.js';

const salt = new Uint8Array(16).fill(5);

const derive = suite('derivePasswordKeys');
derive('splits Argon2id(m=64 MiB, t=3, p=1) output into two HKDF-SHA-256 keys', async () => {
  const keys = await derivePasswordKeys('correct horse', salt, DEFAULT_PASSWORD_KDF);
  const master = await argon2idRaw(passwordBytes('correct horse'), salt, DEFAULT_PASSWORD_KDF, 64);
  assert.equal(keys.authKey, new Uint8Array(hkdfSync('sha256', master, new Uint8Array(0), LABEL_PASSWORD_AUTH, 32)));
  assert.equal(keys.passwordKek, new Uint8Array(hkdfSync('sha256', master, new Uint8Array(0), LABEL_PASSWORD_KEK, 32)));
  assert.not.equal(keys.authKey, keys.passwordKek);
});
derive('the same password typed as composed or decomposed Unicode gives the same keys', async () => {
  const composed = await derivePasswordKeys('caf\u00e9', salt, DEFAULT_PASSWORD_KDF);
  const decomposed = await derivePasswordKeys('cafe\u0301', salt, DEFAULT_PASSWORD_KDF);
  assert.equal(composed.authKey, decomposed.authKey);
});
derive('refuses weak parameters before hashing anything', async () => {
  const weak: PasswordKdfParams = { ...DEFAULT_PASSWORD_KDF, memoryKiB: 1024 };
  await derivePasswordKeys('x', salt, weak).then(() => assert.unreachable(), (e: unknown) => assert.ok(isFormatError(e, 'bad-parameters')));
});
derive.run();

const params = suite('checkPasswordKdfParams');
params('accepts the defaults and stronger settings', () => {
  checkPasswordKdfParams(DEFAULT_PASSWORD_KDF, salt);
  checkPasswordKdfParams({ ...DEFAULT_PASSWORD_KDF, memoryKiB: 256 * 1024, iterations: 4, parallelism: 2 }, new Uint8Array(32));
});
params('refuses a downgrade, an absurd cost, another algorithm or version, a short salt', () => {
  const refused = (p: PasswordKdfParams, s: Uint8Array = salt) =>
    assert.throws(() => checkPasswordKdfParams(p, s), (e: unknown) => isFormatError(e, 'bad-parameters'));
  refused({ ...DEFAULT_PASSWORD_KDF, memoryKiB: 64 * 1024 - 1 });
  refused({ ...DEFAULT_PASSWORD_KDF, iterations: 2 });
  refused({ ...DEFAULT_PASSWORD_KDF, parallelism: 0 });
  refused({ ...DEFAULT_PASSWORD_KDF, memoryKiB: 4 * 1024 * 1024 });
  refused({ ...DEFAULT_PASSWORD_KDF, iterations: 1000 });
  refused({ ...DEFAULT_PASSWORD_KDF, iterations: 3.5 });
  refused({ ...DEFAULT_PASSWORD_KDF, version: 0x10 });
  refused({ ...DEFAULT_PASSWORD_KDF, algorithm: 'argon2i' as 'argon2id' });
  refused(DEFAULT_PASSWORD_KDF, new Uint8Array(8));
});
params.run();
