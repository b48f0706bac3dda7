// Starts the crypto worker and returns the app's VaultClient; call once at start-up and pass the
// client down (no module-level singleton). Vite bundles the worker from worker/src/worker.ts.
import * as Comlink from 'comlink';
import type { WorkerApi } from '../../../worker/src/worker.js';
import type { VaultClient } from '../state/vault-client.js';
import { WorkerVaultClient } from './worker-vault-client.js';

export function createVaultClient(): VaultClient {
  const worker = new Worker(new URL('../../../worker/src/worker.ts', import.meta.url), { type: 'module', name: 'veilbox-crypto' });
  return new WorkerVaultClient(Comlink.wrap<WorkerApi>(worker));
}
