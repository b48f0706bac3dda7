// Random keys and the vault's node key (HKDF-SHA-256, checked against node:crypto).
import { hkdfSync } from 'node:crypto';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { isFormatError } from '../format/format-error.js';
import { LABEL_VAULT_NODE_KEY } from './labels.js';
import { deriveNodeKey, generateFileKey, generateVaultKey } from './vault-key.js';

const gen = suite('generateVaultKey / generateFileKey');
gen('32 fresh random bytes each', () => {
  assert.is(generateVaultKey().length, 32);
  assert.is(generateFileKey().length, 32);
  assert.not.equal(generateFileKey(), generateFileKey());
});
gen.run();

const node = suite('deriveNodeKey');
node('HKDF-SHA-256(vault key, empty salt, "veilbox/v1/vault/node-key")', async () => {
  const vaultKey = generateVaultKey();
  assert.equal(await deriveNodeKey(vaultKey), new Uint8Array(hkdfSync('sha256', vaultKey, new Uint8Array(0), LABEL_VAULT_NODE_KEY, 32)));
  await deriveNodeKey(new Uint8Array(5)).then(() => assert.unreachable(), (e: unknown) => assert.ok(isFormatError(e, 'bad-parameters')));
});
node.run();
