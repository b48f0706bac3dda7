// Account operations of the key hierarchy (DESIGN.md §3): sign-up, login with the password or the
// recovery key, password change, a new recovery key. Each returns the unlocked keys; nothing here keeps
// state (vault-core.ts does). Wrap contexts bind every wrap to the account id, which the client picks.
import { randomBytes } from '../format/bytes.js';
import { isFormatError } from '../format/format-error.js';
import { WRAP_KEY_TYPES } from '../keys/labels.js';
import { DEFAULT_PASSWORD_KDF, PASSWORD_SALT_BYTES } from '../keys/password-kdf-params.js';
import { derivePasswordKeys } from '../keys/password-keys.js';
import { deriveRecoveryKeys, generateRecoveryKey } from '../keys/recovery-key.js';
import { deriveNodeKey, generateVaultKey } from '../keys/vault-key.js';
import { unwrapKey, wrapKey } from '../keys/wrap.js';
import { decodeBase64url, encodeBase64url, newId } from './base64url.js';
import { ClientError, toClientError } from './client-error.js';
import { fromRelayKdf, toRelayKdf } from './kdf-params.js';
import { keyFromText } from './recovery-sheet.js';
import type { LoginAnswer, RelayApi, RelayKdf } from './relay-api.js';
import { isRelayError } from './relay-error.js';

export type UnlockMethod = 'password' | 'recovery-key' | 'device';

/** Everything an unlocked session holds. Wiped (filled with zeros) on lock. */
export interface UnlockedKeys {
  accountId: string;
  login: string;
  vaultKey: Uint8Array;
  nodeKey: Uint8Array;
  unlockedWith: UnlockMethod;
  /** The relay proof of this login, kept for later re-authenticated calls (password change, new recovery key). */
  proof: { authKey: Uint8Array } | { recoveryAuthKey: Uint8Array } | null;
  kdf: RelayKdf | null;
  salt: string | null;
  passwordWrap: string | null;
  revision: number;
}

export function wipeKeys(keys: UnlockedKeys): void {
  keys.vaultKey.fill(0);
  keys.nodeKey.fill(0);
  if (keys.proof) Object.values(keys.proof).forEach((k: Uint8Array) => k.fill(0));
}

async function unlocked(answer: LoginAnswer, vaultKey: Uint8Array, method: UnlockMethod, proof: UnlockedKeys['proof']): Promise<UnlockedKeys> {
  return {
    accountId: answer.accountId, login: answer.name, vaultKey, nodeKey: await deriveNodeKey(vaultKey), unlockedWith: method, proof,
    kdf: answer.kdf, salt: answer.salt, passwordWrap: answer.passwordWrap ?? null, revision: answer.revision,
  };
}

export async function signUp(api: RelayApi, login: string, password: string, invite?: string): Promise<{ keys: UnlockedKeys; recoveryKey: Uint8Array; answer: LoginAnswer }> {
  const accountId = newId();
  const salt = randomBytes(PASSWORD_SALT_BYTES);
  const { authKey, passwordKek } = await derivePasswordKeys(password, salt, DEFAULT_PASSWORD_KDF);
  const vaultKey = generateVaultKey();
  const recoveryKey = generateRecoveryKey();
  const { recoveryAuthKey, recoveryKek } = await deriveRecoveryKeys(recoveryKey);
  const [passwordWrap, recoveryWrap] = await Promise.all([
    wrapKey(passwordKek, vaultKey, WRAP_KEY_TYPES.vaultByPassword, accountId),
    wrapKey(recoveryKek, vaultKey, WRAP_KEY_TYPES.vaultByRecovery, accountId),
  ]);
  passwordKek.fill(0);
  recoveryKek.fill(0);
  let answer: LoginAnswer;
  try {
    answer = await api.signUp({
      name: login, accountId, kdf: toRelayKdf(DEFAULT_PASSWORD_KDF), salt: encodeBase64url(salt), authKey: encodeBase64url(authKey),
      passwordWrap: encodeBase64url(passwordWrap), recoveryWrap: encodeBase64url(recoveryWrap),
      recoveryAuthKey: encodeBase64url(recoveryAuthKey), ...(invite ? { invite } : {}),
    });
  } catch (error) {
    if (isRelayError(error, 'name_taken')) throw new ClientError('login-taken', error.message);
    if (isRelayError(error, 'invalid_request') && error.details.field === 'name') throw new ClientError('invalid-name', error.message);
    throw toClientError(error);
  }
  if (answer.token) api.token = answer.token;
  recoveryAuthKey.fill(0);
  return { keys: await unlocked(answer, vaultKey, 'password', { authKey }), recoveryKey, answer };
}

export async function logInWithPassword(api: RelayApi, login: string, password: string): Promise<UnlockedKeys> {
  try {
    const pre = await api.prelogin(login);
    const { authKey, passwordKek } = await derivePasswordKeys(password, decodeBase64url(pre.salt), fromRelayKdf(pre.kdf));
    const answer = await api.logIn(login, { authKey: encodeBase64url(authKey) });
    if (answer.token) api.token = answer.token;
    if (!answer.passwordWrap) throw new ClientError('server', 'The relay sent no wrapped vault key after login.');
    const vaultKey = await unwrapOrTampered(passwordKek, answer.passwordWrap, WRAP_KEY_TYPES.vaultByPassword, answer.accountId);
    passwordKek.fill(0);
    return await unlocked(answer, vaultKey, 'password', { authKey });
  } catch (error) {
    throw toClientError(error);
  }
}

