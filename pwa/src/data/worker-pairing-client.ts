// The main-thread PairingClient (pwa/src/state/pairing-client.ts) over the crypto worker's pairing calls
// (worker/src/client/pairing-api.ts): translation only, worker failures to VaultErrors.
import type * as Comlink from 'comlink';
import type { pairingApi } from '../../../worker/src/client/pairing-api.js';
import type { PairingClient, PairingOffer, PairingState } from '../state/pairing-client.js';
import { call } from './worker-error.js';

type PairingWorkerApi = ReturnType<typeof pairingApi>;

export class WorkerPairingClient implements PairingClient {
  constructor(private readonly worker: Comlink.Remote<PairingWorkerApi>) {}

  offer(): Promise<PairingOffer> { return call(this.worker.offerPairing()); }
  state(pairingId: string): Promise<PairingState> { return call(this.worker.pairingState(pairingId)); }
  confirm(pairingId: string): Promise<void> { return call(this.worker.confirmPairing(pairingId)); }
  reject(pairingId: string): Promise<void> { return call(this.worker.rejectPairing(pairingId)); }
}
