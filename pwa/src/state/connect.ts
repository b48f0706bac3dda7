// The single place where the app gets its VaultClient: the main-thread adapter over the comlink worker
// and the relay API (see [Note: VaultClient contract] in vault-client.ts). Until that adapter lands,
// starting fails with a clear message instead of running on fake data.
import type { VaultClient } from './vault-client.js';
import { vaultError } from './vault-error.js';

export async function connectVaultClient(): Promise<VaultClient> {
  throw vaultError('unsupported', 'The VaultClient adapter (worker over comlink + relay) is not wired into this build yet.');
}
