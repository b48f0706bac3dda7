// The password hashing parameters as data: stored per account, returned by the relay's pre-login
// call, raised over time. The client refuses anything below its floor (a relay can't downgrade a
// user to a cheap hash) or above its ceiling (nor exhaust the device's memory).
import { FormatError } from '../format/format-error.js';

export interface PasswordKdfParams {
  algorithm: 'argon2id';
  /** Argon2 version; only 0x13 (19) exists today. */
  version: number;
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

export const ARGON2_VERSION = 0x13;
/** Argon2id output length: split by HKDF into authKey and passwordKek. */
export const PASSWORD_MASTER_BYTES = 64;
export const PASSWORD_SALT_BYTES = 16;
export const PASSWORD_SALT_MAX_BYTES = 64;

/** What new accounts get (DESIGN.md §3): m = 64 MiB, t = 3, p = 1. */
export const DEFAULT_PASSWORD_KDF: PasswordKdfParams = Object.freeze({
  algorithm: 'argon2id', version: ARGON2_VERSION, memoryKiB: 64 * 1024, iterations: 3, parallelism: 1,
});

/** The floor: never less than the defaults. */
export const PASSWORD_KDF_FLOOR = Object.freeze({ memoryKiB: 64 * 1024, iterations: 3, parallelism: 1 });

/** The ceiling: what a phone's browser can still run. */
export const PASSWORD_KDF_CEILING = Object.freeze({ memoryKiB: 1024 * 1024, iterations: 64, parallelism: 16 });

function refuse(detail: string): FormatError {
  return new FormatError('bad-parameters',
    `The server asked for password hashing this app won't use (${detail}). Signing in was stopped to protect ` +
    'your password; if this keeps happening, the server may be misconfigured or tampered with.');
}

/** Throws 'bad-parameters' unless the parameters are within floor and ceiling. */
export function checkPasswordKdfParams(params: PasswordKdfParams, salt: Uint8Array): void {
  if (params.version !== ARGON2_VERSION) throw refuse(`Argon2 version ${params.version}`);
  if (params.algorithm !== 'argon2id') throw refuse(`algorithm ${String(params.algorithm)}`);
  for (const name of ['memoryKiB', 'iterations', 'parallelism'] as const) {
    const value = params[name];
    if (!Number.isSafeInteger(value)) throw refuse(`${name} is not a whole number`);
    if (value < PASSWORD_KDF_FLOOR[name]) throw refuse(`${name} ${value} is below the minimum ${PASSWORD_KDF_FLOOR[name]}`);
    if (value > PASSWORD_KDF_CEILING[name]) throw refuse(`${name} ${value} is above the maximum ${PASSWORD_KDF_CEILING[name]}`);
  }
  if (salt.length < PASSWORD_SALT_BYTES || salt.length > PASSWORD_SALT_MAX_BYTES) {
    throw refuse(`a ${salt.length}-byte salt`);
  }
}
