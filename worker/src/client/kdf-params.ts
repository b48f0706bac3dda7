// Argon2id parameters on the wire (the relay's KdfParams, relay/src/config.ts) and in the key module
// (PasswordKdfParams) share one shape; converting here still copies field by field, so whatever the
// relay sends reaches the floor check (keys/password-kdf-params.ts) as plain numbers and names.
import { DEFAULT_PASSWORD_KDF, type PasswordKdfParams } from '../keys/password-kdf-params.js';
import type { RelayKdf } from './relay-api.js';

export function fromRelayKdf(kdf: RelayKdf): PasswordKdfParams {
  return {
    // An unknown algorithm name is passed on as is, so checkPasswordKdfParams refuses it by name.
    algorithm: kdf.algorithm as 'argon2id',
    version: kdf.version,
    memoryKiB: kdf.memoryKiB,
    iterations: kdf.iterations,
    parallelism: kdf.parallelism,
  };
}

export function toRelayKdf(params: PasswordKdfParams = DEFAULT_PASSWORD_KDF): RelayKdf {
  return { algorithm: params.algorithm, version: params.version, memoryKiB: params.memoryKiB, iterations: params.iterations, parallelism: params.parallelism };
}