/**
 * Opens the vault without the relay, from the unlock material this device kept at its last online
 * login (offline-store.ts): the password is checked by unwrapping the kept password wrap, whose key
 * commitment fails for a wrong password. The keys carry no relay proof (nothing can be re-authenticated
 * offline).
 */
export async function unlockOffline(kept: { accountId: string; login: string; kdf: RelayKdf; salt: string; passwordWrap: string }, password: string): Promise<UnlockedKeys> {
  const { authKey, passwordKek } = await derivePasswordKeys(password, decodeBase64url(kept.salt), fromRelayKdf(kept.kdf));
  authKey.fill(0);
  let vaultKey: Uint8Array;
  try {
    vaultKey = await unwrapKey(passwordKek, decodeBase64url(kept.passwordWrap), WRAP_KEY_TYPES.vaultByPassword, kept.accountId);
  } catch (error) {
    if (isFormatError(error)) throw new ClientError('wrong-password', 'Wrong password. (The server can\'t be reached, so it was checked against the copy kept on this device.)');
    throw error;
  } finally {
    passwordKek.fill(0);
  }
  return {
    accountId: kept.accountId, login: kept.login, vaultKey, nodeKey: await deriveNodeKey(vaultKey), unlockedWith: 'password', proof: null,
    kdf: kept.kdf, salt: kept.salt, passwordWrap: kept.passwordWrap, revision: 0,
  };
}

export async function logInWithRecoveryKey(api: RelayApi, login: string, keyText: string): Promise<UnlockedKeys> {
  try {
    const recoveryKey = keyFromText(keyText);
    const { recoveryAuthKey, recoveryKek } = await deriveRecoveryKeys(recoveryKey);
    recoveryKey.fill(0);
    const answer = await api.logIn(login, { recoveryAuthKey: encodeBase64url(recoveryAuthKey) });
    if (answer.token) api.token = answer.token;
    if (!answer.recoveryWrap) throw new ClientError('server', 'The relay sent no wrapped vault key after login.');
    const vaultKey = await unwrapOrTampered(recoveryKek, answer.recoveryWrap, WRAP_KEY_TYPES.vaultByRecovery, answer.accountId);
    recoveryKek.fill(0);
    return await unlocked(answer, vaultKey, 'recovery-key', { recoveryAuthKey });
  } catch (error) {
    if (isRelayError(error, 'invalid_credentials')) throw new ClientError('wrong-recovery-key', error.message);
    throw toClientError(error);
  }
}

/** The relay accepted our proof, so a wrap that won't open was altered (or belongs to another account). */
export async function unwrapOrTampered(kek: Uint8Array, wrapped: string, type: (typeof WRAP_KEY_TYPES)[keyof typeof WRAP_KEY_TYPES], owner: string): Promise<Uint8Array> {
  try {
    return await unwrapKey(kek, decodeBase64url(wrapped), type, owner);
  } catch (error) {
    if (isFormatError(error)) throw new ClientError('tampered', 'The relay handed out a wrapped vault key that does not open: it was changed on the server.');
    throw error;
  }
}

/**
 * Sets a new password: a fresh salt, keys from the current default parameters, a new wrap of the same
 * vault key. `proof` is the old password's authKey, or the recovery auth key after a recovery login.
 */
export async function changePassword(api: RelayApi, keys: UnlockedKeys, proof: { authKey: Uint8Array } | { recoveryAuthKey: Uint8Array }, newPassword: string): Promise<{ authKey: Uint8Array; kdf: RelayKdf; salt: string; passwordWrap: string }> {
  const salt = randomBytes(PASSWORD_SALT_BYTES);
  const { authKey, passwordKek } = await derivePasswordKeys(newPassword, salt, DEFAULT_PASSWORD_KDF);
  const wrap = encodeBase64url(await wrapKey(passwordKek, keys.vaultKey, WRAP_KEY_TYPES.vaultByPassword, keys.accountId));
  passwordKek.fill(0);
  const kdf = toRelayKdf(DEFAULT_PASSWORD_KDF);
  const wire = 'authKey' in proof ? { authKey: encodeBase64url(proof.authKey) } : { recoveryAuthKey: encodeBase64url(proof.recoveryAuthKey) };
  try {
    await api.changePassword(wire, { newKdf: kdf, newSalt: encodeBase64url(salt), newPasswordWrap: wrap, newAuthKey: encodeBase64url(authKey) });
  } catch (error) {
    throw toClientError(error);
  }
  return { authKey, kdf, salt: encodeBase64url(salt), passwordWrap: wrap };
}

/** Replaces the recovery key (the relay route re-sends the unchanged password credentials with it). */
export async function replaceRecoveryKey(api: RelayApi, keys: UnlockedKeys): Promise<Uint8Array> {
  if (!keys.proof || !('authKey' in keys.proof) || !keys.kdf || !keys.salt || !keys.passwordWrap) {
    throw new ClientError('wrong-password', 'Log in with your password to replace the recovery key.');
  }
  const recoveryKey = generateRecoveryKey();
  const { recoveryAuthKey, recoveryKek } = await deriveRecoveryKeys(recoveryKey);
  const wrap = await wrapKey(recoveryKek, keys.vaultKey, WRAP_KEY_TYPES.vaultByRecovery, keys.accountId);
  recoveryKek.fill(0);
  const authKey = encodeBase64url(keys.proof.authKey);
  try {
    await api.changePassword({ authKey }, {
      newKdf: keys.kdf, newSalt: keys.salt, newPasswordWrap: keys.passwordWrap, newAuthKey: authKey,
      newRecoveryWrap: encodeBase64url(wrap), newRecoveryAuthKey: encodeBase64url(recoveryAuthKey),
    });
  } catch (error) {
    throw toClientError(error);
  }
  return recoveryKey;
}
