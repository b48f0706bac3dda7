// The relay spells Argon2id parameters `{ alg, memoryKiB, iterations, parallelism }`; the key module
// spells them `PasswordKdfParams`. Converting here keeps the floor check (keys/password-kdf-params.ts)
// on every value the relay sends.
import { ARGON2_VERSION, DEFAULT_PASSWORD_KDF, type PasswordKdfParams } from '../keys/password-kdf-params.js';
import type { RelayKdf } from './relay-api.js';

export function fromRelayKdf(kdf: RelayKdf): PasswordKdfParams {
  return {
    // An unknown algorithm name is passed on as is, so checkPasswordKdfParams refuses it by name.
    algorithm: kdf.alg as 'argon2id',
    version: ARGON2_VERSION,
    memoryKiB: kdf.memoryKiB,
    iterations: kdf.iterations,
    parallelism: kdf.parallelism,
  };
}

export function toRelayKdf(params: PasswordKdfParams = DEFAULT_PASSWORD_KDF): RelayKdf {
  return { alg: params.algorithm, memoryKiB: params.memoryKiB, iterations: params.iterations, parallelism: params.parallelism };
}
