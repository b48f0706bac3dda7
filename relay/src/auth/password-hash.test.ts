// Unit tests for the scrypt slow hash of auth keys and share verifiers.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { hashSecret, verifySecret } from './password-hash.js';

const cost = { N: 1024, r: 8, p: 1 };

test('verifies the right secret, refuses a wrong one, salts every hash', async () => {
  const secret = Buffer.alloc(32, 7);
  const a = await hashSecret(secret, cost);
  const b = await hashSecret(secret, cost);
  assert.ok(a.startsWith('scrypt$1024$8$1$'));
  assert.is.not(a, b);
  assert.ok(await verifySecret(secret, a));
  assert.not.ok(await verifySecret(Buffer.alloc(32, 8), a));
  assert.not.ok(await verifySecret(secret, 'garbage'));
  assert.not.ok(a.includes(secret.toString('base64url')));
});

test.run();
