// The pairing part of the crypto worker's comlink API, spread into worker.ts's `api` (like share-api):
// the PWA's side of [Note: Pairing protocol] in pairing.ts, as logic-free pass-throughs whose failures
// leave as serialized ClientErrors.
import { serializeClientError, toClientError } from './client-error.js';
import { PairingHost } from './pairing.js';
import type { VaultCore } from './vault-core.js';

function guard<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => { throw serializeClientError(toClientError(error)); });
}

export function pairingApi(core: VaultCore, origin: string) {
  const host = new PairingHost(core, origin);
  return {
    offerPairing: (options?: { expiresInSeconds?: number }) => guard(host.offer(options)),
    pairingState: (pairingId: string) => guard(host.state(pairingId)),
    confirmPairing: (pairingId: string) => guard(host.confirm(pairingId)),
    rejectPairing: (pairingId: string) => guard(host.reject(pairingId)),
  };
}
