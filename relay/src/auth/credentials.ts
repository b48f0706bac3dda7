// Proof of the account's secret for login, password change and account deletion: exactly one of
// `authKey` (from the password) or `recoveryAuthKey` (from the recovery key), checked against the
// stored slow hash. Failures count toward the per-account limit; unknown names cost the same time.
import type { Fields } from '../http/fields.js';
import { HttpError } from '../http/http-error.js';
import type { Deps } from '../http/types.js';
import type { AccountRecord } from '../store/meta-records.js';
import { burnSecretCheck, verifySecret } from './password-hash.js';

export const AUTH_KEY_BYTES = 32;

export type ProofKind = 'password' | 'recovery';

export function readProof(f: Fields): { kind: ProofKind; key: Buffer } {
  const hasAuth = f.has('authKey');
  if (hasAuth === f.has('recoveryAuthKey')) {
    throw new HttpError(400, 'invalid_request', 'Send exactly one of "authKey" or "recoveryAuthKey".');
  }
  return hasAuth
    ? { kind: 'password', key: f.bytes('authKey', { exact: AUTH_KEY_BYTES, max: AUTH_KEY_BYTES }) }
    : { kind: 'recovery', key: f.bytes('recoveryAuthKey', { exact: AUTH_KEY_BYTES, max: AUTH_KEY_BYTES }) };
}

export function invalidCredentials(): HttpError {
  return new HttpError(401, 'invalid_credentials', 'Wrong name or password.');
}

/** Verifies the proof against `account` (null: unknown name, still spends the time). */
export async function checkProof(deps: Deps, account: AccountRecord | null, proof: { kind: ProofKind; key: Buffer }, limitKey: string): Promise<AccountRecord> {
  await deps.limiter.check(`login-fail:${limitKey}`, deps.config.rateLimits.loginFailuresPerAccount);
  if (!account) {
    await burnSecretCheck(deps.config.scrypt);
  } else if (await verifySecret(proof.key, proof.kind === 'password' ? account.authHash : account.recoveryHash)) {
    return account;
  }
  await deps.limiter.count(`login-fail:${limitKey}`, deps.config.rateLimits.loginFailuresPerAccount);
  throw invalidCredentials();
}
