// A scripted client that encrypts like a real one, for the zero-knowledge test: every key comes from
// the password or from randomness on "the device", every record and blob leaves as AES-256-GCM
// ciphertext. Stand-ins: scrypt for Argon2id and plain AES-GCM for Cobblestone (the real format lives
// in worker/src/format; the relay must not care which one it is given).
import { createCipheriv, hkdfSync, randomBytes, scryptSync } from 'node:crypto';

export const hkdf = (key: Uint8Array, label: string, length = 32) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), label, length));

/** iv ‖ ciphertext ‖ tag; the AAD binds the record to its place, as the real format's context does. */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad = ''): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  return Buffer.concat([iv, cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
}

export interface PasswordKeys { salt: Buffer; master: Buffer; authKey: Buffer; passwordKek: Buffer }

export function passwordKeys(password: string, salt = randomBytes(16)): PasswordKeys {
  const master = scryptSync(password.normalize('NFC'), salt, 64, { N: 1 << 14, r: 8, p: 1 });
  return { salt, master, authKey: hkdf(master, 'veilbox/v1/password/auth'), passwordKek: hkdf(master, 'veilbox/v1/password/kek') };
}

export interface VaultKeys {
  password: PasswordKeys;
  vaultKey: Buffer;
  recoveryKey: Buffer;
  recoveryAuthKey: Buffer;
  recoveryKek: Buffer;
  nodeKey: Buffer;
}

export function newVault(password: string): VaultKeys {
  const vaultKey = randomBytes(32);
  const recoveryKey = randomBytes(64);
  return {
    password: passwordKeys(password), vaultKey, recoveryKey,
    recoveryAuthKey: hkdf(recoveryKey, 'veilbox/v1/recovery/auth'), recoveryKek: hkdf(recoveryKey, 'veilbox/v1/recovery/kek'),
    nodeKey: hkdf(vaultKey, 'veilbox/v1/vault/node-key'),
  };
}
