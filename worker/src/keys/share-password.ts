// The keys around a share link beyond share-keys.ts ([Note: Share password] below): the owner's
// secret for a share, derived from the vault key so "My shares" can show and copy a link again
// without storing it; the read token's hash the relay keeps; and the optional password, which both
// gates the relay (a verifier) and seals the share's file list (a key the relay never sees).
import { argon2idRaw } from '../format/argon2id.js';
import { concatBytes, utf8 } from '../format/bytes.js';
import { cobblestoneDecrypt, cobblestoneEncrypt } from '../format/cobblestone.js';
import { FormatError } from '../format/format-error.js';
import { hkdf } from '../format/hkdf.js';
import { sha256Of } from '../format/sha256-hasher.js';
import { encodeContext } from './context.js';
import { KEY_BYTES } from './key-sizes.js';
import {
  CONTEXT_SHARE_PROTECTED, HKDF_SALT, LABEL_SHARE_OWNED_SECRET, LABEL_SHARE_PASSWORD_KEY, LABEL_SHARE_PASSWORD_VERIFIER, LABEL_SHARE_PROTECTED_KEY,
} from './labels.js';
import { ARGON2_VERSION, type PasswordKdfParams } from './password-kdf-params.js';
import { passwordBytes } from './password-keys.js';
import { SHARE_SECRET_BYTES } from './share-keys.js';

/*
 * [Note: Share password]
 * A share password is typed on whatever device opens the link, phones included, so its Argon2id is
 * lighter than the account password's: m = 19 MiB, t = 2, p = 1 (RFC 9106's second recommendation
 * and OWASP's minimum). master(64) = Argon2id(NFC(password), salt16, those parameters);
 *   verifier(32)    = HKDF(master, "veilbox/v1/share/password-verifier")  → the relay, which keeps a
 *                     slow hash, counts wrong tries and locks the share after 10;
 *   passwordKey(32) = HKDF(master, "veilbox/v1/share/password-key")       → never leaves the client.
 * The file list (names of everything below the top, file keys, blob ids) is sealed under
 * HKDF(manifestKey ‖ passwordKey, "veilbox/v1/share/protected-key") with context
 * "veilbox/v1/share/protected" ‖ shareId, inside the manifest. So the password is not only a gate the
 * relay could skip: whoever holds the link and the relay's data still needs the password to read the
 * files. A reader refuses parameters outside the floor and ceiling below, so a relay can neither
 * cheapen the hash nor exhaust a phone.
 */

export const SHARE_PASSWORD_KDF: PasswordKdfParams = Object.freeze({
  algorithm: 'argon2id', version: ARGON2_VERSION, memoryKiB: 19 * 1024, iterations: 2, parallelism: 1,
});
const FLOOR = { memoryKiB: 19 * 1024, iterations: 2, parallelism: 1 } as const;
const CEILING = { memoryKiB: 256 * 1024, iterations: 16, parallelism: 4 } as const;
export const SHARE_PASSWORD_SALT_BYTES = 16;
const MASTER_BYTES = 64;

export interface SharePasswordKeys {
  /** Sent to the relay (creation, open, each download); it keeps only a slow hash. */
  verifier: Uint8Array;
  /** Mixed into the key of the protected file list; never sent. */
  passwordKey: Uint8Array;
}

function refuse(detail: string): FormatError {
  return new FormatError('bad-parameters', `The server asked for share-password hashing this app won't use (${detail}); the server may be misconfigured or tampered with.`);
}

export function checkSharePasswordKdf(params: PasswordKdfParams, salt: Uint8Array): void {
  if (params.algorithm !== 'argon2id' || params.version !== ARGON2_VERSION) throw refuse(`${String(params.algorithm)} version ${params.version}`);
  for (const name of ['memoryKiB', 'iterations', 'parallelism'] as const) {
    const value = params[name];
    if (!Number.isSafeInteger(value) || value < FLOOR[name] || value > CEILING[name]) throw refuse(`${name} ${value}`);
  }
  if (salt.length < 16 || salt.length > 64) throw refuse(`a ${salt.length}-byte salt`);
}

export async function deriveSharePasswordKeys(password: string, salt: Uint8Array, params: PasswordKdfParams): Promise<SharePasswordKeys> {
  checkSharePasswordKdf(params, salt);
  const master = await argon2idRaw(passwordBytes(password), salt, params, MASTER_BYTES);
  try {
    const [verifier, passwordKey] = await Promise.all([
      hkdf('SHA-256', master, HKDF_SALT, utf8(LABEL_SHARE_PASSWORD_VERIFIER), KEY_BYTES),
      hkdf('SHA-256', master, HKDF_SALT, utf8(LABEL_SHARE_PASSWORD_KEY), KEY_BYTES),
    ]);
    return { verifier, passwordKey };
  } finally {
    master.fill(0);
  }
}

/** The secret of share `shareId` made by this vault: a PRF of the vault key, so one leaked link tells nothing of another. */
export function deriveOwnedShareSecret(vaultKey: Uint8Array, shareId: string): Promise<Uint8Array> {
  return hkdf('SHA-256', vaultKey, HKDF_SALT, encodeContext(LABEL_SHARE_OWNED_SECRET, shareId), SHARE_SECRET_BYTES);
}

/** What the relay stores to recognise the read token: SHA-256 of its 32 bytes (docs/API.md "Tokens"). */
export function shareTokenHash(authToken: Uint8Array): Promise<Uint8Array> {
  return sha256Of(authToken);
}

async function protectedKey(manifestKey: Uint8Array, passwordKey: Uint8Array): Promise<Uint8Array> {
  return hkdf('SHA-256', concatBytes(manifestKey, passwordKey), HKDF_SALT, utf8(LABEL_SHARE_PROTECTED_KEY), KEY_BYTES);
}

export async function sealProtectedList(manifestKey: Uint8Array, passwordKey: Uint8Array, list: Uint8Array, shareId: string): Promise<Uint8Array> {
  return cobblestoneEncrypt(await protectedKey(manifestKey, passwordKey), list, encodeContext(CONTEXT_SHARE_PROTECTED, shareId));
}

/** A wrong password (or a list moved from another share) fails as 'wrong-key'. */
export async function openProtectedList(manifestKey: Uint8Array, passwordKey: Uint8Array, sealed: Uint8Array, shareId: string): Promise<Uint8Array> {
  return cobblestoneDecrypt(await protectedKey(manifestKey, passwordKey), sealed, encodeContext(CONTEXT_SHARE_PROTECTED, shareId));
}
