// Argon2id (RFC 9106, version 0x13) through hash-wasm: the raw primitive with no policy. The
// parameter floor and the password key split live in keys/password-keys.ts.
import { argon2id as hashWasmArgon2id } from 'hash-wasm';
import { FormatError } from './format-error.js';

export interface Argon2idCost {
  /** Memory in KiB (m). */
  memoryKiB: number;
  /** Passes over memory (t). */
  iterations: number;
  /** Lanes (p). */
  parallelism: number;
}

export async function argon2idRaw(
  password: Uint8Array, salt: Uint8Array, cost: Argon2idCost, outputBytes: number,
): Promise<Uint8Array> {
  for (const name of ['memoryKiB', 'iterations', 'parallelism'] as const) {
    const value = cost[name];
    if (!Number.isSafeInteger(value) || value < 1) throw new FormatError('bad-parameters', `Argon2id ${name} must be a positive whole number.`);
  }
  if (salt.length < 8) throw new FormatError('bad-parameters', 'An Argon2id salt must be at least 8 bytes.');
  return hashWasmArgon2id({
    password,
    salt,
    memorySize: cost.memoryKiB,
    iterations: cost.iterations,
    parallelism: cost.parallelism,
    hashLength: outputBytes,
    outputType: 'binary',
  });
}
