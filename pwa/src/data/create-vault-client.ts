// Starts the crypto worker and returns the app's clients over it: the VaultClient and the
// ShareClient and DropClient share one worker (shares and drops need the unlocked vault). Call once at start-up and
// pass the clients down (no module-level singleton). Vite bundles the worker from worker/src/worker.ts.
import * as Comlink from 'comlink';
import type { WorkerApi } from '../../../worker/src/worker.js';
import type { DropClient } from '../state/drop-client.js';
import type { FolderSyncClient } from '../state/folder-sync-client.js';
import type { HelperClient } from '../state/helper-client.js';
import type { PairingClient } from '../state/pairing-client.js';
import type { ShareClient } from '../state/share-client.js';
import type { VaultClient } from '../state/vault-client.js';
import { WorkerDropClient } from './worker-drop-client.js';
import { WorkerFolderSyncClient } from './worker-folder-sync-client.js';
import { WorkerHelperClient } from './worker-helper-client.js';
import { WorkerPairingClient } from './worker-pairing-client.js';
import { WorkerShareClient } from './worker-share-client.js';
import { WorkerVaultClient } from './worker-vault-client.js';

export interface AppClients { vault: VaultClient; shares: ShareClient; drops: DropClient; pairing: PairingClient; helpers: HelperClient; folderSync: FolderSyncClient }

export function createClients(): AppClients {
  const worker = new Worker(new URL('../../../worker/src/worker.ts', import.meta.url), { type: 'module', name: 'veilbox-crypto' });
  const remote = Comlink.wrap<WorkerApi>(worker);
  return { vault: new WorkerVaultClient(remote), shares: new WorkerShareClient(remote), drops: new WorkerDropClient(remote), pairing: new WorkerPairingClient(remote), helpers: new WorkerHelperClient(remote), folderSync: new WorkerFolderSyncClient(remote) };
}

export function createVaultClient(): VaultClient {
  return createClients().vault;
}
