// The recovery key's keys: 64 random bytes, and HKDF-SHA-256 splits checked against node:crypto.
import { hkdfSync } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isFormatError } from '../format/format-error.js';
import { LABEL_RECOVERY_AUTH, LABEL_RECOVERY_KEK } from './labels.js';
import { deriveRecoveryKeys, generateRecoveryKey } from './recovery-key.js';

const gen = suite('generateRecoveryKey');
gen('64 fresh random bytes', () => {
  const a = generateRecoveryKey();
  assert.is(a.length, 64);
  assert.not.equal(a, generateRecoveryKey());
});
gen.run();

const derive = suite('deriveRecoveryKeys');
derive('auth key and KEK are HKDF-SHA-256 of the recovery key with their labels', async () => {
  const key = generateRecoveryKey();
  const { recoveryAuthKey, recoveryKek } = await deriveRecoveryKeys(key);
  assert.equal(recoveryAuthKey, new Uint8Array(hkdfSync('sha256', key, new Uint8Array(0), LABEL_RECOVERY_AUTH, 32)));
  assert.equal(recoveryKek, new Uint8Array(hkdfSync('sha256', key, new Uint8Array(0), LABEL_RECOVERY_KEK, 32)));
});
derive('refuses a key of the wrong size', async () => {
  await deriveRecoveryKeys(new Uint8Array(32)).then(() => assert.unreachable(), (e: unknown) => assert.ok(isFormatError(e, 'bad-parameters')));
});
derive.run();
