// Options shared by every Cobblestone-256 entry point, and how a backend choice is resolved.
import { loadAeadBackend, type AeadBackend, type AeadBackendChoice } from './aead-backend.js';
import { FormatError } from './format-error.js';

export interface CobblestoneOptions {
  /** Which AES-GCM implementation to use ([Note: AEAD backend seam]); default 'auto'. */
  backend?: AeadBackendChoice | AeadBackend;
  /** How many chunk operations may be pending at once ([Note: Chunks in flight]); default 16. */
  chunksInFlight?: number;
}

export interface CobblestoneEncryptOptions extends CobblestoneOptions {
  /**
   * A fixed 24-byte salt, for reproducing test vectors only. Never pass one in production: a salt
   * reused with the same key and context repeats the chunk key and nonces.
   */
  salt?: Uint8Array;
}

export interface CobblestoneDecryptOptions extends CobblestoneOptions {
  /**
   * The exact plaintext length, when the caller knows it (for a blob: the padded length). The
   * message size is then known in advance, so a short stream is reported as 'truncated' and any
   * extra byte as 'trailing-data', and no chunk waits for the next bytes before it is released.
   */
  plaintextLength?: number;
}

export function resolveBackend(backend: CobblestoneOptions['backend']): Promise<AeadBackend> {
  if (typeof backend === 'object' && backend !== null) return Promise.resolve(backend);
  return loadAeadBackend(backend ?? 'auto');
}

export function checkLength(length: number | undefined, what: string): void {
  if (length !== undefined && (!Number.isSafeInteger(length) || length < 0)) {
    throw new FormatError('bad-parameters', `${what} must be a whole number of bytes, 0 or more (got ${length}).`);
  }
}
