// Share link keys: HKDF-SHA-256 of the secret, checked against node:crypto.
import { hkdfSync } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isFormatError } from '../format/format-error.js';
import { LABEL_SHARE_AUTH, LABEL_SHARE_MANIFEST_KEY } from './labels.js';
import { deriveShareKeys, generateShareSecret } from './share-keys.js';

const derive = suite('deriveShareKeys / generateShareSecret');
derive('manifest key and auth token from the secret', async () => {
  const secret = generateShareSecret();
  assert.is(secret.length, 32);
  const { manifestKey, authToken } = await deriveShareKeys(secret);
  assert.equal(manifestKey, new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), LABEL_SHARE_MANIFEST_KEY, 32)));
  assert.equal(authToken, new Uint8Array(hkdfSync('sha256', secret, new Uint8Array(0), LABEL_SHARE_AUTH, 32)));
});
derive('a secret shorter than 128 bits is refused', async () => {
  await deriveShareKeys(new Uint8Array(8)).then(() => assert.unreachable(), (e: unknown) => assert.ok(isFormatError(e, 'bad-parameters')));
});
derive.run();
