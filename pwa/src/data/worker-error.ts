// Rebuilds a VaultError from what the worker rejects with: a plain `{ __clientError, kind, message }`
// object ([Note: Error kinds across the worker boundary] in worker/src/client/client-error.ts).
// Anything else (the worker crashed, a comlink failure) becomes kind `server`.
import { isVaultError, vaultError } from '../state/vault-error.js';
import type { VaultError, VaultErrorKind } from '../state/vault-client.js';

interface WireError { __clientError: true; kind: VaultErrorKind; message: string; retryAfterMs?: number; nodeId?: string }

function isWireError(value: unknown): value is WireError {
  return typeof value === 'object' && value !== null && (value as { __clientError?: unknown }).__clientError === true;
}

export function fromWorkerError(error: unknown): VaultError {
  if (isVaultError(error)) return error;
  if (isWireError(error)) {
    const e = vaultError(error.kind, error.message, { retryAfterMs: error.retryAfterMs, nodeId: error.nodeId });
    // Not every wire kind may be known to this build of the UI; describeError still needs a kind it knows.
    return isVaultError(e) ? e : vaultError('server', error.message);
  }
  if (error instanceof DOMException && error.name === 'AbortError') return vaultError('cancelled');
  return vaultError('server', `The crypto worker failed: ${error instanceof Error ? error.message : String(error)}`);
}

/** Awaits a worker call, rethrowing as VaultError. */
export async function call<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    throw fromWorkerError(error);
  }
}
