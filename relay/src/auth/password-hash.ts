// The relay's slow hash for secrets that gate an account or a share (authKey, recoveryAuthKey,
// share-password verifier): scrypt with a fresh 16-byte salt, parameters kept in the encoded string
// so they can be raised later without breaking stored hashes. Runs on the libuv pool, never blocking.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptCost } from '../config.js';

const KEY_LENGTH = 32;

function derive(secret: Uint8Array, salt: Buffer, cost: ScryptCost): Promise<Buffer> {
  // maxmem must cover 128·N·r bytes plus slack, or scrypt refuses the parameters.
  const maxmem = 128 * cost.N * cost.r * 2 + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_LENGTH, { N: cost.N, r: cost.r, p: cost.p, maxmem }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `scrypt$N$r$p$<salt b64url>$<hash b64url>` */
export async function hashSecret(secret: Uint8Array, cost: ScryptCost): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(secret, salt, cost);
  return ['scrypt', cost.N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifySecret(secret: Uint8Array, encoded: string): Promise<boolean> {
  const [alg, n, r, p, salt, hash] = encoded.split('$');
  if (alg !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(secret, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Spends the same time as a real check, so unknown names and right names look alike. */
export async function burnSecretCheck(cost: ScryptCost): Promise<void> {
  await derive(Buffer.alloc(KEY_LENGTH), Buffer.alloc(16), cost);
}
