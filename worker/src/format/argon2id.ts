// Argon2id (RFC 9106, version 0x13) through hash-wasm: the raw primitive with no policy. The
// parameter floor and the password key split live in keys/password-keys.ts.
// [Note: Argon2id in a throwaway worker] Each derivation makes a WebAssembly instance with m KiB of
// memory (64 MiB for a password), which stays in the thread until a garbage collection happens to drop it:
// the PWA's crypto worker held ~65 MiB more from the moment of log-in (bench pwa: the tab's renderer idled
// at ~130 MiB, ~65 MiB after a forced collection). So the crypto worker hands Argon2id to a worker of its
// own made for the one derivation and ended after it (worker.ts, argon2id-worker.ts), which frees the
// memory at once. Elsewhere (Node, the tests) it runs in the calling thread.
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

/** Computes Argon2id from checked parameters; the default runs it in this thread. */
export type Argon2idRunner = (password: Uint8Array, salt: Uint8Array, cost: Argon2idCost, outputBytes: number) => Promise<Uint8Array>;

export const argon2idInThisThread: Argon2idRunner = (password, salt, cost, outputBytes) => hashWasmArgon2id({
  password,
  salt,
  memorySize: cost.memoryKiB,
  iterations: cost.iterations,
  parallelism: cost.parallelism,
  hashLength: outputBytes,
  outputType: 'binary',
});

let runner: Argon2idRunner = argon2idInThisThread;

/** Where every later derivation runs (the PWA's crypto worker: a throwaway worker). */
export function runArgon2idWith(next: Argon2idRunner): void {
  runner = next;
}

export async function argon2idRaw(
  password: Uint8Array, salt: Uint8Array, cost: Argon2idCost, outputBytes: number,
): Promise<Uint8Array> {
  for (const name of ['memoryKiB', 'iterations', 'parallelism'] as const) {
    const value = cost[name];
    if (!Number.isSafeInteger(value) || value < 1) throw new FormatError('bad-parameters', `Argon2id ${name} must be a positive whole number.`);
  }
  if (salt.length < 8) throw new FormatError('bad-parameters', 'An Argon2id salt must be at least 8 bytes.');
  return runner(password, salt, cost, outputBytes);
}
